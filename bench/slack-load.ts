/**
 * Load benchmark of the Slack adapter over HTTP (`npm run bench:slack`): correctly signed `/facts` requests
 * posted by autocannon to the real Bolt receiver, mounted as the runtime mounts it on a node:http server on
 * 127.0.0.1, answering from the real index over the bundled seeds. The app runs in a child process of its
 * own, as in production; this process holds the load generator and a sink standing in for Slack's Web API
 * and `response_url`s, which counts the answers that arrive. A benchmark, not a test: vitest never runs it.
 *
 *   npm run bench:slack
 *   npm run bench:slack -- --duration 20 --connections 100
 *
 * Two modes, each run flat out (as many requests as `--connections` keep in flight) and at a fixed `--rate`:
 * - ack: processBeforeResponse off (the production default). The latency is Slack's view: time to the
 *   ack. The answers are posted to the response_url afterwards; the run waits for all of them and checks
 *   that every acked request was answered.
 * - answer: processBeforeResponse on. The latency covers the whole request: verify, search, render and
 *   post the answer to the response_url.
 * Prints a markdown table; the figures are copied by hand into bench/slack-load.md. With
 * BENCH_CPU_PROF=<dir>, the app process writes a V8 CPU profile there.
 */

import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { parseConfig } from '../src/config.js';
import { loadFacts } from '../src/facts.js';
import { FactsService } from '../src/service.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    /** Requests per second of the fixed-rate rows (below saturation: the latency a user sees). */
    rate: { type: 'string', default: '50' },
    // Internal: run as the app process of one mode.
    serve: { type: 'string' },
    sink: { type: 'string' },
  },
});

const SECRET = 'bench-signing-secret';
const QUESTIONS = [
  'How many fake accounts were used?',
  'How many exchanges with Claude were there?',
  'When did the campaign run?',
  'Who wrote the letter to the Senate?',
  'What is distillation?',
  'Which capabilities were targeted?',
  'What did Alibaba say?',
  'What is the capital of France?',
];

type Mode = 'ack' | 'answer';
type FromApp = { ready: string } | { drained: boolean; received: number };

if (args.serve) await serve(args.serve as Mode, String(args.sink));
else await main(Number(args.duration), Number(args.connections), Number(args.rate));

/** The app process: the Slack adapter's handler on 127.0.0.1, reporting its URL, draining on request. */
async function serve(mode: Mode, sinkUrl: string): Promise<void> {
  const index = await loadFacts('seeds');
  const service = new FactsService({ index: () => index, rateLimitPerMinute: 10_000 });
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${sinkUrl}/api/`,
  });
  const adapter = createSlackAdapter({ config, service, processBeforeResponse: mode === 'answer' });
  const http = adapter.http;
  if (!http) throw new Error('no HTTP handler');
  let received = 0;
  const server = createServer((req, res) => {
    received += 1;
    http.handler(req, res);
  });
  await listen(server);
  await adapter.start();
  const send = (message: FromApp) => process.send?.(message);
  process.on('message', async () => {
    const drained = await service.drain(30_000);
    await adapter.stop();
    await close(server);
    send({ drained, received });
    process.disconnect();
  });
  send({ ready: `${origin(server)}${http.path}` });
}

/** The load generator: a sink for Slack, one app process per mode, autocannon against it. */
async function main(duration: number, connections: number, rate: number): Promise<void> {
  const sink = await startSink();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Node ${process.version}, ${os.cpus().length} × ${cpu}; ${connections} connections, ${duration} s per mode, ` +
      `${QUESTIONS.length} questions in rotation (one off-topic)\n`,
  );
  console.log(
    '| mode | offered load | requests/s (mean) | latency p50 | latency p99 | max | 2xx | non-2xx / errors | requests received | answers posted |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const runs: Array<[Mode, number | undefined]> = [
    ['ack', undefined],
    ['answer', undefined],
    ['ack', rate],
    ['answer', rate],
  ];
  for (const [mode, overallRate] of runs) {
    sink.reset();
    const app = fork(new URL(import.meta.url).pathname, ['--serve', mode, '--sink', sink.url], {
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
      ],
    });
    const next = () => new Promise<FromApp>((resolve) => app.once('message', (m) => resolve(m as FromApp)));
    const ready = await next();
    if (!('ready' in ready)) throw new Error('the app process did not start');
    const r = await load(ready.ready, sink.url, duration, connections, overallRate);
    app.send('drain');
    const done = await next();
    const drained = 'drained' in done && done.drained;
    const received = 'received' in done ? done.received : 0;
    console.log(
      `| ${mode} | ${overallRate ? `${overallRate} req/s` : `max (${connections} connections)`} | ${Math.round(r.requests.mean)} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.latency.max} ms | ` +
        `${r['2xx']} | ${r.non2xx} / ${r.errors + r.timeouts} | ${received} | ${sink.answers()}${drained ? '' : ' (not drained)'} |`,
    );
  }
  await close(sink.server);
}

function load(url: string, sinkUrl: string, duration: number, connections: number, overallRate?: number) {
  let n = 0;
  return autocannon({
    url,
    connections,
    duration,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          n += 1;
          const body = new URLSearchParams({
            team_id: 'T1',
            channel_id: 'C1',
            user_id: `U${n % 5000}`,
            command: '/facts',
            text: QUESTIONS[n % QUESTIONS.length] ?? '',
            response_url: `${sinkUrl}/response/${n}`,
            trigger_id: '1.2.3',
            api_app_id: 'A1',
          }).toString();
          const timestamp = Math.floor(Date.now() / 1000);
          const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
          return {
            ...request,
            body,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-slack-request-timestamp': String(timestamp),
              'x-slack-signature': signature,
            },
          };
        },
      },
    ],
  });
}

/** A stand-in for Slack: answers auth.test and counts the answers posted to response_urls. */
async function startSink() {
  let answers = 0;
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/response/')) answers += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        req.url?.startsWith('/api/auth.test')
          ? JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' })
          : '{"ok":true}',
      );
    });
  });
  await listen(server);
  return {
    server,
    url: origin(server),
    answers: () => answers,
    reset: () => {
      answers = 0;
    },
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function origin(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
