import { describe, expect, it } from 'vitest';
import { findDates, findFigures, sameFigure } from '../../src/search/figures.js';

const numbers = (text: string) => findFigures(text).numbers.map((f) => [f.text, f.value]);
const dates = (text: string) => findDates(text, 0, text.length).map((f) => [f.text, f.value]);

describe('findFigures', () => {
  it.each([
    ['roughly 25,000 fake accounts', [['roughly 25,000', '25000']]],
    ['about 28.8 million chats', [['about 28.8 million', '28800000']]],
    ['dropping below $100, with some reporting', [['$100', '100']]],
    ['the 150,000+ interactions', [['150,000+', '150000']]],
    ['over about six weeks', [['about six', '6']]],
    ['in 2026 and in [1]', []],
    ['from April 22 to June 5, about six weeks', [['about six', '6']]],
    ['sent on 10 June 2026 to 12 senators', [['12', '12']]],
    [
      'In March 25,000 accounts were made and May 5 million chats; in June 30% fell.',
      [
        ['25,000', '25000'],
        ['5 million', '5000000'],
        ['30%', '30'],
      ],
    ],
  ])('reads %j', (text, expected) => {
    expect(numbers(text)).toEqual(expected);
  });
});

describe('findDates', () => {
  it.each([
    ['on June 10, 2026.', [['June 10, 2026', '2026-06-10']]],
    [
      'between April 22 and June 5',
      [
        ['April 22', '04-22'],
        ['June 5', '06-05'],
      ],
    ],
    ['2026-02', [['2026-02', '2026-02']]],
    ['it may rain', []],
    [
      'on 10 June 2026, and on the 5th of July',
      [
        ['10 June 2026', '2026-06-10'],
        ['5th of July', '07-05'],
      ],
    ],
    ['25,000 June accounts, 40 Marines', [['June', '06']]],
    ['in 2 March sessions', [['March', '03']]],
    ['sold 5 March-style jackets', [['March', '03']]],
    [
      'ran 22 April to 5 June 2026 (posted 10 June)',
      [
        ['22 April', '04-22'],
        ['5 June 2026', '2026-06-05'],
        ['10 June', '06-10'],
      ],
    ],
    [
      'by 2 March; on 31 February; Feb 30',
      [
        ['2 March', '03-02'],
        ['February', '02'],
        ['Feb', '02'],
      ],
    ],
    [
      'on 29 Feb 2024, not 29 Feb 2025; 2026-02-29, 2028-02-29',
      [
        ['29 Feb 2024', '2024-02-29'],
        ['Feb 2025', '2025-02'],
        ['2028-02-29', '2028-02-29'],
      ],
    ],
    ['the 2025-26 budget, 2026-13, 2026-06-31', []],
    [
      'In March 25,000 accounts; in June 30% fell.',
      [
        ['March', '03'],
        ['June', '06'],
      ],
    ],
  ])('reads %j', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });
});

describe('sameFigure', () => {
  const n = (value: string) => ({ text: value, value, kind: 'number' as const, start: 0, end: 0 });
  const d = (value: string) => ({ text: value, value, kind: 'date' as const, start: 0, end: 0 });
  it('treats a rounded figure as the same, a 4% difference as another', () => {
    expect(sameFigure(n('28800000'), n('29000000'))).toBe(true);
    expect(sameFigure(n('25000'), n('24000'))).toBe(false);
  });
  it('compares dates on the parts both give', () => {
    expect(sameFigure(d('06-10'), d('2026-06-10'))).toBe(true);
    expect(sameFigure(d('2026-06-10'), d('2025-06-10'))).toBe(false);
  });
});
