/** Errors of a corpus: each names the file and the reason, with a code scripts can match on. */

export type CorpusProblemCode =
  | 'CORPUS_DIR_UNREADABLE'
  | 'CORPUS_EMPTY'
  | 'FILE_UNREADABLE'
  | 'FILE_EMPTY'
  | 'FILE_BINARY'
  | 'FILE_NOT_UTF8'
  | 'FILE_NO_PASSAGES'
  | 'FILE_BAD_DATE'
  | 'DUPLICATE_ID'
  | 'METADATA_INVALID'
  | 'SYNONYMS_INVALID';

export interface CorpusProblem {
  code: CorpusProblemCode;
  /** The file the problem is in (as given to the loader), or the corpus folder. */
  file: string;
  reason: string;
}

/** A corpus that cannot be served; `problems` lists every problem found, not only the first. */
export class CorpusError extends Error {
  readonly code = 'CORPUS_INVALID';
  constructor(readonly problems: CorpusProblem[]) {
    super(`Invalid corpus:\n${problems.map((p) => `  - ${p.file}: ${p.reason}`).join('\n')}`);
    this.name = 'CorpusError';
  }
}
