/**
 * The least of Slack's and Discord's APIs the runtime tests need (the adapters' own tests have fuller
 * fakes): Slack's `auth.test` and a `response_url` whose replies the test can hold, and a Discord REST API
 * that rejects the token.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deferred } from './runtime-fakes.js';

export const SLACK_SIGNING_SECRET = 'runtime-test-signing-secret';

export interface HeldRequest {
  path: string;
  body: string;
  /** Answers the request (200 `ok`). */
  release: () => void;
}

export interface PlatformStub {
  url: string;
  /** Resolves with the next request to `/response/…`, held open until the test releases it. */
  nextResponse: () => Promise<HeldRequest>;
  close: () => Promise<void>;
}

/**
 * `POST /slack/api/auth.test` succeeds; `POST /response/…` (a slash command's response_url) is held until
 * released; `/discord/api/…` answers 401 (an invalid token) to everything.
 */
export async function startPlatformStub(): Promise<PlatformStub> {
  let waiting = deferred<HeldRequest>();
  const open = new Set<ServerResponse>();
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const path = req.url ?? '/';
    if (path.startsWith('/slack/api/auth.test')) {
      json(res, 200, {
        ok: true,
        user_id: 'UBOT',
        bot_id: 'BBOT',
        team_id: 'T1',
        team: 'Test',
        user: 'facts',
      });
    } else if (path.startsWith('/response/')) {
      open.add(res);
      const held = waiting;
      waiting = deferred<HeldRequest>();
      held.resolve({
        path,
        body,
        release: () => {
          open.delete(res);
          json(res, 200, { ok: true });
        },
      });
    } else if (path.startsWith('/discord/api/')) {
      json(res, 401, { message: '401: Unauthorized', code: 0 });
    } else {
      json(res, 404, { ok: false, error: 'unknown_method' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    nextResponse: () => waiting.promise,
    close: async () => {
      for (const res of open) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** POSTs a signed `/facts` slash command to the bot's `/slack/events`; resolves with the HTTP status. */
export async function postSlashCommand(botPort: number, text: string, responseUrl: string): Promise<number> {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'test',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: 'U1',
    user_name: 'someone',
    command: '/facts',
    text,
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const signature = `v0=${createHmac('sha256', SLACK_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const response = await fetch(`http://127.0.0.1:${botPort}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
    body,
  });
  await response.text();
  return response.status;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
