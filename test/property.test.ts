/** Property: whatever a user types, the index answers without throwing and only with verbatim excerpts. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFacts } from '../src/facts.js';
import type { FactsIndex } from '../src/search/facts-index.js';
import { expectVerbatim } from './helpers/verbatim.js';

let index: FactsIndex;
beforeAll(async () => {
  index = await loadFacts('seeds');
});

const hostile = fc.constantFrom(
  '',
  ' ',
  '@everyone how many fake accounts?',
  '<!channel> <@U123> fake accounts',
  '**bold** _fake_ `accounts` [link](https://x) > quote',
  '\u0000\u0007\u001b[31mred\u202e',
  '🎉🔥 28.8 million 🤖 accounts 👀',
  'x'.repeat(100_000),
  'How many fake accounts '.repeat(5000),
  '25,000 25000 28.8M 28.8 million $100',
);
const anyText = fc.oneof(
  hostile,
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        'fake',
        'accounts',
        'Alibaba',
        'Claude',
        '28.8',
        'million',
        'when',
        'who',
        '?',
        '@here',
      ),
      {
        maxLength: 30,
      },
    )
    .map((words) => words.join(' ')),
);

describe('any input', () => {
  it('ask never throws and returns only verbatim excerpts', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: -5, max: 50 }), (question, k) => {
        const result = index.ask(question, { k });
        expect(result.answers.length).toBeLessThanOrEqual(20);
        result.answers.forEach(expectVerbatim);
      }),
      { numRuns: 300 },
    );
  });

  it('findSources and suggest never throw', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const found = index.findSources(text);
        [...found.supporting, ...found.nearest].forEach(expectVerbatim);
        for (const choice of index.suggest(text)) expect(choice.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });
});
