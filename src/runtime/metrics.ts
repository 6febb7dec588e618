/**
 * Prometheus metrics (prom-client) and the `Telemetry` the FactsService reports to: every question is
 * counted, timed and logged as one line (platform, kind, latency, answered, request id; never the question
 * text, never a token).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../logger.js';
import type { FactsIndex } from '../search/facts-index.js';
import type { Platform, Telemetry } from '../service.js';

/** Where an error counted by `facts_errors_total` came from: a platform, or the runtime itself. */
export type ErrorSource = Platform | 'runtime';

export interface RuntimeMetrics {
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
  /** What the FactsService reports to: counts, times and logs every question. */
  readonly telemetry: Telemetry;
  /** Counts an error that no request owns (unhandled rejection, adapter failure). */
  runtimeError(): void;
  /** Records the outcome of a corpus reload. */
  reload(result: 'ok' | 'unchanged' | 'failed'): void;
  /** Sets what `facts_adapter_up` reports at scrape time: each configured adapter and whether it is connected. */
  observeAdapters(connected: () => Record<string, boolean>): void;
}

export interface RuntimeMetricsOptions {
  /** Receives the one line logged per question. */
  logger: Logger;
  /** The index being served, read at scrape time (so a reload shows at once); `undefined` before the first load. */
  index: () => FactsIndex | undefined;
  /** Also export Node's process metrics (CPU, memory, event loop lag). Default `true`. */
  defaultMetrics?: boolean;
}

/** Latency buckets in seconds: answers take about a millisecond, a slow one tens of milliseconds. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export function createRuntimeMetrics(options: RuntimeMetricsOptions): RuntimeMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const questions = new Counter({
    name: 'facts_questions_total',
    help: 'Questions answered or refused, by platform, kind (ask or find-sources) and outcome.',
    labelNames: ['platform', 'kind', 'outcome'] as const,
    registers,
  });
  const refusals = new Counter({
    name: 'facts_refusals_total',
    help: 'Questions no passage of the corpus answers (no excerpt shown), by platform and kind.',
    labelNames: ['platform', 'kind'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'facts_answer_duration_seconds',
    help: 'Time to search the index and build the answer, by platform and kind.',
    labelNames: ['platform', 'kind'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const rateLimited = new Counter({
    name: 'facts_rate_limited_total',
    help: 'Requests refused because the user asked too often, by platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const errors = new Counter({
    name: 'facts_errors_total',
    help: 'Requests that failed, by platform ("runtime" for errors outside any request).',
    labelNames: ['platform'] as const,
    registers,
  });
  const reloads = new Counter({
    name: 'facts_corpus_reloads_total',
    help: 'Corpus reloads, by result: ok (new corpus served), unchanged, failed (old corpus kept).',
    labelNames: ['result'] as const,
    registers,
  });
  let adapters: () => Record<string, boolean> = () => ({});
  new Gauge({
    name: 'facts_adapter_up',
    help: 'Whether a chat adapter is connected (1) or not (0).',
    labelNames: ['adapter'] as const,
    registers,
    collect() {
      this.reset();
      for (const [adapter, up] of Object.entries(adapters())) this.set({ adapter }, up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'facts_corpus_info',
    help: 'The corpus being served: always 1, labelled with its content hash.',
    labelNames: ['version'] as const,
    registers,
    collect() {
      this.reset();
      const index = options.index();
      if (index) this.set({ version: index.version }, 1);
    },
  });
  new Gauge({
    name: 'facts_corpus_passages',
    help: 'Number of passages in the index being served.',
    registers,
    collect() {
      this.set(options.index()?.passageCount ?? 0);
    },
  });

  const logger = options.logger;
  const telemetry: Telemetry = {
    question({ platform, kind, latencyMs, answered, requestId }) {
      questions.inc({ platform, kind, outcome: answered ? 'answered' : 'refused' });
      if (!answered) refusals.inc({ platform, kind });
      latency.observe({ platform, kind }, latencyMs / 1000);
      logger.info(
        { platform, kind, latencyMs: Math.round(latencyMs * 100) / 100, answered, requestId },
        answered ? 'question answered' : 'question refused',
      );
    },
    rateLimited(platform) {
      rateLimited.inc({ platform });
      logger.info({ platform }, 'question rate-limited');
    },
    error(platform, _error, _requestId) {
      // FactsService.handle logs the error itself, with the request id, on the request's logger.
      errors.inc({ platform });
    },
  };

  return {
    registry,
    telemetry,
    runtimeError: () => errors.inc({ platform: 'runtime' }),
    reload: (result) => reloads.inc({ result }),
    observeAdapters: (connected) => {
      adapters = connected;
    },
  };
}
