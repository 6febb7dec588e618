/**
 * Wording and display helpers shared by every interface (CLI, Discord, Slack): the bot's own sentences
 * (refusals, errors, help), citation lines and excerpt shortening. Nothing here states a fact about the
 * story; facts only ever come from excerpts.
 */
import type { Answer, AskResult, Disagreement } from './answer.js';

/** "1 source", "5 sources". */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The bot's own sentences. None of them says anything about the story. */
export const messages = {
  refusal: 'No passage in the sources answers this.',
  suggestionsIntro: 'Questions the sources do answer:',
  noSupport: 'No passage in the sources confirms this message.',
  nearestIntro: 'Nearest passages (they do not confirm it; read them to judge):',
  unsupportedIntro: 'Not found in the sources:',
  emptyQuestion: 'Ask a question about the story, for example: "How many fake accounts were used?"',
  emptyMessage: 'That message has no text to check against the sources.',
  noClaim: 'That message makes no claim the sources could check.',
  notFoundCount: (count: number) =>
    `${counted(count, 'sentence')} of the message ${count === 1 ? 'was' : 'were'} not found in the sources (shown to whoever asked).`,
  moreBacked: (count: number) =>
    `${counted(count, 'more sentence')} of the message ${count === 1 ? 'is' : 'are'} backed by passages not shown here: check ${count === 1 ? 'it' : 'them'} on ${count === 1 ? 'its' : 'their'} own.`,
  ownMessage:
    'That is an answer of this bot: its excerpts are quoted from the sources, as its citations show.',
  error: 'Something went wrong while answering. Please try again.',
  restarting: 'The bot is restarting. Please ask again in a minute.',
  expired: 'This answer has expired: the sources have changed since it was given. Please ask again.',
  buttonUnusable: 'This button no longer works. Please ask again.',
  noMore: 'No more passages answer this question.',
  rateLimited: (seconds: number) =>
    `You are asking too quickly. Please wait ${counted(seconds, 'second')} and try again.`,
  questionTooLong: (max: number) =>
    `Questions are limited to ${max} characters; only the first ${max} were read.`,
  messageTooLong: (max: number) => `Only the first ${max} characters of the message were checked.`,
  unknownSource: (id: string) => `There is no source with id "${id}".`,
} as const;

/** Longest question read; longer ones are cut (and the user told so). */
export const MAX_QUESTION_LENGTH = 500;
/** Longest message checked by "Find sources". */
export const MAX_MESSAGE_LENGTH = 4000;

/** A user's question, cleaned for the index: control characters dropped, whitespace collapsed, length capped. */
export interface CleanText {
  text: string;
  /** The input was longer than the cap and was cut. */
  truncated: boolean;
}

/**
 * One line of plain text: control and zero-width characters dropped, whitespace collapsed, and
 * bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069) dropped too, since shown
 * back (an echoed question, a title before its date) an override would show what follows it reversed.
 */
export function plainLine(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Cleans user input before it reaches the index. */
export function cleanUserText(raw: string, max: number = MAX_QUESTION_LENGTH): CleanText {
  const text = plainLine(raw);
  if (text.length <= max) return { text, truncated: false };
  return { text: shorten(text, max, ''), truncated: true };
}

/**
 * Cleans a message to check ("Find sources") as `cleanUserText` does, line by line: its line breaks are
 * kept, since a list of claims often puts each on a line of its own with no full stop.
 */
export function cleanMessage(raw: string, max: number = MAX_MESSAGE_LENGTH): CleanText {
  const lines = raw
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map(plainLine)
    .filter((line) => line.length > 0);
  let text = '';
  for (const line of lines) {
    const room = max - text.length - (text ? 1 : 0);
    if (line.length > room) {
      const cut = room > 0 ? shorten(line, room, '') : '';
      return { text: cut ? `${text}${text ? '\n' : ''}${cut}` : text, truncated: true };
    }
    text += `${text ? '\n' : ''}${line}`;
  }
  return { text, truncated: false };
}

/**
 * Shortens `text` to at most `max` characters (UTF-16 units, as the platforms count) at a word boundary,
 * adding `ellipsis`. Whitespace is collapsed first; words are never cut or changed. A single word longer
 * than `max` is the one case cut inside a word, on a code point boundary.
 */
export function shorten(text: string, max: number, ellipsis = '…'): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const room = max - ellipsis.length;
  if (room <= 0) return ellipsis.slice(0, max);
  const cut = flat.slice(0, room + 1);
  const space = cut.lastIndexOf(' ');
  if (space > 0) return `${flat.slice(0, space).trimEnd()}${ellipsis}`;
  return `${Array.from(flat.slice(0, room))
    .join('')
    .replace(/[\ud800-\udbff]$/, '')}${ellipsis}`;
}

/** "2026-06-26", or "date unknown". */
export function dateLabel(published: string | null): string {
  return published ?? 'date unknown';
}

/** The parts of a citation, for each interface to lay out in its own markup. */
export interface CitationParts {
  title: string;
  /** Deep link to the passage, or null. */
  link: string | null;
  /** "startupfortune.com · 2026-06-26 · ¶ 3 · under “Key facts”" (unknown parts left out). */
  details: string;
  /** "Also reported by: A, B", or null. */
  corroboration: string | null;
}

export function citationParts(answer: Answer): CitationParts {
  // The section heading places the quote, and sometimes names what it is about ("Sen. Tim Scott and …").
  // Under the article's own headline, it would only repeat the title.
  const { section: heading } = answer.location;
  const section = heading && heading !== answer.source.title ? `under “${shorten(heading, 80)}”` : null;
  const details = [
    answer.source.publisher,
    dateLabel(answer.source.published),
    `¶ ${answer.location.paragraph}`,
    section,
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
  const corroboration =
    answer.corroboratedBy.length > 0
      ? `Also reported by: ${answer.corroboratedBy.map((c) => c.title).join('; ')}`
      : null;
  return { title: answer.source.title, link: answer.link, details, corroboration };
}

/**
 * "Sources differ on this figure: “28.8 million” (answers 1, 2) · “nearly 29 million” (answer 3)", or null.
 * The quoted values are verbatim from the excerpts.
 */
export function disagreementLine(disagreement: Disagreement | null, offset = 0): string | null {
  if (!disagreement) return null;
  const what = disagreement.kind === 'date' ? 'date' : 'figure';
  const values = disagreement.values.map((v) => {
    const numbers = v.answers.map((i) => offset + i + 1);
    return `“${v.text}” (${numbers.length === 1 ? 'answer' : 'answers'} ${numbers.join(', ')})`;
  });
  return `Sources differ on this ${what}: ${values.join(' · ')}`;
}

/** A line under an answer's citation, or one made to fit the room its renderer gives it. */
export type Label = string | ((max: number) => string);

/** The text of `label` for a room of `max` characters. */
export function labelWithin(label: Label, max: number): string {
  return typeof label === 'string' ? label : label(max);
}

/**
 * The label shown on a passage that Find sources shows as support: the message's sentences it backs, each
 * shortened to an equal share of `max` (at least a few words), and as many as fit, the rest counted.
 */
export function supportLabel(claims: string[], max = 600): string {
  const prefix = 'Supports: ';
  for (let shown = claims.length; ; shown--) {
    const more = claims.length > shown ? ` · +${claims.length - shown} more` : '';
    // Each quoted sentence costs its quotes and the " · " before the next.
    const each = Math.floor((max - prefix.length - more.length) / Math.max(1, shown)) - 5;
    if (each >= MIN_CLAIM_SHOWN || shown <= 1) {
      const quoted = claims
        .slice(0, shown)
        .map((claim) => `“${shorten(claim, Math.max(1, Math.min(200, each)))}”`);
      return `${prefix}${quoted.join(' · ')}${more}`;
    }
  }
}

/** The fewest characters of a backed sentence shown in a label: enough for a few words of it. */
const MIN_CLAIM_SHOWN = 40;

/** The label shown on an answer that is part of a disagreement, e.g. "Figure given: “28.8 million”". */
export function figureLabel(answer: Answer, result: Pick<AskResult, 'disagreement'>): string | null {
  if (!result.disagreement || !answer.figure) return null;
  return `${result.disagreement.kind === 'date' ? 'Date' : 'Figure'} given here: “${answer.figure.text}”`;
}

/**
 * Text for a terminal: control characters other than newline and tab, and bidirectional overrides, shown
 * as "�". An article (or a file name) holding an escape sequence would otherwise clear the screen, retitle
 * the window or show a disguised link, and an override would reverse the citation after it.
 */
export function forTerminal(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: showing control characters harmlessly is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

/** Plain-text rendering of a result, used by the CLI and the console. */
export function renderText(result: AskResult): string {
  if (result.answers.length === 0) {
    const lines: string[] = [messages.refusal];
    if (result.suggestions.length > 0) {
      lines.push(messages.suggestionsIntro, ...result.suggestions.map((s) => `  - ${s}`));
    }
    return lines.join('\n');
  }
  const blocks = result.answers.map((answer, i) => {
    const cite = citationParts(answer);
    const lines = [
      `${i + 1}. “${answer.excerpt.replace(/\s+/g, ' ').trim()}”`,
      `   — ${cite.title} (${cite.details})`,
    ];
    if (cite.link) lines.push(`   ${cite.link}`);
    const figure = figureLabel(answer, result);
    if (figure) lines.push(`   ${figure}`);
    if (cite.corroboration) lines.push(`   ${cite.corroboration}`);
    return lines.join('\n');
  });
  const differ = disagreementLine(result.disagreement);
  return [...blocks, ...(differ ? [differ] : [])].join('\n\n');
}
