/** What kind of fact a question asks for, read from its opening words. */
import type { QuestionKind } from '../answer.js';
import { analyzeTerm, fold } from './analyze.js';

/** The measures a "how …" question asks a figure for: "how *fast* was the wind?" wants "70 mph". */
const MEASURES = 'big|large|far|long|fast|high|tall|old|heavy|often|deep|wide';
const MEASURE = new RegExp(`\\bhow (${MEASURES})\\b`);

const KINDS: Array<[QuestionKind, RegExp]> = [
  [
    'number',
    new RegExp(
      `\\b(how (many|much|${MEASURES})|what (number|figure|amount|percentage|share|volume|price)|number of|amount of|count of)\\b`,
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

/**
 * The analysed terms of a question's words that only name the kind of fact it asks for, and the measure
 * of a "how …" question ("how *fast*"), which a passage gives as a figure, not as the word.
 */
export function kindTerms(question: string, kind: QuestionKind): Set<string | null> {
  const terms = new Set(KIND_WORDS[kind]);
  const measure = kind === 'number' ? MEASURE.exec(fold(question).toLowerCase())?.[1] : undefined;
  if (measure) terms.add(analyzeTerm(measure));
  return terms;
}
