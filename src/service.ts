/**
 * What the chat adapters call: the current index (swapped atomically on reload), telemetry around every
 * question, per-user rate limiting and in-flight tracking for graceful shutdown. Platform-free.
 */
import { randomUUID } from 'node:crypto';
import type { AskOptions, AskResult, FindSourcesResult, SourceSummary } from './answer.js';
import { type Logger, silentLogger } from './logger.js';
import { messages } from './present.js';
import { UserRateLimiter } from './rate-limit.js';
import type { FactsIndex } from './search/facts-index.js';

export type Platform = 'discord' | 'slack' | 'console';

/** Observes what the service does; the runtime turns these into metrics and log lines. */
export interface Telemetry {
  question(event: {
    platform: Platform;
    kind: 'ask' | 'find-sources';
    latencyMs: number;
    answered: boolean;
    requestId: string;
  }): void;
  rateLimited(platform: Platform): void;
  error(platform: Platform, error: unknown, requestId: string): void;
}

const noTelemetry: Telemetry = { question() {}, rateLimited() {}, error() {} };

export interface FactsServiceOptions {
  /** Returns the index to answer from; called once per question, so a reload takes effect at once. */
  index: () => FactsIndex;
  logger?: Logger;
  telemetry?: Telemetry;
  /** Questions one user may ask per minute. Default 10. */
  rateLimitPerMinute?: number;
}

/** A request being handled, as passed to `FactsService.handle` callbacks. */
export interface RequestContext {
  requestId: string;
  logger: Logger;
}

/** What `FactsService.handle` throws once the service is closing: the user is asked to ask again shortly. */
export class ServiceClosingError extends Error {
  constructor() {
    super('facts-bot is shutting down');
    this.name = 'ServiceClosingError';
  }
}

/** What a user whose request failed with `error` is told: to ask again shortly, or that it failed. */
export function failureNotice(error: unknown): string {
  return error instanceof ServiceClosingError ? messages.restarting : messages.error;
}

export class FactsService {
  readonly logger: Logger;
  readonly #index: () => FactsIndex;
  readonly #telemetry: Telemetry;
  readonly #limiter: UserRateLimiter;
  readonly #inFlight = new Set<Promise<unknown>>();
  #closing = false;

  constructor(options: FactsServiceOptions) {
    this.#index = options.index;
    this.logger = options.logger ?? silentLogger;
    this.#telemetry = options.telemetry ?? noTelemetry;
    this.#limiter = new UserRateLimiter(options.rateLimitPerMinute ?? 10);
  }

  get index(): FactsIndex {
    return this.#index();
  }

  /** Content hash of the corpus being served. */
  get corpusVersion(): string {
    return this.#index().version;
  }

  ask(platform: Platform, question: string, options: AskOptions = {}, requestId = newRequestId()): AskResult {
    return this.#timed(
      { platform, kind: 'ask', requestId },
      () => this.#index().ask(question, options),
      (result) => result.answers.length > 0,
    );
  }

  findSources(platform: Platform, text: string, requestId = newRequestId()): FindSourcesResult {
    return this.#timed(
      { platform, kind: 'find-sources', requestId },
      () => this.#index().findSources(text),
      (result) => result.supporting.length > 0,
    );
  }

  /** Runs one question against the index and reports its latency and whether it was answered. */
  #timed<T>(
    event: { platform: Platform; kind: 'ask' | 'find-sources'; requestId: string },
    run: () => T,
    answered: (result: T) => boolean,
  ): T {
    const started = performance.now();
    const result = run();
    this.#telemetry.question({
      platform: event.platform,
      kind: event.kind,
      latencyMs: performance.now() - started,
      answered: answered(result),
      requestId: event.requestId,
    });
    return result;
  }

  suggest(prefix: string, limit?: number): string[] {
    return this.#index().suggest(prefix, limit);
  }

  sources(): SourceSummary[] {
    return this.#index().sources();
  }

  /** Spends one question of `userKey`'s allowance; counts a refusal in telemetry. */
  async allow(platform: Platform, userKey: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const decision = await this.#limiter.consume(`${platform}:${userKey}`);
    if (!decision.allowed) this.#telemetry.rateLimited(platform);
    return decision;
  }

  /**
   * Runs one platform request: gives it a request id and a child logger, counts it in flight until it
   * settles (see `drain`), and reports a failure to telemetry before rethrowing it to the adapter, which
   * answers the user with a short error. Once the service is closing, it runs nothing and throws a
   * `ServiceClosingError`.
   */
  async handle<T>(platform: Platform, work: (context: RequestContext) => Promise<T>): Promise<T> {
    const requestId = newRequestId();
    const logger = this.logger.child({ platform, requestId });
    if (this.#closing) {
      logger.info('request refused: shutting down');
      throw new ServiceClosingError();
    }
    const task = work({ requestId, logger }).catch((error: unknown) => {
      this.#telemetry.error(platform, error, requestId);
      logger.error({ err: error }, 'request failed');
      throw error;
    });
    this.#inFlight.add(task);
    try {
      return await task;
    } finally {
      this.#inFlight.delete(task);
    }
  }

  /** Number of requests being handled now. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Takes no new request from now on (see `handle`); those in flight run to their end. */
  close(): void {
    this.#closing = true;
  }

  get closing(): boolean {
    return this.#closing;
  }

  /** Resolves `true` once no request is in flight, or `false` when `timeoutMs` passes first. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.#inFlight.size > 0) {
        const settled = Promise.allSettled([...this.#inFlight]).then(() => true as const);
        if (!(await Promise.race([settled, timedOut]))) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}

function newRequestId(): string {
  return randomUUID();
}
