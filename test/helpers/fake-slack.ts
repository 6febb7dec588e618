/**
 * A local stand-in for Slack's Web API and `response_url`s, on 127.0.0.1: it records every call the Bolt app
 * makes so tests can assert on what Slack would have received. Web API calls arrive form-encoded, with nested
 * fields (`blocks`, `attachments`) as JSON strings, which are parsed here; `response_url` posts arrive as JSON.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** Web API method ("chat.postMessage", "auth.test", …) or "response_url". */
  method: string;
  /** Request path, e.g. "/api/chat.postMessage" or "/response/r1". */
  path: string;
  /** Form fields (JSON-valued ones parsed) or the JSON body of a `response_url` post. */
  body: Record<string, unknown>;
  /** The Authorization header, to check which token was used. */
  authorization: string | undefined;
}

/** What the fake answers for one Web API method; `ok: true` with a plausible payload by default. */
export type FakeAnswer = Record<string, unknown>;

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Answers queued per method, used before the default answer (e.g. a platform error). */
  readonly #queued = new Map<string, FakeAnswer[]>();
  readonly #server: Server;
  readonly #waiters: Array<{ method: string; count: number; resolve: (calls: RecordedCall[]) => void }> = [];
  #ts = 0;
  /** Set by tests of Socket Mode: the URL `apps.connections.open` hands out. */
  socketUrl = '';

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server);
    server.on('request', (req, res) => {
      void fake.#handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: String(error) }));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** What SLACK_API_URL should be. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A `response_url` on this fake; calls to it are recorded with method "response_url". */
  responseUrl(name = 'r1'): string {
    return `${this.origin}/response/${name}`;
  }

  /** Calls to one method (or "response_url"), in order. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Calls that posted something a user would see. */
  get posts(): RecordedCall[] {
    return this.calls.filter(
      (call) => call.method !== 'auth.test' && call.method !== 'apps.connections.open',
    );
  }

  /** Resolves once `count` calls to `method` have been recorded (at once if they already have). */
  waitForCalls(method: string, count = 1): Promise<RecordedCall[]> {
    return new Promise((resolve) => {
      this.#waiters.push({ method, count, resolve });
      this.#wake();
    });
  }

  #record(call: RecordedCall): void {
    this.calls.push(call);
    this.#wake();
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) {
      const calls = this.callsTo(waiter.method);
      if (calls.length >= waiter.count) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(calls);
      }
    }
  }

  /** The next call to `method` gets `answer` instead of the default. */
  answerNext(method: string, answer: FakeAnswer): void {
    this.#queued.set(method, [...(this.#queued.get(method) ?? []), answer]);
  }

  /** Forgets recorded calls. */
  clear(): void {
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  async #handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.origin).pathname;
    const authorization = req.headers.authorization;
    if (path.startsWith('/response/')) {
      this.#record({
        method: 'response_url',
        path,
        body: JSON.parse(raw) as Record<string, unknown>,
        authorization,
      });
      return { status: 200, body: { ok: true } };
    }
    if (!path.startsWith('/api/')) return { status: 404, body: { ok: false, error: 'unknown_path' } };
    const method = path.slice('/api/'.length);
    const body = parseApiBody(raw, req.headers['content-type']);
    this.#record({ method, path, body, authorization });
    const queued = this.#queued.get(method)?.shift();
    return { status: 200, body: queued ?? this.#defaultAnswer(method, body) };
  }

  #defaultAnswer(method: string, body: Record<string, unknown>): FakeAnswer {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://test.slack.com/',
          team: 'Test',
          user: 'facts',
          team_id: 'T1',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'chat.postMessage':
        this.#ts += 1;
        return {
          ok: true,
          channel: body.channel,
          ts: `1760000000.${String(this.#ts).padStart(6, '0')}`,
          message: { text: body.text },
        };
      case 'chat.postEphemeral':
        this.#ts += 1;
        return { ok: true, message_ts: `1760000000.${String(this.#ts).padStart(6, '0')}` };
      case 'apps.connections.open':
        return { ok: true, url: this.socketUrl };
      default:
        return { ok: true };
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseApiBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return body;
}
