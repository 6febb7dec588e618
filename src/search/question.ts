/** What kind of fact a question asks for, read from its opening words. */
import type { QuestionKind } from '../answer.js';
import { fold } from './analyze.js';

const KINDS: Array<[QuestionKind, RegExp]> = [
  [
    'number',
    /\b(how (many|much|big|large|far|long)|what (number|figure|amount|percentage|share|volume|price)|number of|amount of|count of)\b/,
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
