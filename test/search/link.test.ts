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

  it('percent-encodes the characters that delimit a text fragment', () => {
    expect(encodeFragmentText('Apr-Jun, R&D')).toBe('Apr%2DJun%2C%20R%26D');
  });
});
