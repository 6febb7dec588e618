/** Loads a corpus folder and builds its index: the one call every entry point makes. */
import { loadCorpus } from './corpus/load.js';
import { type FactsIndex, SearchIndex } from './search/facts-index.js';

export type { FactsIndex } from './search/facts-index.js';

/**
 * Throws a `CorpusError` naming each bad file and why. Reading and building both leave the event loop
 * free every few milliseconds, so a running bot goes on answering while it reloads a large corpus.
 */
export async function loadFacts(dir: string): Promise<FactsIndex> {
  return SearchIndex.buildInSlices(await loadCorpus(dir));
}
