/**
 * Splits an article into passages: short, exact spans of its text that can be quoted alone. A passage is a
 * sentence (two when one is a fragment), a table row (indexed with its header), or a bullet item. Each
 * knows its `[start, end)` offsets in the file, its paragraph number and its section heading.
 */
import { get_sentence_boundaries } from 'sentencex';
import { isMap, isScalar, parseDocument } from 'yaml';
import { plainLine } from '../present.js';
import { BoilerplateRules } from './boilerplate.js';
import { dayOf } from './dates.js';

export interface PassageSpan {
  start: number;
  end: number;
  /** 1-based number of the content block (paragraph, list item or table). */
  paragraph: number;
  section: string | null;
  kind: 'sentence' | 'row' | 'item';
  /** For a table row: the header row's text, indexed with the row so "figure" matches "~25,000". */
  context: string | null;
  /** The question standing alone as a paragraph above it in its section (an FAQ), which it answers. */
  question: string | null;
}

interface Line {
  /** Offsets of the line without its surrounding white space. */
  start: number;
  end: number;
  text: string;
}

/** A sentence of fewer words is a fragment ("That is about six weeks.") and is kept with its neighbour. */
const MIN_SENTENCE_WORDS = 6;
/** A block of fewer words is a label ("Key facts", "THE SIGNAL."), never a passage. */
const MIN_BLOCK_WORDS = 4;
/** A line of at most this many words without closing punctuation is a heading. */
const MAX_HEADING_WORDS = 12;
/** A list item longer than this is split into sentences like a paragraph. */
const MAX_ITEM_LENGTH = 400;
/**
 * A sentence longer than this (text with little punctuation: a transcript, scraped copy) is cut at word
 * breaks into passages of at most this length. The bundled articles' longest sentence has 505 characters.
 */
const MAX_SENTENCE_LENGTH = 1000;

const METADATA_LINE = /^>\s*(source|published|updated|author|date)\s*:/i;
const MARKDOWN_HEADING = /^#{1,6}\s+/;
const TABLE_SEPARATOR = /^\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*\|?$/;
/** How a sentence ends: its punctuation, then any closing quote, bracket or emphasis and reference markers ("2026.[1]"). */
const SENTENCE_END = /[.!?…。！？؟‼।]["”’'»)\]*_~]*(\s*\[\d+\])*$/u;
/** A horizontal rule ("---", "* * *"), or the underline of the heading above it ("=====", "-----"). */
const HORIZONTAL_RULE = /^([-=*_])(?:\s*\1){2,}$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)$/;
const BULLET = /^([-*•▪‣◦]|\d{1,3}[.)])\s+/u;
const LONE_MARKER = /^([-*•▪‣◦]|\d{1,3}[.)])$/u;
/** Sentence-closing punctuation, possibly inside a bracket or before reference markers: "abroad.)", "2026.[1][9]". */
const CLOSING_PUNCTUATION = /[.!?;:,"”’](\)|\[\d+\])*$/u;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The text's lines, each trimmed, with exact offsets; blank lines are kept as empty text. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  // Each line with its break ("\r\n", "\n" or "\r"); the break is not part of the line.
  for (const match of text.matchAll(/([^\r\n]*)(\r\n|\n|\r|$)/g)) {
    const raw = match[1] ?? '';
    if (match[0].length === 0 && match.index >= text.length && lines.length > 0) break;
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    lines.push({ start: match.index + lead, end: match.index + lead + body.length, text: body });
    if (match[0].length === 0) break;
  }
  return lines;
}

/** Heading text for display: markdown markers and emphasis removed. */
function headingText(line: string): string {
  return plainLine(line.replace(MARKDOWN_HEADING, '').replace(/^[*_]+|[*_]+$/g, ''));
}

function isHeading(line: string): boolean {
  if (MARKDOWN_HEADING.test(line)) return true;
  const words = wordCount(line);
  if (words < MIN_BLOCK_WORDS && !line.endsWith('?')) return true;
  if (words > MAX_HEADING_WORDS) return false;
  // A question in Title Case is a heading ("If It Copies This Cheaply, How Big Was the Moat?");
  // one in sentence case is an FAQ question, kept as a passage.
  if (line.endsWith('?')) return isTitleCase(line);
  return !CLOSING_PUNCTUATION.test(line) && !/^["“]/u.test(line);
}

/** Most words of four letters or more are capitalised (short words — "the", "of", "How" — do not count). */
function isTitleCase(line: string): boolean {
  const long = line.split(/\s+/).filter((w) => /^[\p{L}'’-]{4,}[?,.:]?$/u.test(w));
  return long.length >= 3 && long.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.8 * long.length;
}

/**
 * Joins hard-wrapped lines: a line that does not end a sentence, followed by one that starts in lower case,
 * continues it ("… on Monday because" / "it had ignored …"). Tables (and two lines with pipes, rows of a
 * table without outer pipes), lines with two pipes or more outside brackets (a row, a video title), list
 * items that follow, headings, rules and header lines are never joined to.
 */
function joinWrapped(text: string, lines: Line[]): Line[] {
  const joined: Line[] = [];
  for (const line of lines) {
    const last = joined.at(-1);
    const continues =
      last !== undefined &&
      last.text.length > 0 &&
      !(last.text.includes('|') && line.text.includes('|')) &&
      !/\|[^|]*\|/.test(last.text.replace(/\([^)]*\)/g, '')) &&
      !MARKDOWN_HEADING.test(last.text) &&
      !HORIZONTAL_RULE.test(last.text) &&
      !METADATA_LINE.test(last.text) &&
      !/[.!?:]["”’)]*$/u.test(last.text) &&
      /^\p{Ll}/u.test(line.text);
    if (continues) {
      last.end = line.end;
      last.text = text.slice(last.start, last.end);
    } else {
      joined.push({ ...line });
    }
  }
  return joined;
}

/**
 * Sentence spans of `text[start, end)`, by sentencex (Wikimedia's segmenter: abbreviations such as "U.S.",
 * "Sen.", "Mr.", decimals, quotes and "[1]" markers). It counts code points; offsets here are UTF-16.
 */
export function sentenceSpans(text: string, start: number, end: number): Array<[number, number]> {
  const block = text.slice(start, end);
  const utf16At: number[] = [];
  let unit = 0;
  for (const char of block) {
    utf16At.push(unit);
    unit += char.length;
  }
  utf16At.push(unit);
  const spans: Array<[number, number]> = [];
  for (const boundary of get_sentence_boundaries('en', block)) {
    let s = start + (utf16At[boundary.start_index] ?? block.length);
    let e = start + (utf16At[boundary.end_index] ?? block.length);
    while (s < e && /\s/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    const last = spans.at(-1);
    // Reference markers set apart from the sentence they cite ("… letter.” [1] The firm …") stay with it, as
    // does the end of an emphasis right after it ("**Key point.** The firm …"; not a lone "*" after a space).
    const marker = last ? /^(?:(?:\[\d{1,3}\])+|[*_~]+)(?=\s|$)/.exec(text.slice(s, e)) : null;
    if (last && marker && (marker[0].startsWith('[') || last[1] === s)) {
      last[1] = s + marker[0].length;
      s = last[1];
      while (s < e && /\s/.test(text[s] ?? '')) s++;
    }
    // sentencex reads long text in chunks, and a chunk's end falls anywhere, inside a word too: a sentence
    // that does not end as sentences do goes on into the next span.
    if (last && e > s && !SENTENCE_END.test(text.slice(last[0], last[1]))) last[1] = e;
    else if (e > s) spans.push([s, e]);
  }
  return spans;
}

/** Joins fragments to a neighbouring sentence of the same paragraph. */
function mergeFragments(text: string, spans: Array<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  let pending: number | null = null; // start of a leading fragment waiting for the next sentence
  for (const [s, e] of spans) {
    const fragment = wordCount(text.slice(s, e)) < MIN_SENTENCE_WORDS;
    const last = merged.at(-1);
    if (pending !== null) {
      merged.push([pending, e]);
      pending = null;
    } else if (fragment && last) {
      last[1] = e;
    } else if (fragment) {
      pending = s;
    } else {
      merged.push([s, e]);
    }
  }
  if (pending !== null) {
    const last = merged.at(-1);
    if (last) last[1] = spans.at(-1)?.[1] ?? last[1];
    else merged.push([pending, spans.at(-1)?.[1] ?? pending]);
  }
  return merged;
}

/** `[start, end)` cut at word breaks into pieces of at most `max` characters (a longer word is cut). */
function wordPieces(text: string, [start, end]: [number, number], max: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let s = start;
  while (end - s > max) {
    const space = text.slice(s, s + max + 1).search(/\s\S*$/);
    let cut = space > 0 ? s + space : s + max;
    // Not between the two halves of a surrogate pair.
    if (space <= 0 && /[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--;
    let e = cut;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    if (e > s) pieces.push([s, e]);
    s = cut;
    while (s < end && /\s/.test(text[s] ?? '')) s++;
  }
  if (end > s) pieces.push([s, end]);
  return pieces;
}

/** Keys of which front matter has at least one: a file that opens with "---" and "Update: …" has none. */
const FRONT_MATTER_KEYS = new Set([
  'title',
  'date',
  'published',
  'pubdate',
  'url',
  'source',
  'link',
  'canonical_url',
  'author',
  'authors',
  'tags',
  'categories',
  'layout',
  'description',
  'slug',
  'draft',
  'headline',
  'lang',
]);

/** What the YAML front matter of a markdown file says ("---", "title: …", "date: …", "---"), and its size. */
interface FrontMatter {
  /** Lines it takes, fences included; 0 without front matter. */
  lines: number;
  title: string | null;
  url: string | null;
  published: string | null;
}

const YES_NO = /^\s*(y|yes|n|no|on|off|true|false)\s*$/i;

/**
 * The keys (lower case) and values of a front matter block, or null when it is no mapping of one-word
 * keys, or holds prose. Read as YAML; a block that is no valid YAML, as a headline with a colon or an
 * asterisk leaves it ("title: Analysis: why the crane fell"), is read line by line instead.
 */
function frontMatterValues(source: string): Map<string, unknown> | null {
  const document = parseDocument(source, { uniqueKeys: false });
  let data: unknown;
  try {
    data = document.errors.length === 0 ? document.toJS() : undefined;
  } catch {
    data = undefined; // an alias to nothing ("title: *Breaking* …"), or too many
  }
  if (data === undefined) return keyValueLines(source);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const entries = Object.entries(data);
  // Keys that are phrases ("The mayor said on Monday: …") are paragraphs that hold a colon; a plain value
  // that goes on past a blank line ("Source: Reuters", then indented paragraphs) is prose between rules.
  if (entries.some(([key]) => /\s/.test(key))) return null;
  const contents = document.contents;
  if (
    isMap(contents) &&
    contents.items.some(
      ({ value }) => isScalar(value) && value.type === 'PLAIN' && String(value.value).includes('\n'),
    )
  )
    return null;
  return new Map(entries.map(([key, value]) => [key.toLowerCase(), value]));
}

/**
 * Front matter that is no valid YAML, read line by line: `key: value` lines (a one-word key), comments and
 * list items, and indented lines that go on with the value above them (a value wrapped over lines, a block
 * scalar `|` or `>`, a quote not yet closed) or nest structure. Null when a line is none of these: indented
 * prose after a blank line under a value, or a paragraph that holds a colon.
 */
function keyValueLines(source: string): Map<string, string> | null {
  const parts = new Map<string, string[]>();
  let last: string[] | undefined; // the parts of the value that indented lines go on with
  let block = false; // that value is a block scalar or an open quote: blank lines and "#" are part of it
  let blank = false;
  for (const line of source.split(/\r\n|\n|\r/)) {
    if (line.trim() === '') {
      blank = true;
      continue;
    }
    const indented = /^\s/.test(line);
    if (indented && last && (block || !blank)) {
      last.push(line.trim());
      // A quoted value closes on the line that ends with its quote.
      if (block && /^["']/.test(last[0] ?? '') && line.trimEnd().endsWith(last[0]?.[0] ?? '')) block = false;
    } else if (indented) {
      if (!/^\s+(-(\s|$)|[^\s:]+\s*:(\s|$))/.test(line)) return null;
    } else if (!line.startsWith('#')) {
      last = undefined;
      block = false;
      if (!/^-(\s|$)/.test(line)) {
        const match = /^(?:"([^"]*)"|'([^']*)'|([^\s:"'][^\s:]*))\s*:(?:\s+(.*))?$/.exec(line);
        if (!match) return null;
        const key = (match[1] ?? match[2] ?? match[3] ?? '').toLowerCase();
        const written = (match[4] ?? '').trim();
        const blockScalar = /^[|>][-+\d]*(\s+#.*)?$/.test(written);
        const quoted = /^["']/.test(written);
        block = blockScalar || (quoted && !/^(["']).*\1$/.test(written));
        // An unquoted value ends at a comment.
        const value = blockScalar ? '' : quoted ? written : written.replace(/\s+#.*$/, '');
        last = value === '' ? [] : [value];
        parts.set(key, last);
      }
    }
    blank = false;
  }
  const values = new Map<string, string>();
  for (const [key, value] of parts) values.set(key, value.join(' ').replace(/^(["'])(.*)\1$/s, '$2'));
  return values;
}

/** Front matter closes within this many characters: a "---" rule further down closes no front matter. */
const FRONT_MATTER_MAX = 64 * 1024;

/**
 * Front matter is at the very top, between "---" fences: a YAML mapping (read by the `yaml` package, so
 * comments, lists, nested maps and values over several lines are read too) whose keys are single words,
 * at least one of them a usual one (FRONT_MATTER_KEYS). A file that opens with a rule and a list, with
 * "Update: …" and "Correction: …" lines, or with paragraphs that hold a colon (whose "keys" would be
 * phrases), is not front matter.
 */
function frontMatter(text: string, lines: Line[]): FrontMatter {
  const none: FrontMatter = { lines: 0, title: null, url: null, published: null };
  const [open] = lines;
  const end = lines.findIndex(
    (line, i) => i > 0 && (line.text === '---' || line.text === '...' || line.start > FRONT_MATTER_MAX),
  );
  const close = lines[end];
  if (open?.text !== '---' || !close || close.start > FRONT_MATTER_MAX) return none;
  const values = frontMatterValues(text.slice(open.end, close.start));
  if (values === null) return none;
  if (![...values.keys()].some((key) => FRONT_MATTER_KEYS.has(key))) return none;
  /** The text of the first of `keys` given that `accept` takes, in that order of preference. */
  const field = (keys: string[], accept = (_text: string) => true): string | null => {
    for (const key of keys) {
      const value = values.get(key);
      const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : null;
      if (text !== null && accept(text)) return text;
    }
    return null;
  };
  const title = field(['title']);
  return {
    lines: end + 1,
    title: title === null ? null : plainLine(title) || null,
    url: field(['url', 'source', 'link', 'canonical_url'], (url) => /^https?:\/\//i.test(url)),
    // A yes/no flag is no date (Jekyll's `published: true`; YAML 1.2 reads `yes` and `no` as text).
    published: field(['date', 'published', 'pubdate'], (date) => !YES_NO.test(date)),
  };
}

function tableCells(line: string): string {
  return line
    .split('|')
    .map((cell) => cell.trim())
    .filter(Boolean)
    .join(' · ');
}

/** What the splitter found in an article. */
export interface SplitArticle {
  passages: PassageSpan[];
  /**
   * The front matter's title, else the first heading or the first sentence of the first content line
   * (markdown markers removed), for a source without a metadata title.
   */
  firstLine: string | null;
  /** The front matter's URL or a `> Source: <url>` header line's, as written, if any. */
  url: string | null;
  /** The front matter's date or a `> Published: …` (or `> Date: …`) header line's, as written, if any. */
  published: string | null;
}

export function splitArticle(text: string, rules: BoilerplateRules): SplitArticle {
  const all = splitLines(text);
  const front = frontMatter(text, all);
  const lines = joinWrapped(text, all.slice(front.lines));
  const passages: PassageSpan[] = [];
  let { title: firstLine, url, published } = front;
  let section: string | null = null;
  let question: string | null = null;
  let paragraph = 0;
  let inHeader = true;
  /** Where the title ends when it is the first line of text (not a heading): its passages are no body. */
  let titleEnd = 0;
  let previous = '';
  let tableHeader: string | null = null;
  // Inside a section the corpus marks as boilerplate ("The Crowd"), everything up to the next markdown heading is skipped.
  let skippingSection = false;

  const nextText = (i: number): string => lines.slice(i + 1).find((l) => l.text.length > 0)?.text ?? '';

  lines.forEach((line, i) => {
    const t = line.text;
    // The header is the title and its source and date lines. Under a title that is a first sentence (a
    // passage itself) it ends with the next passage; under a heading or front matter, with the first line
    // after a passage that is no header line, so a byline or a subtitle right above them is part of it.
    if (
      titleEnd > 0
        ? (passages.at(-1)?.start ?? -1) >= titleEnd
        : passages.length > 0 && !METADATA_LINE.test(t)
    )
      inHeader = false;
    if (t.length === 0 || HORIZONTAL_RULE.test(t)) {
      tableHeader = null;
      return;
    }
    const repeated = t === previous;
    previous = t;
    if (METADATA_LINE.test(t)) {
      const date = /^>\s*(?:published|date)\s*:\s*(.*\S)/i.exec(t)?.[1];
      if (inHeader) {
        const source =
          /^>\s*source\s*:\s*(?:<(https?:\/\/[^>]+)>|<(https?:\/\/\S+)|(https?:\/\/\S+?)>?(?=\s|$))/i.exec(t);
        url ??= source?.[1] ?? source?.[2] ?? source?.[3] ?? null;
      }
      // In the header under a heading or front matter, a date line is the article's, as written (a date
      // that gives no day is an error). Under a first sentence, which may be the title or already the
      // story, and further down, it counts only when it gives a day: "> Date: to be announced" is a quote.
      if (date !== undefined)
        published ??= inHeader && (titleEnd === 0 || passages.length === 0) ? date : dayOf(date);
      return;
    }
    if (skippingSection && !MARKDOWN_HEADING.test(t) && !rules.isBoilerplateSection(headingText(t))) return;
    skippingSection = false;
    if (rules.isBoilerplateSection(headingText(t))) {
      skippingSection = true;
      return;
    }
    // A table's rows may go without the outer pipes ("Wind | 145 mph"), once a separator follows its header.
    const tableLine =
      t.includes('|') &&
      (t.startsWith('|') || tableHeader !== null || TABLE_SEPARATOR.test(lines[i + 1]?.text ?? ''));
    // A repeated line (a heading shown twice, a video title and its thumbnail caption) and boilerplate are skipped.
    if (repeated || rules.matches(t, tableLine) || LONE_MARKER.test(t)) return;
    // A quoted post followed by its author's handle is a social media post, not reporting.
    if (BoilerplateRules.isHandle(nextText(i))) return;

    if (tableLine) {
      // A separator, or a row without a word or a number in it, says nothing.
      if (TABLE_SEPARATOR.test(t) || !/[\p{L}\p{N}]/u.test(t)) return;
      if (tableHeader === null) {
        tableHeader = tableCells(t);
        paragraph++;
        return;
      }
      passages.push({
        start: line.start,
        end: line.end,
        paragraph,
        section,
        kind: 'row',
        context: tableHeader,
        question,
      });
      return;
    }
    tableHeader = null;

    const bullet = BULLET.exec(t);
    const bodyStart = line.start + (bullet ? bullet[0].length : 0);
    const body = text.slice(bodyStart, line.end);
    if (rules.matches(body)) return;
    // A line underlined with "===" or "---" is a heading, however long, unless it reads as a statement or
    // a quote: text files also use "---" between paragraphs. A question alone stays a heading (an FAQ's).
    const underlined =
      SETEXT_UNDERLINE.test(lines[i + 1]?.text ?? '') &&
      !/[.!]["”’)]*$/u.test(t) &&
      !t.startsWith('>') &&
      (!t.endsWith('?') || sentenceSpans(text, line.start, line.end).length === 1);
    if (!bullet && (isHeading(t) || underlined)) {
      section = headingText(t);
      // A heading that asks in sentence case ("### How did they get past the block?") is an FAQ question;
      // a Title Case one ("How Big Was the Moat?") is an editorial headline.
      question = section.endsWith('?') && !isTitleCase(section) ? section : null;
      firstLine ??= section;
      return;
    }
    if (firstLine === null) {
      const [first] = sentenceSpans(text, bodyStart, line.end);
      firstLine = headingText(first ? text.slice(...first) : body);
      titleEnd = line.end;
    }
    // A question standing alone as a paragraph (an FAQ) is what the paragraphs after it answer, up to the
    // next heading or question; it also stays a passage when it is long enough to be one.
    const endsAsking = !bullet && body.trimEnd().endsWith('?');
    if (wordCount(body) < MIN_BLOCK_WORDS) {
      if (endsAsking && sentenceSpans(text, bodyStart, line.end).length === 1) question = headingText(body);
      return;
    }
    paragraph++;
    if (bullet && body.length <= MAX_ITEM_LENGTH) {
      passages.push({
        start: bodyStart,
        end: line.end,
        paragraph,
        section,
        kind: 'item',
        context: null,
        question,
      });
      return;
    }
    const sentences = sentenceSpans(text, bodyStart, line.end);
    const asks = endsAsking && sentences.length === 1;
    if (asks) question = null;
    const spans = mergeFragments(text, sentences).flatMap((span) =>
      wordPieces(text, span, MAX_SENTENCE_LENGTH),
    );
    for (const [s, e] of spans) {
      passages.push({ start: s, end: e, paragraph, section, kind: 'sentence', context: null, question });
    }
    if (asks) question = headingText(body);
  });
  return { passages, firstLine, url, published };
}
