/** A corpus whose two articles give different figures for the same thing, for tests of the "sources differ" display. */
import { loadFacts } from '../../src/facts.js';
import type { FactsIndex } from '../../src/search/facts-index.js';
import { tempCorpus } from './corpus.js';

export const DISAGREEING_QUESTION = 'How many fake accounts did the campaign use?';

export async function disagreeingIndex(): Promise<{ index: FactsIndex; cleanup: () => Promise<void> }> {
  const corpus = await tempCorpus({
    'a.txt': '# First report\n\nThe campaign used 25,000 fake accounts to reach the chatbot.\n',
    'b.txt': '# Second report\n\nInvestigators say the campaign used 30,000 fake accounts in all.\n',
  });
  return { index: await loadFacts(corpus.dir), cleanup: corpus.cleanup };
}
