/**
 * Graceful shutdown on SIGTERM/SIGINT (or when the console's input ends): stop accepting, let the answers in
 * flight finish (bounded), close the chat connections, exit.
 */
import type { Server } from 'node:http';
import type { Logger } from '../logger.js';
import type { FactsService } from '../service.js';
import type { AdapterSupervisor } from './adapters.js';
import { closeServer } from './http-server.js';
import type { CorpusReloader } from './reload.js';

export interface ShutdownOptions {
  logger: Logger;
  service: FactsService;
  /** The HTTP server, when one is listening. */
  server?: Server | undefined;
  adapters?: AdapterSupervisor | undefined;
  reloader?: CorpusReloader | undefined;
  /** How long answers in flight may take to finish. Default 10 s. */
  drainTimeoutMs?: number;
  /** How long each adapter may take to disconnect. Default 3 s. */
  stopTimeoutMs?: number;
  /** Ends the process. Default `process.exit`. */
  exit?: (code: number) => void;
}

export class Shutdown {
  readonly #options: ShutdownOptions;
  #running: Promise<void> | undefined;

  constructor(options: ShutdownOptions) {
    this.#options = options;
  }

  /** Whether a shutdown has begun. */
  get started(): boolean {
    return this.#running !== undefined;
  }

  /** Shuts down on SIGTERM and SIGINT; a repeated signal is ignored, since every step is bounded. */
  listen(): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (this.started) this.#options.logger.warn({ signal }, 'shutdown already in progress');
        else void this.run(signal);
      });
    }
  }

  /** Runs the shutdown once (later calls get the same promise) and exits with `code`. */
  run(reason: string, code = 0): Promise<void> {
    this.#running ??= this.#shutdown(reason, code);
    return this.#running;
  }

  async #shutdown(reason: string, code: number): Promise<void> {
    const { logger, service, server, adapters, reloader } = this.#options;
    const drainTimeoutMs = this.#options.drainTimeoutMs ?? 10_000;
    const stopTimeoutMs = this.#options.stopTimeoutMs ?? 3_000;
    logger.info({ reason, inFlight: service.inFlight }, 'shutting down');
    // From now on a question that still arrives (over a chat connection, which stays open until the
    // answers in flight are sent) is told to ask again, not answered: the drain would never end otherwise.
    service.close();
    reloader?.close();
    // Stops accepting connections now; requests already received (Slack events) run to their end.
    const serverClosed = server ? closeServer(server, drainTimeoutMs) : Promise.resolve();
    const drained = await service.drain(drainTimeoutMs);
    if (!drained) {
      logger.warn({ inFlight: service.inFlight, drainTimeoutMs }, 'answers still in flight at the deadline');
    }
    await adapters?.stopAll(stopTimeoutMs);
    await serverClosed;
    logger.info({ reason, drained, code }, 'shutdown complete');
    (this.#options.exit ?? process.exit)(code);
  }
}
