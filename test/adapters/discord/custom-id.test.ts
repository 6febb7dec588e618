import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeButton, encodeButton, sourceFromKey, sourceKey } from '../../../adapters/discord/custom-id.js';

describe('button custom_id', () => {
  it('GIVEN any page state THEN encodes within 100 characters and decodes to the same state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('more' as const, 'share' as const),
        fc.integer({ min: 0, max: 999_999 }),
        fc.stringMatching(/^[0-9a-f]{12}$/),
        fc.string({ minLength: 1, maxLength: 300 }),
        (action, offset, corpusVersion, sourceId) => {
          const ids = ['first', sourceId];
          const source = sourceKey(sourceId, ids, corpusVersion);
          const id = encodeButton({ action, offset, corpusVersion, source });
          expect(id.length).toBeLessThanOrEqual(100);
          const state = decodeButton(id);
          expect(state).toEqual({ action, offset, corpusVersion, source });
          expect(sourceFromKey(state?.source ?? null, ids)).toBe(sourceId);
        },
      ),
    );
  });

  it('GIVEN no source THEN writes "-"', () => {
    expect(encodeButton({ action: 'more', offset: 3, corpusVersion: 'abc', source: null })).toBe(
      'facts:more:3:abc:-',
    );
  });

  it.each([
    '',
    'facts',
    'facts:more',
    'facts:delete:1:v:-',
    'facts:more:-1:v:-',
    'facts:more:1::-',
    'other:more:1:v:-',
  ])('GIVEN %j THEN is not ours', (id) => {
    expect(decodeButton(id)).toBeNull();
  });
});
