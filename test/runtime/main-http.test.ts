/** `/healthz`, `/readyz` and `/metrics` of the real process (console mode: no credentials needed). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FactsProcess, killAll, request, spawnFacts } from '../helpers/spawn-facts.js';

let facts: FactsProcess;
let port: number;

beforeAll(async () => {
  facts = spawnFacts(); // standard input stays open: the console waits for questions
  port = await facts.port();
});
afterAll(killAll);

describe('the HTTP server of npm start', () => {
  it('GET /healthz answers 200 while the process lives', async () => {
    const response = await request(port, '/healthz');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 once the index is loaded, with the corpus version', async () => {
    const response = await request(port, '/readyz');
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ready',
      checks: {
        corpus: { ready: true, detail: expect.stringMatching(/^version [0-9a-f]{12}, \d+ passages$/) },
      },
    });
  });

  it('GET /metrics counts questions by platform, refusals and latency, and shows the corpus', async () => {
    facts.write('How many fake accounts were used?\nWhat is the capital of France?\n');
    await facts.waitForLog((line) => line.answered === false);

    const response = await request(port, '/metrics');

    expect(response.status).toBe(200);
    expect(response.contentType).toContain('text/plain');
    const text = response.text;
    expect(text).toContain('facts_questions_total{platform="console",kind="ask",outcome="answered"} 1');
    expect(text).toContain('facts_refusals_total{platform="console",kind="ask"} 1');
    expect(text).toContain('facts_answer_duration_seconds_count{platform="console",kind="ask"} 2');
    expect(text).toMatch(/^facts_corpus_info\{version="[0-9a-f]{12}"\} 1$/m);
    expect(text).toMatch(/^facts_corpus_passages [1-9]\d*$/m);
    expect(text).toContain('# TYPE facts_rate_limited_total counter');
    expect(text).toContain('# TYPE facts_errors_total counter');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('answers 404 on any other path', async () => {
    expect((await request(port, '/slack/events', 'POST')).status).toBe(404);
    expect((await request(port, '/')).status).toBe(404);
  });
});
