import { describe, expect, it } from 'vitest';
import { encodeFragmentText, passageLink } from '../../src/search/link.js';

describe('passageLink', () => {
  it('is null without a URL', () => {
    expect(passageLink(null, 'Anything at all.')).toBeNull();
  });

  it('quotes a short excerpt whole', () => {
    expect(passageLink('https://example.com/a', 'Fake accounts used')).toBe(
      'https://example.com/a#:~:text=Fake%20accounts%20used',
    );
  });

  it('quotes the first and last words of a long excerpt, without markdown or reference markers', () => {
    const link = passageLink(
      'https://example.com/a#top',
      '*Anthropic has told U.S. senators that Alibaba ran the largest known distillation attack on Claude.*[1]',
    );
    expect(link).toBe(
      'https://example.com/a#:~:text=Anthropic%20has%20told%20U.S.,distillation%20attack%20on%20Claude.',
    );
  });

  it('leaves out emphasis and strikethrough marks before punctuation, and keeps a "~" that means about', () => {
    expect(passageLink('https://example.com/a', 'Crane *collapsed*, not ~~Monday~~; ~28.8 million')).toBe(
      `https://example.com/a#:~:text=${encodeFragmentText('Crane collapsed, not Monday; ~28.8 million')}`,
    );
  });

  it('keeps the punctuation a page shows between words, and leaves out list and table marks', () => {
    expect(
      passageLink(
        'https://example.com/a',
        'The river - say police & firefighters - rose again — early today.',
      ),
    ).toBe(
      'https://example.com/a#:~:text=The%20river%20%2D%20say%20police,rose%20again%20%E2%80%94%20early%20today.',
    );
    expect(passageLink('https://example.com/a', 'Police & firefighters')).toBe(
      'https://example.com/a#:~:text=Police%20%26%20firefighters',
    );
    expect(passageLink('https://example.com/a', '- Accounts used: 25,000')).toBe(
      'https://example.com/a#:~:text=Accounts%20used%3A%2025%2C000',
    );
    expect(passageLink('https://example.com/a', '| Accounts | 25,000 |')).toBe(
      'https://example.com/a#:~:text=Accounts%2025%2C000',
    );
  });

  it('percent-encodes the characters that delimit a text fragment', () => {
    expect(encodeFragmentText('Apr-Jun, R&D')).toBe('Apr%2DJun%2C%20R%26D');
  });
});
