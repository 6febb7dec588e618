/**
 * Figures and dates stated in a passage, quoted verbatim with their offsets, and normalised so that
 * figures from different sources can be compared ("nearly 29 million" ≈ "28.8 million").
 */
import type { Figure } from '../answer.js';
import { canonicalNumber } from './analyze.js';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const QUALIFIER =
  '(?:(?:about|around|roughly|nearly|almost|approximately|some|over|more than|less than|fewer than|under|at least|up to|~)\\s*)?';

const DATE_PATTERNS: RegExp[] = [
  /\b(\d{4})-(\d{2})(?:-(\d{2}))?\b/g,
  // The day is not the start of a figure that follows the month: "In March 25,000 accounts…", "May 5 million".
  new RegExp(
    `\\b${MONTH}\\.? (\\d{1,2})(?:st|nd|rd|th)?(?![.,]?\\d|\\s?(?:%|(?:percent|thousand|million|billion|trillion)\\b))(?:,? (\\d{4}))?\\b`,
    'g',
  ),
  new RegExp(`\\b${MONTH}(?: (\\d{4}))?\\b`, 'g'),
  // Day first, as British and Indian papers write it: "10 June 2026", "on 10 June", "the 5th of July".
  new RegExp(`(?<![\\d.,])\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH}\\b\\.?(?:,? (\\d{4}))?\\b`, 'g'),
];

const NUMBER = new RegExp(
  `${QUALIFIER}\\$?(\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?)(\\s?(?:thousand|million|billion|trillion|[kKmMbB](?![\\p{L}])))?\\+?(?:\\s?(?:percent|%))?`,
  'giu',
);

const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  twenty: 20,
  hundred: 100,
};
/** A spelled-out count with what it counts ("six weeks", "three Chinese laboratories"): a figure too. */
const WORD_NUMBER = new RegExp(
  `${QUALIFIER}\\b(${Object.keys(NUMBER_WORDS).join('|')})\\b(?=\\s+(?:[\\p{L}-]+\\s+)?(?:weeks?|months?|days?|years?|hours?|labs?|laborator(?:y|ies)|firms?|compan(?:y|ies)|startups?|accounts?|times?))`,
  'giu',
);

function monthNumber(name: string): number {
  const lower = name.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(lower)) + 1;
}

const pad = (n: number | string) => String(n).padStart(2, '0');

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
/**
 * Whether `day` is a day of the month numbered `month` (1–12): of `year` when it is known ("29 Feb 2025"
 * is not), otherwise of some year ("31 Feb" is not).
 */
const isDay = (day: number, month: number, year?: number) =>
  day >= 1 &&
  day <= (month === 2 && year !== undefined && !isLeapYear(year) ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0));
/** What may follow a date written day first without a year: the end of a phrase, or a range's other end. */
const DATE_OUTRO = /^\s*(?:$|[,.;:)\]–—]|-(?=\s|\d)|(?:to|and|until|through)\b)/i;
/** A word that brings in a date written day first without a year: "on 10 June", "the 5th of July". */
const DATE_INTRO = /\b(?:on|by|from|until|till|since|before|after|to|through|dated|the|of)\s+$/i;

/** A figure quoted as `text`, standing at offset `at` of the text it was found in. */
function figureAt(text: string, value: string, kind: Figure['kind'], at: number): Figure {
  return { text, value, kind, start: at, end: at + text.length };
}

/** Dates in `text[start, end)`: value "YYYY-MM-DD", "YYYY-MM", "MM-DD" (year unknown) or "MM". */
export function findDates(text: string, start: number, end: number): Figure[] {
  const slice = text.slice(start, end);
  const found: Figure[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number) => taken.some(([ts, te]) => s < te && e > ts);
  const push = (s: number, e: number, value: string) => {
    if (overlaps(s, e)) return;
    taken.push([s, e]);
    found.push(figureAt(slice.slice(s, e), value, 'date', start + s));
  };
  /** A day of a month ("MM-DD", or "YYYY-MM-DD" with its year), unless the month has no such day. */
  const pushDay = (at: number, whole: string, month: string, day: string, year: string | undefined) => {
    if (!isDay(Number(day), monthNumber(month), year === undefined ? undefined : Number(year))) return;
    const md = `${pad(monthNumber(month))}-${pad(day)}`;
    push(at, at + whole.length, year ? `${year}-${md}` : md);
  };
  const [iso, monthDay, monthOnly, dayMonth] = DATE_PATTERNS as [RegExp, RegExp, RegExp, RegExp];
  for (const m of slice.matchAll(iso)) {
    const [whole, year = '', month = '', day] = m;
    // A month and a day must exist: "2026-02-30" is no date, nor "2025-26" (a span of years, told apart
    // only because 26 is no month: "2011-12" still reads as December 2011).
    if (day ? !isDay(Number(day), Number(month), Number(year)) : !(Number(month) >= 1 && Number(month) <= 12))
      continue;
    push(m.index, m.index + whole.length, day ? `${year}-${month}-${day}` : `${year}-${month}`);
  }
  for (const m of slice.matchAll(dayMonth)) {
    const [whole, day = '', month = '', year] = m;
    // Without a year, only after a word that brings in a date, or before the end of a phrase or a range
    // ("Posted 10 June", "22 April to 5 June"): "in 2 March sessions" is a count.
    const after = slice.slice(m.index + whole.length);
    if (!year && !DATE_INTRO.test(slice.slice(0, m.index)) && !DATE_OUTRO.test(after)) continue;
    pushDay(m.index, whole, month, day, year);
  }
  for (const m of slice.matchAll(monthDay)) {
    const [whole, month = '', day = '', year] = m;
    pushDay(m.index, whole, month, day, year);
  }
  for (const m of slice.matchAll(monthOnly)) {
    const [whole, month = '', year] = m;
    // "May" alone is too often the verb to be read as a month.
    if (!year && month === 'May') continue;
    push(
      m.index,
      m.index + whole.length,
      year ? `${year}-${pad(monthNumber(month))}` : pad(monthNumber(month)),
    );
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The numbers and dates a text states. Numbers come with their qualifier and scale ("roughly 25,000",
 * "$100", "3%"); years, and the day of a date ("April 22"), are left out of them.
 */
export function findFigures(text: string): { numbers: Figure[]; dates: Figure[] } {
  const dates = findDates(text, 0, text.length);
  return { numbers: numbersBeside(text, dates), dates };
}

function numbersBeside(text: string, dates: Figure[]): Figure[] {
  const found: Figure[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const [whole, digits = '', scale] = m;
    const value = canonicalNumber(digits, scale?.trim());
    // A bare four-digit year, a reference marker "[1]" or a list number is not a figure.
    if (!scale && /^(19|20)\d\d$/.test(digits)) continue;
    if (text[m.index - 1] === '[' || text[m.index - 1] === '-') continue;
    const at = m.index + whole.indexOf(digits);
    if (dates.some((d) => at >= d.start && at + digits.length <= d.end)) continue;
    found.push(figureAt(whole.trimEnd(), value, 'number', m.index));
  }
  for (const m of text.matchAll(WORD_NUMBER)) {
    const [whole, word = ''] = m;
    const value = String(NUMBER_WORDS[word.toLowerCase()] ?? word);
    found.push(figureAt(whole, value, 'number', m.index));
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Whether two values state the same figure. Dates compare on the parts both give ("06-10" = "2026-06-10").
 * Numbers within 2% are the same figure rounded ("nearly 29 million" for 28.8 million); 24,000 and
 * 25,000 (4% apart) are not.
 */
export function sameFigure(a: Figure, b: Figure): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'date') {
    const [x, y] = [a.value.split('-'), b.value.split('-')];
    const hasYear = (v: string[]) => (v[0]?.length ?? 0) === 4;
    const strip = (v: string[]) => (hasYear(v) ? v.slice(1) : v);
    if (hasYear(x) && hasYear(y) && x[0] !== y[0]) return false;
    const [p, q] = [strip(x), strip(y)];
    const n = Math.min(p.length, q.length);
    return p.slice(0, n).join('-') === q.slice(0, n).join('-');
  }
  const [x, y] = [Number(a.value), Number(b.value)];
  return Math.abs(x - y) <= 0.02 * Math.max(Math.abs(x), Math.abs(y));
}
