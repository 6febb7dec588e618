// Public API of the index; implementation in progress.
import type { AskOptions, AskResult, FindSourcesResult, SourceSummary } from '../answer.js';

export interface FactsIndex {
  /** Content hash of the corpus (12 hex characters). */
  readonly version: string;
  readonly passageCount: number;
  ask(question: string, options?: AskOptions): AskResult;
  findSources(text: string): FindSourcesResult;
  /** Up to `limit` (default 25, each ≤ 100 chars) completions of what the user is typing. */
  suggest(prefix: string, limit?: number): string[];
  sources(): SourceSummary[];
}
