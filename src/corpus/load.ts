/**
 * Reads a corpus folder: every `.txt`/`.md` article, the optional metadata file (`sources.json`) and
 * synonyms file (`synonyms.txt`). Effects (the file system) stay here; splitting and indexing are pure.
 */
import { createHash, type Hash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceRef } from '../answer.js';
import { plainLine, shorten } from '../present.js';
import { BoilerplateRules } from './boilerplate.js';
import { dayOf } from './dates.js';
import { CorpusError, type CorpusProblem, type CorpusProblemCode } from './errors.js';
import {
  type CorpusMetadata,
  ID_CHARACTERS,
  MAX_ID_LENGTH,
  METADATA_FILE,
  metadataSchema,
  SYNONYMS_FILE,
} from './metadata.js';
import { type PassageSpan, splitArticle } from './passages.js';

/** One article: its citation data, full text and passages. */
export interface Source extends SourceRef {
  /** The file's text, decoded as UTF-8; every passage offset points into it. */
  text: string;
  passages: PassageSpan[];
}

export interface Corpus {
  dir: string;
  sources: Source[];
  /** Groups of interchangeable words, from the synonyms file. */
  synonyms: string[][];
  /** Example questions from the metadata file. */
  suggestions: string[];
  /** Content hash of everything that shapes answers: articles, metadata and synonyms (12 hex digits). */
  version: string;
}

const ARTICLE = /\.(txt|md)$/i;
// ignoreBOM keeps a byte order mark in the text, as Node's readFile(…, 'utf8') does, so offsets match it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const NOT_ID_CHARACTERS = new RegExp(`[^${ID_CHARACTERS}]+`, 'gu');

/**
 * The id a file name gives, in the form a metadata id takes (letters, digits, ".", "_", "-"; at most 64),
 * so that it can be typed after `--source` and offered by Discord as it is: the name without its
 * extension, with anything else made "-" ("Crane story.md" → "Crane-story"). A name that must be cut, or
 * that has nothing left, ends in a hash of itself, so two files never share an id their names do not.
 */
function fileId(name: string): string {
  // NFC: a name written on macOS comes decomposed ("cafe" and a combining accent).
  const base = name.replace(ARTICLE, '').normalize('NFC');
  // Counted in code points, as the metadata id rule counts them: a cut never splits a character.
  const id = [...base.replace(NOT_ID_CHARACTERS, '-').replace(/^-+|-+$/g, '')];
  if (id.length > 0 && id.length <= MAX_ID_LENGTH) return id.join('');
  const hash = createHash('sha256').update(base).digest('hex').slice(0, 8);
  if (id.length === 0) return `article-${hash}`;
  return `${id
    .slice(0, MAX_ID_LENGTH - 9)
    .join('')
    .replace(/-+$/, '')}-${hash}`;
}

/**
 * An http(s) address as a browser sends it, or null: spaces, quotes and angle brackets percent-encoded
 * ("crane story.html" → "crane%20story.html"), which Discord requires of a link, and a pipe too, which
 * would end a Slack link.
 */
function webAddress(url: string | null): string | null {
  const parsed = url === null ? null : URL.parse(url.trim());
  return parsed && /^https?:$/.test(parsed.protocol) ? parsed.href.replace(/\|/g, '%7C') : null;
}

/** Loads and validates a corpus; throws a `CorpusError` that lists every problem found. */
export async function loadCorpus(dir: string): Promise<Corpus> {
  const problems: CorpusProblem[] = [];
  const hash = createHash('sha256');
  const shown = (file: string) => shownPath(dir, file);

  let names: string[];
  try {
    // A symbolic link is read as the file it points to (a Kubernetes ConfigMap mounts every file as one).
    // Hidden files are an editor's or a system's (".#a.md" lock links, "._a.md" resource forks), not articles.
    names = (await readdir(dir, { withFileTypes: true }))
      .filter(
        (entry) =>
          (entry.isFile() || entry.isSymbolicLink()) &&
          !entry.name.startsWith('.') &&
          ARTICLE.test(entry.name) &&
          entry.name !== SYNONYMS_FILE,
      )
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new CorpusError([
      { code: 'CORPUS_DIR_UNREADABLE', file: dir, reason: `cannot read the folder (${errorCode(error)})` },
    ]);
  }
  if (names.length === 0) {
    throw new CorpusError([
      { code: 'CORPUS_EMPTY', file: dir, reason: 'no .txt or .md articles in this folder' },
    ]);
  }

  const metadata = await readMetadata(dir, shown(METADATA_FILE), problems, hash);
  const synonyms = await readSynonyms(dir, shown(SYNONYMS_FILE), problems, hash);
  const rules = new BoilerplateRules(metadata.boilerplate, metadata.boilerplateSections);

  const sources: Source[] = [];
  const ids = new Map<string, string>();
  for (const name of names) {
    const file = shown(name);
    const text = await readArticle(path.join(dir, name), file, problems);
    if (text === null) continue;
    hash.update(`\0${name}\0${text}`);
    const meta = metadata.sources[name] ?? {};
    const id = meta.id ?? fileId(name);
    const clash = ids.get(id);
    if (clash) {
      problems.push({ code: 'DUPLICATE_ID', file, reason: `id "${id}" is already used by ${clash}` });
      continue;
    }
    ids.set(id, file);
    const split = splitArticle(text, rules);
    // The metadata file's date, when it gives one, stands instead of the text's, which is then not read.
    const written = meta.published === undefined ? split.published : null;
    const published = written === null ? (meta.published ?? null) : dayOf(written);
    if (written !== null && published === null) {
      problems.push({
        code: 'FILE_BAD_DATE',
        file,
        reason: `gives the date "${shorten(written, 60)}", which is not a day of a year (write 2026-06-26 or June 26, 2026)`,
      });
      continue;
    }
    if (split.passages.length === 0) {
      problems.push({
        code: 'FILE_NO_PASSAGES',
        file,
        reason: 'has nothing to quote: only headings, boilerplate or lines too short to be passages',
      });
      continue;
    }
    const firstLine = split.firstLine ? shorten(split.firstLine, 120) : name;
    sources.push({
      id,
      title: (meta.title === undefined ? '' : plainLine(meta.title)) || firstLine,
      url: webAddress(meta.url === undefined ? split.url : meta.url),
      publisher: (meta.publisher && plainLine(meta.publisher)) || null,
      published,
      path: file,
      text,
      passages: split.passages,
    });
  }
  for (const name of Object.keys(metadata.sources)) {
    if (!names.includes(name)) {
      problems.push({
        code: 'METADATA_INVALID',
        file: shown(METADATA_FILE),
        reason: `describes "${name}", which is not in the folder`,
      });
    }
  }
  if (problems.length > 0) throw new CorpusError(problems);
  return {
    dir,
    sources,
    synonyms,
    suggestions: metadata.suggestions,
    version: hash.digest('hex').slice(0, 12),
  };
}

const NOT_UTF8 = 'is not valid UTF-8 text';

/** The bytes as UTF-8 text, byte order mark kept; `null` when they are not UTF-8. */
function decode(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

async function readArticle(file: string, shownAs: string, problems: CorpusProblem[]): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    problems.push({ code: 'FILE_UNREADABLE', file: shownAs, reason: `cannot be read (${errorCode(error)})` });
    return null;
  }
  if (bytes.includes(0)) {
    problems.push({ code: 'FILE_BINARY', file: shownAs, reason: 'is binary (contains NUL bytes), not text' });
    return null;
  }
  const text = decode(bytes);
  if (text === null) {
    problems.push({ code: 'FILE_NOT_UTF8', file: shownAs, reason: NOT_UTF8 });
    return null;
  }
  if (text.trim().length === 0) {
    problems.push({ code: 'FILE_EMPTY', file: shownAs, reason: 'is empty' });
    return null;
  }
  return text;
}

/**
 * Reads one of the corpus's optional files (metadata, synonyms) into the corpus hash; `null` when it is
 * absent or unreadable (then a problem with `code` is recorded).
 */
async function readOptional(
  dir: string,
  name: string,
  code: CorpusProblemCode,
  problems: CorpusProblem[],
  hash: Hash,
): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, name));
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') {
      problems.push({ code, file: shownPath(dir, name), reason: `cannot be read (${errorCode(error)})` });
    }
    return null;
  }
  const raw = decode(bytes);
  if (raw === null) {
    problems.push({ code, file: shownPath(dir, name), reason: NOT_UTF8 });
    return null;
  }
  hash.update(`\0${name}\0${raw}`);
  // A byte order mark (Notepad, PowerShell 5) is not part of the content.
  return raw.replace(/^\uFEFF/, '');
}

async function readMetadata(
  dir: string,
  shownAs: string,
  problems: CorpusProblem[],
  hash: Hash,
): Promise<CorpusMetadata> {
  const empty = metadataSchema.parse({});
  const raw = await readOptional(dir, METADATA_FILE, 'METADATA_INVALID', problems, hash);
  if (raw === null) return empty;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    problems.push({
      code: 'METADATA_INVALID',
      file: shownAs,
      reason: `is not valid JSON (${(error as Error).message})`,
    });
    return empty;
  }
  const parsed = metadataSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    problems.push({
      code: 'METADATA_INVALID',
      file: shownAs,
      reason: `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    });
  }
  return empty;
}

/**
 * The synonyms file: one group of interchangeable single words per line, separated by commas
 * ("fake, fraudulent, bogus"); `#` starts a comment.
 */
async function readSynonyms(
  dir: string,
  shownAs: string,
  problems: CorpusProblem[],
  hash: Hash,
): Promise<string[][]> {
  const raw = await readOptional(dir, SYNONYMS_FILE, 'SYNONYMS_INVALID', problems, hash);
  if (raw === null) return [];
  const groups: string[][] = [];
  raw.split(/\r?\n/).forEach((line, i) => {
    const body = line.replace(/#.*/, '').trim();
    if (!body) return;
    const words = body
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean);
    const invalid = words.find((w) => !/^[\p{L}\p{N}'.-]+$/u.test(w));
    if (invalid !== undefined) {
      problems.push({
        code: 'SYNONYMS_INVALID',
        file: `${shownAs}:${i + 1}`,
        reason: `"${invalid}" is not a single word`,
      });
    } else if (words.length < 2) {
      problems.push({
        code: 'SYNONYMS_INVALID',
        file: `${shownAs}:${i + 1}`,
        reason: 'a group needs at least two words',
      });
    } else {
      groups.push(words);
    }
  });
  return groups;
}

/** A file's path as users see it: relative to the working directory. */
export function shownPath(dir: string, file: string): string {
  return path.relative(process.cwd(), path.join(dir, file)) || file;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? String(error);
}
