import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CorpusReloader, type ReloadOutcome } from '../../src/runtime/reload.js';
import type { FactsIndex } from '../../src/search/facts-index.js';
import { captureLogger, deferred, fakeIndex } from '../helpers/runtime-fakes.js';

let reloader: CorpusReloader | undefined;

/** A reloader of `dir`, loaded and watching it, whose index version is the text of `dir/a.txt`. */
async function watching(dir: string): Promise<CorpusReloader> {
  const watcher = new CorpusReloader({
    dir,
    logger: captureLogger().logger,
    debounceMs: 20,
    load: async (folder) => fakeIndex(await readFile(join(folder, 'a.txt'), 'utf8')),
  });
  await watcher.load();
  watcher.watch();
  return watcher;
}
afterEach(() => reloader?.close());

describe('CorpusReloader', () => {
  it('swaps in a valid new corpus and logs the new version', async () => {
    const { logger, lines } = captureLogger();
    const versions = ['v1', 'v2'];
    reloader = new CorpusReloader({
      dir: 'x',
      logger,
      load: async () => fakeIndex(versions.shift() ?? 'v?'),
    });
    expect((await reloader.load()).version).toBe('v1');

    const outcome = await reloader.reload('test');

    expect(outcome).toMatchObject({ result: 'ok', version: 'v2', previousVersion: 'v1', reason: 'test' });
    expect(reloader.current.version).toBe('v2');
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'corpus reloaded', version: 'v2', passages: 3 }),
    );
  });

  it('logs what the index cannot use, for the first corpus and for each new one', async () => {
    const { logger, lines } = captureLogger();
    const indexes = [
      { ...fakeIndex('v1'), warnings: ['synonyms.txt: "the" matches nothing'] },
      { ...fakeIndex('v1'), warnings: ['synonyms.txt: "the" matches nothing'] },
      { ...fakeIndex('v2'), warnings: ['sources.json: no passage answers "Why?"'] },
    ];
    reloader = new CorpusReloader({ dir: 'x', logger, load: async () => indexes.shift() ?? fakeIndex('v?') });
    await reloader.load();
    await reloader.reload('unchanged');
    await reloader.reload('edited');

    expect(lines.filter((l) => l.level === 40).map((l) => [l.msg, l.version])).toEqual([
      ['corpus: synonyms.txt: "the" matches nothing', 'v1'],
      ['corpus: sources.json: no passage answers "Why?"', 'v2'],
    ]);
  });

  it('keeps serving the old corpus when the new one is invalid, and logs why', async () => {
    const { logger, lines } = captureLogger();
    let broken = false;
    reloader = new CorpusReloader({
      dir: 'x',
      logger,
      load: async () => {
        if (broken) throw new Error('seeds/a.txt: empty article');
        return fakeIndex('v1');
      },
    });
    await reloader.load();
    broken = true;

    const outcome = await reloader.reload('test');

    expect(outcome.result).toBe('failed');
    expect(reloader.current.version).toBe('v1');
    const line = lines.find((l) => l.level === 50);
    expect(line?.msg).toContain('seeds/a.txt: empty article');
    expect(line?.msg).toContain('still serving version v1');
  });

  it('reports an unchanged corpus without swapping', async () => {
    const first = fakeIndex('v1');
    reloader = new CorpusReloader({
      dir: 'x',
      logger: captureLogger().logger,
      load: vi
        .fn<() => Promise<FactsIndex>>()
        .mockResolvedValueOnce(first)
        .mockResolvedValue(fakeIndex('v1')),
    });
    await reloader.load();
    expect((await reloader.reload('test')).result).toBe('unchanged');
    expect(reloader.current).toBe(first);
  });

  it('runs one more rebuild for every burst of requests made during a rebuild', async () => {
    const gates = [deferred(), deferred()];
    let calls = 0;
    reloader = new CorpusReloader({
      dir: 'x',
      logger: captureLogger().logger,
      load: async () => {
        calls += 1;
        if (calls > 1) await gates[calls - 2]?.promise;
        return fakeIndex(`v${calls}`);
      },
    });
    await reloader.load();

    const first = reloader.reload('a');
    const second = reloader.reload('b');
    const third = reloader.reload('c');
    expect(second).toBe(third);
    gates[0]?.resolve();
    gates[1]?.resolve();

    expect((await first).version).toBe('v2');
    expect((await third).version).toBe('v3');
    expect(calls).toBe(3);
  });

  it('nextReload resolves with the outcome of the next reload', async () => {
    reloader = new CorpusReloader({
      dir: 'x',
      logger: captureLogger().logger,
      load: async () => fakeIndex('v1'),
    });
    await reloader.load();
    const next = reloader.nextReload();
    void reloader.reload('test');
    await expect(next).resolves.toMatchObject({ reason: 'test' });
  });

  it('reloads on SIGHUP', async () => {
    let n = 0;
    reloader = new CorpusReloader({
      dir: 'x',
      logger: captureLogger().logger,
      load: async () => fakeIndex(`v${++n}`),
    });
    await reloader.load();
    reloader.listenForSighup();
    const next = reloader.nextReload();
    process.emit('SIGHUP', 'SIGHUP');
    await expect(next).resolves.toMatchObject({ reason: 'SIGHUP', version: 'v2' });
  });

  it('reloads when a file in the folder changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'facts-reload-'));
    try {
      await writeFile(join(dir, 'a.txt'), 'one');
      reloader = await watching(dir);
      const next = reloader.nextReload();

      await writeFile(join(dir, 'a.txt'), 'two');

      await expect(next).resolves.toMatchObject({ reason: 'file change' });
      // Several events may come from one write; the last reload read the finished file.
      await expect.poll(() => reloader?.current.version).toBe('two');
    } finally {
      reloader?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sees a file written just as a reload ends', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'facts-reload-'));
    try {
      await writeFile(join(dir, 'a.txt'), 'one');
      reloader = new CorpusReloader({
        dir,
        logger: captureLogger().logger,
        debounceMs: 20,
        // An editor saves again just as the reload of its first save finishes reading.
        load: async (folder) => {
          const version = await readFile(join(folder, 'a.txt'), 'utf8');
          // Written synchronously, so its event is still queued when the reload re-arms the watcher.
          if (version === 'two') writeFileSync(join(folder, 'a.txt'), 'three');
          return fakeIndex(version);
        },
      });
      await reloader.load();
      reloader.watch();
      await writeFile(join(dir, 'a.txt'), 'two');
      await expect.poll(() => reloader?.current.version).toBe('three');
    } finally {
      reloader?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('goes on watching when the folder is replaced by a new one of the same name', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'facts-reload-'));
    const dir = join(parent, 'corpus');
    try {
      await mkdir(dir);
      await writeFile(join(dir, 'a.txt'), 'one');
      reloader = await watching(dir);

      // A deploy moves the old folder away and puts a new copy in its place.
      const staged = join(parent, 'staged');
      await mkdir(staged);
      await writeFile(join(staged, 'a.txt'), 'two');
      await rename(dir, join(parent, 'old'));
      await rename(staged, dir);
      await expect.poll(() => reloader?.current.version).toBe('two');

      // A later edit in the new folder is seen too.
      await writeFile(join(dir, 'a.txt'), 'three');
      await expect.poll(() => reloader?.current.version).toBe('three');

      // Removed and written again (it may get the old folder's inode number back).
      await rm(dir, { recursive: true });
      await mkdir(dir);
      await writeFile(join(dir, 'a.txt'), 'four');
      await expect.poll(() => reloader?.current.version).toBe('four');
      await writeFile(join(dir, 'a.txt'), 'five');
      await expect.poll(() => reloader?.current.version).toBe('five');

      // Gone long enough for a reload to fail, then back. (Reloads of the last write may still come first.)
      await rm(dir, { recursive: true });
      let outcome: ReloadOutcome;
      do outcome = await reloader.nextReload();
      while (outcome.result !== 'failed');
      expect(outcome.version).toBe('five');
      await mkdir(dir);
      await writeFile(join(dir, 'a.txt'), 'six');
      await expect.poll(() => reloader?.current.version).toBe('six');
      await writeFile(join(dir, 'a.txt'), 'seven');
      await expect.poll(() => reloader?.current.version).toBe('seven');
    } finally {
      reloader?.close();
      await rm(parent, { recursive: true, force: true });
    }
  });
});
