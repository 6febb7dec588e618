/**
 * Corpus hot reload. The index is rebuilt in the background on SIGHUP and when files in the corpus folder
 * change, then swapped in with one assignment: a question is answered entirely by the index it started
 * with, and an invalid corpus never replaces a valid one (the error is logged and the old index kept).
 */
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
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
  #watching = false;
  /** Watches the files in the corpus folder. */
  #watcher: FSWatcher | undefined;
  /** Watches the folder's own name in its parent: a folder moved or removed, and one put in its place. */
  #parentWatcher: FSWatcher | undefined;
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
   * Reloads when a file in the corpus folder is created, changed, renamed or deleted, and when the folder
   * itself is replaced (a deploy that moves a new copy into place, or removes the folder and writes it
   * again): a watcher follows the folder it was given, not its name, so the folder is watched afresh after
   * every reload, and its name is watched in the parent folder, which sees the new one arrive.
   */
  watch(): void {
    if (this.#watching) return;
    this.#watching = true;
    const folder = path.resolve(this.#options.dir);
    try {
      // Not persistent: watching alone must not keep the process alive (the console exits on end of input).
      this.#parentWatcher = watch(path.dirname(folder), { persistent: false }, (_event, file) => {
        if (file?.toString() === path.basename(folder)) this.#changed(file);
      });
      this.#parentWatcher.on('error', (error) => {
        this.#options.logger.warn(
          { err: error, dir: this.#options.dir },
          'stopped watching for the corpus folder',
        );
        this.#closeParentWatcher();
      });
    } catch {
      // A parent that cannot be watched (no permission) only means a replaced folder goes unseen.
    }
    this.#watchFolder();
  }

  /**
   * Watches the folder the corpus path names now. The new watcher opens before the old one closes: on the
   * same folder they share one kernel watch, so a change queued for the old one is still delivered.
   */
  #watchFolder(): void {
    const { dir, logger } = this.#options;
    const old = this.#watcher;
    this.#watcher = undefined;
    try {
      const watcher = watch(dir, { persistent: false }, (_event, file) => this.#changed(file));
      watcher.on('error', (error) => {
        logger.warn({ err: error, dir }, 'corpus watch stopped; reload with SIGHUP');
        watcher.close();
        if (this.#watcher === watcher) this.#watcher = undefined;
      });
      this.#watcher = watcher;
      logger.debug({ dir }, 'watching the corpus folder');
    } catch (error) {
      if (this.#parentWatcher && (error as NodeJS.ErrnoException).code === 'ENOENT')
        logger.info({ dir }, 'corpus folder missing; it is reloaded when it is back');
      else logger.warn({ err: error, dir }, 'cannot watch the corpus folder; reload with SIGHUP');
    } finally {
      old?.close();
    }
  }

  #closeParentWatcher(): void {
    this.#parentWatcher?.close();
    this.#parentWatcher = undefined;
  }

  /** Stops watching and listening for SIGHUP; a reload already running still finishes. */
  close(): void {
    clearTimeout(this.#debounce);
    this.#watching = false;
    this.#watcher?.close();
    this.#watcher = undefined;
    this.#closeParentWatcher();
    if (this.#onSighup) process.off('SIGHUP', this.#onSighup);
    this.#onSighup = undefined;
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
    if (this.#watching) this.#watchFolder();
    this.#options.onReload?.(outcome);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve(outcome);
    return outcome;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
