/**
 * The answer model every interface renders: the CLI, the Discord embeds and the Slack blocks.
 *
 * An answer is never text of our own: `excerpt` is always `source text.slice(location.start, location.end)`
 * of the file the source was read from. Field names are a contract (see DESIGN.md, "CLI JSON").
 */

/** One article of the corpus, as cited. */
export interface SourceRef {
  /** Stable id: the file name without its extension, unless the metadata file says otherwise. */
  id: string;
  /** The article's headline. */
  title: string;
  /** The article's address on the web, or `null` when neither the metadata nor the text gives one. */
  url: string | null;
  /** Who published it, or `null` when unknown. */
  publisher: string | null;
  /** Publication date as `YYYY-MM-DD`, or `null` when the metadata and the text do not show one. */
  published: string | null;
  /** Path of the file, relative to the working directory the corpus was loaded from. */
  path: string;
}

/** Where an excerpt stands in its source file. */
export interface Location {
  /** Offset of the first character (JavaScript string index into the file read as UTF-8). */
  start: number;
  /** Offset one past the last character. */
  end: number;
  /** 1-based number of the paragraph (content block) the excerpt belongs to. */
  paragraph: number;
  /** The section heading the excerpt stands under, or `null` before the first heading. */
  section: string | null;
}

/** A number or date stated in an excerpt, quoted verbatim from the source. */
export interface Figure {
  /** The words as written, e.g. "roughly 28.8 million" or "June 10, 2026". */
  text: string;
  /** What it means, normalised so that figures from different sources compare: "28800000", "2026-06-10". */
  value: string;
  kind: 'number' | 'date';
  start: number;
  end: number;
}

/** Another source that states the same fact as an answer. */
export interface Corroboration {
  id: string;
  title: string;
  /** Deep link to the corroborating passage, or `null` when that source has no URL. */
  link: string | null;
}

/** One cited excerpt. */
export interface Answer {
  /** Verbatim text of the source: equals the file's `text.slice(location.start, location.end)`. */
  excerpt: string;
  /** Ranking score; only meaningful relative to other answers of the same query. */
  score: number;
  location: Location;
  source: SourceRef;
  /** Link to the passage itself (a URL text fragment `#:~:text=`), or `null` when the source has no URL. */
  link: string | null;
  /** Other sources that state the same fact. */
  corroboratedBy: Corroboration[];
  /** The figure or date this excerpt gives for the question, when the question asks for one. */
  figure: Figure | null;
  /** Content hash of the corpus that produced this answer, so the answer can be reproduced. */
  corpusVersion: string;
}

/** Sources give different figures or dates for what the question asks. */
export interface Disagreement {
  kind: 'number' | 'date';
  /** One entry per distinct value, in ranking order; `answers` are indexes into `AskResult.answers`. */
  values: Array<{ value: string; text: string; answers: number[] }>;
}

/** What kind of fact a question asks for. */
export type QuestionKind = 'number' | 'date' | 'who' | 'definition' | 'reason' | 'other';

/** The result of one question. */
export interface AskResult {
  /** The question as read: control characters removed, white space collapsed, cut at 500 characters. */
  query: string;
  /** Best first. Empty when nothing in the corpus answers the question (a refusal). */
  answers: Answer[];
  /** Set when the answers give different figures or dates for what was asked. */
  disagreement: Disagreement | null;
  /** Whether more answers exist past this page (for "More" buttons). */
  hasMore: boolean;
  /** Questions the corpus does answer, nearest to this one first; filled when `answers` is empty. */
  suggestions: string[];
  corpusVersion: string;
}

/** A passage that supports claims of a message, with the sentences of the message it backs. */
export interface Support extends Answer {
  claims: string[];
}

/** The result of checking a message's claims against the corpus ("Find sources"). */
export interface FindSourcesResult {
  /** The message text that was checked. */
  text: string;
  /**
   * How many of the message's sentences were checked as claims: a sentence needs at least two words the
   * sources could speak to (not a bare link, a mention, "lol 👍" or "Alibaba did it."). 0: nothing to check.
   */
  claims: number;
  /** The message was longer than the bot checks (MAX_MESSAGE_LENGTH): the rest was not checked. */
  truncated: boolean;
  /**
   * Passages that support claims of the message (empty when nothing supports it): each backed claim's best
   * passage, in the message's order, then the next best.
   */
  supporting: Support[];
  /** How many backed sentences of the message have no passage shown (past the most passages shown). */
  moreBacked: number;
  /** When some claims are supported: the sentences of the message that no passage supports. */
  unsupported: string[];
  /** When nothing supports the message: the nearest passages, to be labelled as not supporting it. */
  nearest: Answer[];
  corpusVersion: string;
}

/** Options of `FactsIndex.ask`. */
export interface AskOptions {
  /** How many answers to return. Default 3, at most 20. */
  k?: number;
  /** Skip this many answers (paging). Default 0. */
  offset?: number;
  /** Only answer from the source with this id. */
  source?: string;
}

/** A source as listed by `facts sources`, `/sources` and `/facts sources`. */
export interface SourceSummary extends SourceRef {
  /** Number of passages indexed from it. */
  passages: number;
}
