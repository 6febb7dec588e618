import { describe, expect, it } from 'vitest';
import {
  citationParts,
  cleanMessage,
  cleanUserText,
  disagreementLine,
  shorten,
  supportLabel,
} from '../src/present.js';
import { withFacts } from './helpers/corpus.js';

describe('shorten', () => {
  it('leaves short text alone but collapses white space', () => {
    expect(shorten('one  two\nthree', 100)).toBe('one two three');
  });

  it('cuts at a word boundary and adds an ellipsis, within the limit', () => {
    const out = shorten('Anthropic alleged that operators affiliated with the lab opened accounts', 30);
    expect(out).toBe('Anthropic alleged that…');
    expect(out.length).toBeLessThanOrEqual(30);
  });

  it('never splits a surrogate pair when a single word is too long', () => {
    const out = shorten('🎉'.repeat(20), 9);
    expect(out.length).toBeLessThanOrEqual(9);
    expect(out).toBe(`${'🎉'.repeat(4)}…`);
  });
});

describe('cleanUserText', () => {
  it('drops control characters and collapses white space', () => {
    expect(cleanUserText('  how\u0000 many\n\taccounts\u200b? ')).toEqual({
      text: 'how many accounts ?',
      truncated: false,
    });
  });

  it('drops bidirectional overrides and isolates, which would show an echoed question reversed', () => {
    expect(cleanUserText('\u202ehow many\u202c \u2066fake\u2069 accounts?').text).toBe(
      'how many fake accounts?',
    );
  });

  it('caps the length and says so', () => {
    const { text, truncated } = cleanUserText('word '.repeat(500), 100);
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(100);
  });
});

describe('citationParts', () => {
  it('names the section a quote is under, but not the headline it would repeat', async () => {
    await withFacts(
      {
        'lanes.md':
          '# Council approves bike lanes\n\nThe council voted 7-2 to approve 12 miles of bike lanes.\n\n' +
          '## Cost\n\nThe lanes will cost about $4.5 million.\n',
      },
      async (facts) => {
        const [vote] = facts.ask('How many miles of bike lanes were approved?').answers;
        const [cost] = facts.ask('How much will the lanes cost?').answers;
        expect(vote && citationParts(vote)).toMatchObject({
          title: 'Council approves bike lanes',
          details: 'date unknown · ¶ 1',
        });
        expect(cost && citationParts(cost).details).toBe('date unknown · ¶ 2 · under “Cost”');
      },
    );
  });
});

describe('disagreementLine', () => {
  const disagreement = {
    kind: 'number' as const,
    values: [
      { value: '25000', text: '25,000', answers: [0] },
      { value: '24000', text: '24,000', answers: [1, 2] },
    ],
  };

  it('numbers the answers as shown, counting the pages before', () => {
    expect(disagreementLine(disagreement)).toBe(
      'Sources differ on this figure: “25,000” (answer 1) · “24,000” (answers 2, 3)',
    );
    expect(disagreementLine(disagreement, 3)).toBe(
      'Sources differ on this figure: “25,000” (answer 4) · “24,000” (answers 5, 6)',
    );
  });
});

describe('cleanMessage', () => {
  it('keeps one line a line: cleaned, blank ones dropped, CRLF and Unicode breaks read as breaks', () => {
    expect(cleanMessage('Key facts\r\n\n  - one\u2028two\u200b  words\r\u0007three  ')).toEqual({
      text: 'Key facts\n- one\ntwo words\nthree',
      truncated: false,
    });
  });

  it('cuts at a word boundary past the limit, and says so', () => {
    expect(cleanMessage('alpha beta\ngamma delta epsilon', 20)).toEqual({
      text: 'alpha beta\ngamma',
      truncated: true,
    });
    expect(cleanMessage('alpha beta\ngamma', 10)).toEqual({ text: 'alpha beta', truncated: true });
    expect(cleanMessage('x'.repeat(50), 20).text).toHaveLength(20);
  });
});

describe('supportLabel', () => {
  const claims = [
    'Alibaba used 25,000 fraudulent accounts to generate exchanges.',
    'The letter went to Tim Scott.',
    'The operators used proxies.',
  ];

  it('quotes every backed sentence when the room holds them', () => {
    expect(supportLabel(claims, 600)).toBe(
      'Supports: “Alibaba used 25,000 fraudulent accounts to generate exchanges.” · “The letter went to Tim Scott.” · “The operators used proxies.”',
    );
  });

  it('shortens each to an equal share, and counts those that do not fit, within the room', () => {
    for (const max of [60, 100, 150]) {
      const label = supportLabel(claims, max);
      expect(label.length, label).toBeLessThanOrEqual(max);
      expect(label).toMatch(/^Supports: “Alibaba used/);
    }
    expect(supportLabel(claims, 100)).toMatch(/ · \+\d more$/);
  });
});
