/**
 * Corpus hot reload. The index is rebuilt in the background on SIGHUP and when files in the corpus folder
 * change, then swapped in with one assignment: a question is answered entirely by the index it started
 * with, and an invalid corpus never replaces a valid one (the error is logged and the old index kept).
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
import type { Logger } from '../logger.js';
import type { FactsIndex } from '../search/facts-index.js';

/** What one reload did. */
export interface ReloadOutcome {
  /** `ok`: a new corpus is served; `unchanged`: same content hash; `failed`: the old corpus is still served. */
  result: 'ok' | 'unchanged' | 'failed';
  /** What asked for the reload: "SIGHUP", "file change", … */
  reason: string;
  /** Content hash served after the reload. */
  version: string;
  /** Content hash served before it. */
  previousVersion: string;
  /** Why the new corpus was rejected (`failed` only). */
  error?: unknown;
}

export interface CorpusReloaderOptions {
  /** The corpus folder (CORPUS_DIR). */
  dir: string;
  /** Builds an index from a folder; rejects with a descriptive error when the corpus is invalid. */
  load: (dir: string) => Promise<FactsIndex>;
  logger: Logger;
  /** Quiet time after the last file event before rebuilding, so one save triggers one reload. Default 250 ms. */
  debounceMs?: number;
  /** Called after every reload (for metrics). */
  onReload?: (outcome: ReloadOutcome) => void;
}

export class CorpusReloader {
  readonly #options: CorpusReloaderOptions;
  #current: FactsIndex | undefined;
  #running: Promise<ReloadOutcome> | undefined;
  #queued: Promise<ReloadOutcome> | undefined;
  #waiters: Array<(outcome: ReloadOutcome) => void> = [];
  #watcher: FSWatcher | undefined;
  /** The device and inode of the folder being watched (see `folderIdentity`). */
  #watchedFolder: string | undefined;
  #debounce: NodeJS.Timeout | undefined;
  #onSighup: (() => void) | undefined;

  constructor(options: CorpusReloaderOptions) {
    this.#options = options;
  }

  /** The index being served. Throws before `load()` has resolved. */
  get current(): FactsIndex {
    if (!this.#current) throw new Error('CorpusReloader: the corpus has not been loaded yet');
    return this.#current;
  }

  /** The index being served, or `undefined` before the first load. */
  get loaded(): FactsIndex | undefined {
    return this.#current;
  }

  /** First load; rejects (and serves nothing) when the corpus is invalid. */
  async load(): Promise<FactsIndex> {
    const index = await this.#options.load(this.#options.dir);
    this.#current = index;
    this.#warn(index);
    return index;
  }

  /** What the corpus asks for that the index cannot do, once for each version served. */
  #warn(index: FactsIndex): void {
    for (const warning of index.warnings) {
      this.#options.logger.warn({ dir: this.#options.dir, version: index.version }, `corpus: ${warning}`);
    }
  }

  /**
   * Rebuilds the index and swaps it in when valid. Never rejects. Reloads do not overlap: asked for during a
   * rebuild, one more rebuild follows it (so a change made mid-rebuild is not missed), and every caller
   * waiting meanwhile gets that one's outcome.
   */
  reload(reason: string): Promise<ReloadOutcome> {
    if (!this.#running) {
      this.#running = this.#rebuild(reason).finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    this.#queued ??= this.#running.then(() => {
      this.#queued = undefined;
      return this.reload(reason);
    });
    return this.#queued;
  }

  /** Resolves with the outcome of the next reload to finish (for tests and tooling). */
  nextReload(): Promise<ReloadOutcome> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Reloads on SIGHUP. */
  listenForSighup(): void {
    if (this.#onSighup) return;
    this.#onSighup = () => void this.reload('SIGHUP');
    process.on('SIGHUP', this.#onSighup);
  }

  /**
   * Reloads when a file in the corpus folder is created, changed, renamed or deleted. A folder replaced by
   * another of the same name (a deploy that moves a new copy into place) is watched in its turn: the
   * watcher follows the folder it was given, so it is set again whenever the name stands for another one.
   */
  watch(): void {
    if (this.#watcher) return;
    const { dir, logger } = this.#options;
    try {
      this.#watchedFolder = folderIdentity(dir);
      // Not persistent: watching alone must not keep the process alive (the console exits on end of input).
      this.#watcher = watch(dir, { persistent: false }, (_event, file) => this.#changed(file));
      this.#watcher.on('error', (error) => {
        logger.warn({ err: error, dir }, 'corpus watch stopped; reload with SIGHUP');
        this.#watcher?.close();
        this.#watcher = undefined;
      });
      logger.debug({ dir }, 'watching the corpus folder');
    } catch (error) {
      logger.warn({ err: error, dir }, 'cannot watch the corpus folder; reload with SIGHUP');
    }
  }

  /** Stops watching and listening for SIGHUP; a reload already running still finishes. */
  close(): void {
    clearTimeout(this.#debounce);
    this.#watcher?.close();
    this.#watcher = undefined;
    if (this.#onSighup) process.off('SIGHUP', this.#onSighup);
    this.#onSighup = undefined;
  }

  /** Watches the folder that the corpus path names now, if there is one and it is not the one watched. */
  #rewatchIfReplaced(): void {
    const now = folderIdentity(this.#options.dir);
    if (!this.#watcher || now === undefined || now === this.#watchedFolder) return;
    this.#options.logger.info({ dir: this.#options.dir }, 'corpus folder replaced; watching the new one');
    this.#watcher.close();
    this.#watcher = undefined;
    this.watch();
  }

  #changed(file: string | Buffer | null): void {
    this.#options.logger.debug({ file: file?.toString() ?? null }, 'corpus file changed');
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => void this.reload('file change'), this.#options.debounceMs ?? 250);
    // Not keeping the process alive either, like the watcher.
    this.#debounce.unref();
  }

  async #rebuild(reason: string): Promise<ReloadOutcome> {
    const { dir, load, logger } = this.#options;
    const previousVersion = this.#current?.version ?? '';
    const started = performance.now();
    let outcome: ReloadOutcome;
    try {
      const next = await load(dir);
      const durationMs = Math.round(performance.now() - started);
      if (next.version === previousVersion) {
        outcome = { result: 'unchanged', reason, version: previousVersion, previousVersion };
        logger.info({ reason, version: previousVersion, durationMs }, 'corpus unchanged');
      } else {
        this.#current = next; // The swap: the next question reads the new index, one in progress keeps its own.
        outcome = { result: 'ok', reason, version: next.version, previousVersion };
        logger.info(
          { reason, version: next.version, previousVersion, passages: next.passageCount, durationMs },
          'corpus reloaded',
        );
        this.#warn(next);
      }
    } catch (error) {
      outcome = { result: 'failed', reason, version: previousVersion, previousVersion, error };
      logger.error(
        { err: error, reason, dir, version: previousVersion },
        `corpus reload failed, still serving version ${previousVersion}: ${errorMessage(error)}`,
      );
    }
    this.#rewatchIfReplaced();
    this.#options.onReload?.(outcome);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve(outcome);
    return outcome;
  }
}

/** Which folder `dir` names now (device and inode, through symbolic links); undefined when none. */
function folderIdentity(dir: string): string | undefined {
  try {
    const { dev, ino } = statSync(dir);
    return `${dev}:${ino}`;
  } catch {
    return undefined;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
