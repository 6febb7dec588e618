import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildPassages, type Passage } from '../../src/search/passage.js';
import { OWN_WORDS_WEIGHT, ownWordsFactor, type Query } from '../../src/search/rank.js';
import { tempCorpus } from '../helpers/corpus.js';

describe('ownWordsFactor', () => {
  let passage: Passage;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const corpus = await tempCorpus({ 'a.md': '# Storm\n\nWinds reached 150 mph and the storm turned.\n' });
    cleanup = corpus.cleanup;
    const [first] = buildPassages(await loadCorpus(corpus.dir));
    if (!first) throw new Error('no passage');
    passage = first;
  });
  afterAll(() => cleanup());

  const query = (...concepts: Query['concepts']): Query => ({ text: '', kind: 'other', given: [], concepts });

  it('counts the question’s own words and a measure’s units, not synonyms or missing words', () => {
    const wind = { term: 'wind', alternatives: ['wind'], own: ['wind'], weight: 1 };
    const fast = { term: 'fast', alternatives: ['fast', 'mph'], own: ['fast', 'mph'], weight: 1 };
    const veer = { term: 'veer', alternatives: ['veer', 'turn'], own: ['veer'], weight: 1 };
    const hail = { term: 'hail', alternatives: ['hail'], own: ['hail'], weight: 1 };
    expect(ownWordsFactor(query(wind, fast), passage, 2)).toBe(1);
    expect(ownWordsFactor(query(wind, veer), passage, 2)).toBeCloseTo(1 - OWN_WORDS_WEIGHT / 2);
    expect(ownWordsFactor(query(wind, hail), passage, 2)).toBeCloseTo(1 - OWN_WORDS_WEIGHT / 2);
    expect(ownWordsFactor(query(veer, hail), passage, 2)).toBeCloseTo(1 - OWN_WORDS_WEIGHT);
  });
});
