/** What kind of fact a question asks for, read from its opening words. */
import type { QuestionKind } from '../answer.js';
import { analyzeTerm, fold, withoutChatMarkup } from './analyze.js';

const LENGTHS = ['feet', 'foot', 'meters', 'metres', 'miles'];

/**
 * The measures a "how …" question asks a figure for, each with the words a passage gives that figure in:
 * "how *fast* was the wind?" is answered by "70 mph", which does not say "fast". Units that are also
 * common words of another sense ("times", "born" → "bear") are left out. ("far" frames a question: "how
 * far did the stock drop?")
 */
const MEASURE_UNITS: Record<string, string[]> = {
  long: ['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', 'duration'],
  fast: ['mph', 'kph', 'knots', 'speed'],
  high: [...LENGTHS, 'height', 'altitude'],
  tall: [...LENGTHS, 'height'],
  deep: [...LENGTHS, 'depth'],
  wide: [...LENGTHS, 'width'],
  old: ['age', 'founded', 'established'],
  heavy: ['pounds', 'kilograms', 'kg', 'tons', 'tonnes', 'weight', 'weighs'],
  often: ['daily', 'weekly', 'monthly', 'hourly', 'frequency'],
};
/** Verbs that only restate a measure: "how long did it *last*?" asks for a duration, as "about six weeks" gives it. */
const MEASURE_VERBS: Record<string, string[]> = { long: ['last'] };
/** "how big" and "how large" ask for a magnitude, as "how much" does: any figure gives one. */
const MAGNITUDES = ['big', 'large'];
const MEASURES = [...MAGNITUDES, ...Object.keys(MEASURE_UNITS)].join('|');
// "How long ago…" asks for a date, not a duration.
const MEASURE = new RegExp(`\\bhow (${MEASURES})\\b(?! ago\\b)`);

const KINDS: Array<[QuestionKind, RegExp]> = [
  [
    'number',
    new RegExp(
      `\\b(how (many|much|far|${MEASURES})\\b(?! ago\\b)|what (number|figure|amount|percentage|share|volume|price)|number of|amount of|count of)\\b`,
    ),
  ],
  [
    'date',
    /\b(when|what (date|day|month|year|time)|which (date|day|month|year)|since when|how long ago|dates?)\b/,
  ],
  // Before "who": "why did the senators who wrote it…" asks for a reason, not for a person.
  [
    'reason',
    /\b(why|how come|what (caused|causes|led to)|for what reason|what('s| is| was) the (reason|cause))\b/,
  ],
  [
    'who',
    /\b(who|whom|whose|which (company|firm|lab|labs|companies|firms|senators?|people|person|official|officials))\b/,
  ],
  [
    'definition',
    /^(what('s| is| are)\b(?!.*\b(doing|happen))|what does .* mean|define\b|explain\b|meaning of\b)/,
  ],
];

/** The ways of asking what the story is, each the whole question but for a greeting and "please". */
const OVERVIEW_ASKS = [
  'summary',
  'summari[sz]e(?: (?:it|this|that|the (?:story|news|articles?)))?',
  'overview',
  'gist',
  'rundown',
  'recap',
  'tl ?;? ?dr',
  'in a nutshell',
  "what(?:'s|s| is| was) the (?:tl ?;? ?dr|gist|summary|story|news)",
  "what(?:'s|s| is| was| are| were) (?:this|it|that|the story|this story|the news|the articles?|this article|these articles)(?: all)? about",
  "what(?:'s|s| is| was) (?:going on|happening)",
  'what happened(?: here)?',
];
const OVERVIEW = new RegExp(
  "^(?:(?:hey|hi|so|ok|okay|and) )?(?:(?:can|could) you |please )?(?:(?:give|tell) me |i want |i'd like )?" +
    `(?:(?:a|an|the) )?(?:(?:quick|short|brief) )?(?:${OVERVIEW_ASKS.join('|')})` +
    '(?: (?:please|pls|plz|exactly|for me))*$',
);

/**
 * A question that asks what the story is rather than for a fact in it: "what is this about?", "tl;dr",
 * "give me a quick summary", "what happened?". Only the whole question says so: "what happened to
 * Alibaba's shares?" and "what happened then?" ask for a fact.
 */
export function asksForOverview(question: string): boolean {
  const text = fold(withoutChatMarkup(question))
    .toLowerCase()
    .replace(/[?!.,:…]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return OVERVIEW.test(text);
}

export function questionKind(question: string): QuestionKind {
  const text = fold(question).toLowerCase();
  for (const [kind, pattern] of KINDS) if (pattern.test(text)) return kind;
  return 'other';
}

/**
 * Words that only name the kind of fact a question asks for ("what *dates*…", "the total *number* of…"):
 * the kind says it already, so they are not words a passage must contain ("| Campaign window | April 22 –
 * June 5 |" gives the campaign's dates without the word).
 */
const KIND_WORDS: Partial<Record<QuestionKind, Set<string | null>>> = {
  date: new Set(['date', 'day'].map(analyzeTerm)),
  number: new Set(['number', 'amount', 'figure', 'total', 'count'].map(analyzeTerm)),
  reason: new Set(['reason', 'cause'].map(analyzeTerm)),
};

export function namesKind(kind: QuestionKind, term: string): boolean {
  return KIND_WORDS[kind]?.has(term) ?? false;
}

/** The measure a "how …" question asks for; its terms are analysed. */
export interface Measure {
  term: string;
  /** A magnitude ("how big") is any figure. */
  magnitude: boolean;
  /** The words that give the measure ("how fast": "mph", "knot"…). */
  units: string[];
  /** The question's verbs that only restate it ("how long did it last?"): not words a passage must hold. */
  verbs: string[];
}

/** The measure of a "how …" question; null when it asks for no such measure. */
export function measureOf(question: string): Measure | null {
  const word = MEASURE.exec(fold(question).toLowerCase())?.[1];
  const term = word ? analyzeTerm(word) : null;
  if (!word || term === null) return null;
  const analysed = (words: string[] = []) => words.map(analyzeTerm).filter((t): t is string => t !== null);
  return {
    term,
    magnitude: MAGNITUDES.includes(word),
    units: analysed(MEASURE_UNITS[word]),
    verbs: analysed(MEASURE_VERBS[word]),
  };
}
