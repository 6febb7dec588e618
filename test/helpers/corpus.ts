/** Temporary corpus folders for tests, removed by the caller's `cleanup()`. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFacts } from '../../src/facts.js';
import type { FactsIndex } from '../../src/search/facts-index.js';

export async function tempCorpus(
  files: Record<string, string | Uint8Array>,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'facts-corpus-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs `use` on the index of a temporary corpus made of `files`, removed afterwards. */
export async function withFacts<T>(
  files: Record<string, string | Uint8Array>,
  use: (facts: FactsIndex) => T | Promise<T>,
): Promise<T> {
  const { dir, cleanup } = await tempCorpus(files);
  try {
    return await use(await loadFacts(dir));
  } finally {
    await cleanup();
  }
}
