/** What kind of fact a question asks for, read from its opening words. */
import type { QuestionKind } from '../answer.js';
import { analyzeTerm, fold } from './analyze.js';

const KINDS: Array<[QuestionKind, RegExp]> = [
  // First: "why did the senators who wrote it…" asks for a reason, not for a person.
  [
    'reason',
    /^(why\b|how come\b|what (caused|causes|led to|made)\b|for what reason\b|what('s| is| was) the (reason|cause|point|goal|motive)\b)/,
  ],
  [
    'number',
    /\b(how (many|much|big|large|far|long|fast|high|tall|old|heavy|often|deep|wide)|what (number|figure|amount|percentage|share|volume|price)|number of|amount of|count of)\b/,
  ],
  [
    'date',
    /\b(when|what (date|day|month|year|time)|which (date|day|month|year)|since when|how long ago|dates?)\b/,
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
};

/** The measure a "how …" question asks for: "how *fast* was the wind?" wants "70 mph", not the word. */
const MEASURE = /\bhow (big|large|far|long|fast|high|tall|old|heavy|often|deep|wide)\b/;

/** The analysed terms of a question's words that only name the kind of fact it asks for. */
export function kindTerms(question: string, kind: QuestionKind): Set<string | null> {
  const terms = new Set(KIND_WORDS[kind]);
  const measure = kind === 'number' ? MEASURE.exec(fold(question).toLowerCase())?.[1] : undefined;
  if (measure) terms.add(analyzeTerm(measure));
  return terms;
}
