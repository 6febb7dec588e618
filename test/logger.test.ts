import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import { REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

const QUESTION = 'my private question about fake accounts';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldA';
const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-bot-token-value';
const SLACK_TOKEN = 'xoxb-1234-5678-secretslacktoken';
const BLOCKS_PROBLEM = '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]';

/** A logger whose lines are kept, parsed. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A local API that refuses every request with `status` and `body`. */
async function refusingApi(status: number, body: unknown): Promise<string> {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('logged errors', () => {
  it('keep what went wrong and drop the failed Discord request: its token, path and body', async () => {
    const base = await refusingApi(400, { code: 50035, message: 'Invalid Form Body' });
    const rest = new REST({ api: `${base}/api`, retries: 0 }).setToken(BOT_TOKEN);
    const error = await rest
      .patch(`/webhooks/123456789012345678/${INTERACTION_TOKEN}/messages/@original`, {
        body: { content: `**Question:** ${QUESTION}` },
      })
      .catch((e: unknown) => e);
    const { logger, lines } = capturingLogger();
    logger.error({ err: error }, 'request failed');
    const written = JSON.stringify(lines);
    expect(lines[0]?.err).toMatchObject({
      type: 'DiscordAPIError',
      code: 50035,
      status: 400,
      method: 'PATCH',
    });
    for (const secret of [INTERACTION_TOKEN, BOT_TOKEN, QUESTION]) expect(written).not.toContain(secret);
  });

  it('keep Slack’s error code, and nothing of the failed Slack call', async () => {
    const base = await refusingApi(200, {
      ok: false,
      error: 'invalid_blocks',
      response_metadata: { messages: [BLOCKS_PROBLEM] },
    });
    const client = new webApi.WebClient(SLACK_TOKEN, {
      slackApiUrl: `${base}/api/`,
      retryConfig: { retries: 0 },
    });
    const platform = await client.chat
      .postMessage({ channel: 'C1', text: QUESTION })
      .catch((e: unknown) => e);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    // Nothing listens any more: the HTTP client's own error, which holds the request's configuration.
    const unreachable = await client.chat
      .postMessage({ channel: 'C1', text: QUESTION })
      .catch((e: unknown) => e);
    const { logger, lines } = capturingLogger();
    logger.error({ err: platform }, 'request failed');
    logger.error({ err: unreachable }, 'request failed');
    expect(lines[0]?.err).toMatchObject({ slackError: 'invalid_blocks', slackMessages: [BLOCKS_PROBLEM] });
    expect(lines[1]?.err).toMatchObject({ code: 'slack_webapi_request_error' });
    const written = JSON.stringify(lines);
    for (const secret of [SLACK_TOKEN, QUESTION]) expect(written).not.toContain(secret);
  });

  it('log a thrown value that is not an Error as its text', () => {
    const { logger, lines } = capturingLogger();
    logger.error({ err: 'plain failure' }, 'request failed');
    expect(lines[0]?.err).toEqual({ message: 'plain failure' });
  });

  it('log whatever was thrown without throwing themselves, keeping what says what went wrong', () => {
    const withGetter = new Error('outer');
    Object.defineProperty(withGetter, 'url', {
      get() {
        throw new Error('no url');
      },
    });
    const inner = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      port: 9,
    });
    const { logger, lines } = capturingLogger();
    for (const err of [
      Object.create(null),
      withGetter,
      { code: 'ECONNRESET', message: 'socket hang up' },
      new AggregateError([inner, new Error('second')], ''),
      new Error('wrapped', { cause: Object.create(null) }),
    ])
      logger.error({ err }, 'request failed');
    expect(lines.map((line) => line.err)).toEqual([
      { message: '[object Object]' },
      { message: 'an error that could not be read' },
      { code: 'ECONNRESET', message: 'socket hang up' },
      expect.objectContaining({
        type: 'AggregateError',
        errors: [
          expect.objectContaining({
            message: inner.message,
            code: 'ECONNREFUSED',
            syscall: 'connect',
            port: 9,
          }),
          expect.objectContaining({ message: 'second' }),
        ],
      }),
      expect.objectContaining({ message: 'wrapped', cause: { message: '[object Object]' } }),
    ]);
  });
});
