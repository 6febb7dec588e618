/**
 * The chat adapters this environment configures, each started and stopped on its own: one that fails to
 * connect is logged and reported not ready, and the others keep answering.
 */
import type { ChatAdapter } from '../adapter.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Mount, ReadinessCheck } from './http-server.js';

export type AdapterName = 'discord' | 'slack';

/** Discord when `DISCORD_TOKEN` is set, Slack when `SLACK_BOT_TOKEN` is set; none means the local console. */
export function configuredAdapters(config: Pick<Config, 'DISCORD_TOKEN' | 'SLACK_BOT_TOKEN'>): AdapterName[] {
  const names: AdapterName[] = [];
  if (config.DISCORD_TOKEN) names.push('discord');
  if (config.SLACK_BOT_TOKEN) names.push('slack');
  return names;
}

/** Builds one adapter (imports its module, creates the client); may reject. */
export interface AdapterFactory {
  name: AdapterName;
  create: () => Promise<ChatAdapter>;
}

type State = 'created' | 'starting' | 'started' | 'failed' | 'stopped';

interface Entry {
  name: string;
  adapter: ChatAdapter | undefined;
  state: State;
}

export class AdapterSupervisor {
  readonly #logger: Logger;
  readonly #onError: () => void;
  readonly #entries: Entry[] = [];

  /** `onError` is called for every adapter that fails to be created, started or stopped (for metrics). */
  constructor(options: { logger: Logger; onError?: () => void }) {
    this.#logger = options.logger;
    this.#onError = options.onError ?? (() => {});
  }

  /** Creates every adapter; one that cannot be created is recorded as failed and the others still are. */
  async create(factories: AdapterFactory[]): Promise<void> {
    await Promise.all(
      factories.map(async ({ name, create }) => {
        const entry: Entry = { name, adapter: undefined, state: 'created' };
        this.#entries.push(entry);
        try {
          entry.adapter = await create();
        } catch (error) {
          this.#failed(entry, 'could not be created', error);
        }
      }),
    );
  }

  /** The HTTP handlers adapters ask the runtime to serve (Slack in HTTP mode). */
  mounts(): Mount[] {
    return this.#entries.flatMap((entry) => (entry.adapter?.http ? [entry.adapter.http] : []));
  }

  /** Starts every created adapter at once; resolves when each has started or failed, never rejects. */
  async startAll(): Promise<{ started: string[]; failed: string[] }> {
    await Promise.all(
      this.#entries.map(async (entry) => {
        if (!entry.adapter || entry.state !== 'created') return;
        entry.state = 'starting';
        this.#logger.info({ adapter: entry.name }, 'adapter starting');
        try {
          await entry.adapter.start();
          // A shutdown may have begun while it was connecting.
          if (entry.state === 'starting') entry.state = 'started';
          this.#logger.info({ adapter: entry.name }, 'adapter started');
        } catch (error) {
          this.#failed(entry, 'failed to start', error);
        }
      }),
    );
    return {
      started: this.#entries.filter((e) => e.state === 'started').map((e) => e.name),
      failed: this.#entries.filter((e) => e.state === 'failed').map((e) => e.name),
    };
  }

  /** One check per configured adapter, for `/readyz`. */
  readiness(): Record<string, ReadinessCheck> {
    const checks: Record<string, ReadinessCheck> = {};
    for (const entry of this.#entries) checks[entry.name] = this.#check(entry);
    return checks;
  }

  /** Whether each configured adapter is connected now, for `facts_adapter_up`. */
  connected(): Record<string, boolean> {
    return Object.fromEntries(this.#entries.map((entry) => [entry.name, this.#check(entry).ready]));
  }

  /**
   * Tells adapters that hold their own index (sharded Discord: one index per shard process) to reload it,
   * through their optional `reloadCorpus()`. Never rejects.
   */
  async reloadCorpus(): Promise<void> {
    await Promise.all(
      this.#entries.map(async (entry) => {
        const adapter = entry.adapter;
        if (!adapter?.reloadCorpus || entry.state !== 'started') return;
        try {
          await adapter.reloadCorpus();
        } catch (error) {
          this.#onError();
          this.#logger.error({ err: error, adapter: entry.name }, 'adapter failed to reload the corpus');
        }
      }),
    );
  }

  /** Stops every adapter that was created, each bounded by `timeoutMs`; never rejects. */
  async stopAll(timeoutMs: number): Promise<void> {
    await Promise.all(
      this.#entries.map(async (entry) => {
        const adapter = entry.adapter;
        if (!adapter || entry.state === 'stopped') return;
        entry.state = 'stopped';
        try {
          const stopped = await withTimeout(adapter.stop(), timeoutMs);
          if (stopped) this.#logger.info({ adapter: entry.name }, 'adapter stopped');
          else this.#logger.warn({ adapter: entry.name, timeoutMs }, 'adapter did not stop in time');
        } catch (error) {
          this.#onError();
          this.#logger.error({ err: error, adapter: entry.name }, 'adapter failed to stop');
        }
      }),
    );
  }

  #check(entry: Entry): ReadinessCheck {
    switch (entry.state) {
      case 'created':
      case 'starting':
        return { ready: false, detail: 'starting' };
      case 'failed':
        // The reason is in the logs: this endpoint may be reachable by anyone, and errors can quote URLs.
        return { ready: false, detail: 'failed to start (see logs)' };
      case 'stopped':
        return { ready: false, detail: 'stopped' };
      case 'started':
        return entry.adapter?.ready()
          ? { ready: true, detail: 'connected' }
          : { ready: false, detail: 'disconnected' };
    }
  }

  #failed(entry: Entry, what: string, error: unknown): void {
    entry.state = 'failed';
    this.#onError();
    this.#logger.error(
      { err: error, adapter: entry.name },
      `${entry.name} adapter ${what}; other adapters go on`,
    );
  }
}

/** Resolves `true` when `promise` settles first (rethrowing its rejection), `false` after `ms`. */
async function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
