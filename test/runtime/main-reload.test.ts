/** Corpus hot reload in the real process: edits reach the next answer, a broken corpus changes nothing. */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/present.js';
import { copyCorpus, type FactsProcess, killAll, spawnFacts } from '../helpers/spawn-facts.js';

const QUESTION = 'How many striped zebras were in the hearing gallery?';
const NEW_FACT = 'Committee staff counted 4,242 striped zebras in the hearing gallery that morning.';

let removeCorpus: (() => Promise<void>) | undefined;
afterEach(async () => {
  await killAll();
  await removeCorpus?.();
});

/** Asks the console one question and returns its answer, read up to the echo of a marker question after it. */
async function ask(facts: FactsProcess, question: string): Promise<string> {
  const marker = `end of answer ${Math.random().toString(36).slice(2)}`;
  const from = facts.stdout().length;
  facts.write(`${question}\n${marker}\n`);
  const stdout = await facts.waitForStdout((text) => text.includes(`? ${marker}`, from));
  return stdout.slice(from, stdout.indexOf(`? ${marker}`, from));
}

describe('corpus hot reload', () => {
  it('answers from an edited file after the reload, and keeps those answers when the corpus breaks', async () => {
    const corpus = await copyCorpus();
    removeCorpus = corpus.remove;
    const facts = spawnFacts({ env: { CORPUS_DIR: corpus.dir } });
    await facts.port();
    expect(await ask(facts, QUESTION)).toContain(messages.refusal);

    await appendFile(join(corpus.dir, '000_40f129f454e729a6.txt'), `\n\n${NEW_FACT}\n`);
    const reloaded = await facts.waitForLog((line) => line.msg === 'corpus reloaded');
    expect(reloaded).toMatchObject({ reason: 'file change', previousVersion: expect.any(String) });

    expect(await ask(facts, QUESTION)).toContain('4,242 striped zebras');

    await writeFile(join(corpus.dir, '001_318a62a1bb8a288f.txt'), '');
    const failed = await facts.waitForLog(
      (line) => line.level === 50 && /corpus reload failed/.test(line.msg),
    );
    expect(failed.msg).toContain('001_318a62a1bb8a288f.txt');
    expect(failed.version).toBe(reloaded.version);

    expect(await ask(facts, QUESTION)).toContain('4,242 striped zebras');
    expect(await ask(facts, 'How many fake accounts were used?')).toContain('25,000');
  });

  it('reloads on SIGHUP', async () => {
    const corpus = await copyCorpus();
    removeCorpus = corpus.remove;
    const facts = spawnFacts({ env: { CORPUS_DIR: corpus.dir, CORPUS_WATCH: 'false' } });
    await facts.port();
    await appendFile(join(corpus.dir, '000_40f129f454e729a6.txt'), `\n\n${NEW_FACT}\n`);

    facts.child.kill('SIGHUP');

    await facts.waitForLog((line) => line.msg === 'corpus reloaded' && line.reason === 'SIGHUP');
    expect(await ask(facts, QUESTION)).toContain('4,242 striped zebras');
  });
});
