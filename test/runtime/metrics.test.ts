import { describe, expect, it } from 'vitest';
import { createRuntimeMetrics } from '../../src/runtime/metrics.js';
import { captureLogger, fakeIndex } from '../helpers/runtime-fakes.js';

describe('createRuntimeMetrics', () => {
  it('counts, times and logs every question without its text', async () => {
    const { logger, lines } = captureLogger();
    const metrics = createRuntimeMetrics({
      logger,
      index: () => fakeIndex('abc123', 42),
      defaultMetrics: false,
    });
    metrics.telemetry.question({
      platform: 'slack',
      kind: 'ask',
      latencyMs: 1.234,
      answered: true,
      requestId: 'r1',
    });
    metrics.telemetry.question({
      platform: 'slack',
      kind: 'ask',
      latencyMs: 2,
      answered: false,
      requestId: 'r2',
    });
    metrics.telemetry.rateLimited('discord');
    metrics.telemetry.error('discord', new Error('boom'), 'r3');
    metrics.observeAdapters(() => ({ discord: false, slack: true }));

    const text = await metrics.registry.metrics();

    expect(text).toContain('facts_questions_total{platform="slack",kind="ask",outcome="answered"} 1');
    expect(text).toContain('facts_refusals_total{platform="slack",kind="ask"} 1');
    expect(text).toContain('facts_answer_duration_seconds_count{platform="slack",kind="ask"} 2');
    expect(text).toContain('facts_rate_limited_total{platform="discord"} 1');
    expect(text).toContain('facts_errors_total{platform="discord"} 1');
    expect(text).toContain('facts_corpus_info{version="abc123"} 1');
    expect(text).toContain('facts_corpus_passages 42');
    expect(text).toContain('facts_adapter_up{adapter="slack"} 1');
    expect(lines).toContainEqual(
      expect.objectContaining({
        platform: 'slack',
        kind: 'ask',
        latencyMs: 1.23,
        answered: true,
        requestId: 'r1',
      }),
    );
  });

  it('reports the corpus being served at scrape time', async () => {
    let version = 'v1';
    const metrics = createRuntimeMetrics({
      logger: captureLogger().logger,
      index: () => fakeIndex(version),
      defaultMetrics: false,
    });
    version = 'v2';
    const text = await metrics.registry.metrics();
    expect(text).toContain('facts_corpus_info{version="v2"} 1');
    expect(text).not.toContain('version="v1"');
  });
});
