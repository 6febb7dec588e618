/**
 * A fake Discord on 127.0.0.1 for driving the real discord.js: a REST API that records every request and
 * answers like Discord does, and a gateway (same port) that completes the handshake and dispatches events.
 * Nothing leaves the machine.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { forSuite } from './suite.js';

export const APP_ID = '1100000000000000001';
export const BOT_USER = {
  id: APP_ID,
  username: 'facts',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
} as const;
/** Shaped like a bot token (discord.js censors its three dot-separated parts in debug output). */
export const TOKEN = `MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfAkEs.${'x'.repeat(38)}`;

/** One request the bot made, as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, decoded (`@original`, not `%40original`), e.g. `/api/v10/…`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** A READY-like reply for `GET /gateway/bot`. */
interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export interface FakeDiscord {
  /** Base for discord.js's `rest.api` / `DISCORD_API_URL`. */
  apiUrl: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** IDENTIFY payloads received on the gateway (their `shard` field shows the sharding). */
  identifies: Array<{ shard?: [number, number]; intents: number }>;
  /** Resolves once `count` IDENTIFYs (past or future) have been answered with READY. */
  identified(count?: number): Promise<void>;
  /** Resolves with the first request (past or future) that matches. */
  waitFor(predicate: (request: RecordedRequest) => boolean): Promise<RecordedRequest>;
  /** Sends a dispatch event (op 0) to every connected gateway session. */
  dispatch(type: string, data: unknown): void;
  /** Number of open gateway connections. */
  readonly connections: number;
  close(): Promise<void>;
}

let nextSnowflake = 1_200_000_000_000_000_000n;
/** A fresh, increasing snowflake id. */
export function snowflake(): string {
  nextSnowflake += 1n;
  return String(nextSnowflake);
}

export interface FakeDiscordOptions {
  /** Shard count `GET /gateway/bot` recommends. Default 1. */
  recommendedShards?: number;
  /** Answer every request with 401, as Discord does for a revoked or wrong token. */
  rejectToken?: boolean;
}

/** A fake Discord for the enclosing `describe`: started before its tests, closed after them (see `forSuite`). */
export function useFakeDiscord(options: FakeDiscordOptions = {}): FakeDiscord {
  return forSuite(() => startFakeDiscord(options));
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const identifies: FakeDiscord['identifies'] = [];
  const waiters: Array<{
    predicate: (r: RecordedRequest) => boolean;
    resolve: (r: RecordedRequest) => void;
  }> = [];
  const sockets = new Set<WebSocket>();
  const identifyWaiters: Array<{ count: number; resolve: () => void }> = [];
  let sequence = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        body: raw ? parseBody(raw, req.headers['content-type']) : undefined,
      };
      requests.push(recorded);
      respond(recorded, res);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(recorded)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(recorded);
        }
      }
    });
  });

  const gatewayUrl = () => `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function respond(request: RecordedRequest, res: ServerResponse) {
    const { method, path } = request;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (options.rejectToken) return json(401, { message: '401: Unauthorized', code: 0 });
    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      return json(200, {
        url: gatewayUrl(),
        shards: options.recommendedShards ?? 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'POST' && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      // Discord answers 204 with no body; a JSON content type would make discord.js parse an empty body.
      res.writeHead(204);
      return res.end();
    }
    const webhook = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(\/messages\/([^/]+))?$/.exec(path);
    if (webhook && (method === 'PATCH' || method === 'POST')) {
      return json(200, messageObject(request.body, webhook[4] === '@original' ? undefined : webhook[4]));
    }
    if (webhook && method === 'DELETE') {
      res.writeHead(204);
      return res.end();
    }
    if (method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(request.body) ? request.body : [];
      return json(
        200,
        commands.map((command: Record<string, unknown>) => ({
          ...command,
          id: snowflake(),
          application_id: APP_ID,
          version: snowflake(),
          type: command.type ?? 1,
          description: command.description ?? '',
        })),
      );
    }
    return json(404, { message: `fake Discord: no route for ${method} ${path}`, code: 0 });
  }

  const gateway = new WebSocketServer({ server });
  gateway.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const send = (frame: GatewayFrame) => socket.send(JSON.stringify(frame));
    send({ op: 10, d: { heartbeat_interval: 45_000 } });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as GatewayFrame;
      if (frame.op === 1) send({ op: 11 });
      if (frame.op === 2) {
        const identify = frame.d as { shard?: [number, number]; intents: number };
        identifies.push(identify);
        sequence += 1;
        send({
          op: 0,
          s: sequence,
          t: 'READY',
          d: {
            v: 10,
            user: BOT_USER,
            guilds: [],
            session_id: `session-${sequence}`,
            resume_gateway_url: gatewayUrl(),
            application: { id: APP_ID, flags: 0 },
            ...(identify.shard ? { shard: identify.shard } : {}),
          },
        });
        for (const waiter of identifyWaiters.filter((w) => identifies.length >= w.count)) {
          identifyWaiters.splice(identifyWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    requests,
    identifies,
    identified(count = 1) {
      if (identifies.length >= count) return Promise.resolve();
      return new Promise((resolve) => identifyWaiters.push({ count, resolve }));
    },
    waitFor(predicate) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    dispatch(type, data) {
      sequence += 1;
      for (const socket of sockets) socket.send(JSON.stringify({ op: 0, s: sequence, t: type, d: data }));
    },
    get connections() {
      return sockets.size;
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  return raw;
}

/** A plausible message object for a webhook edit or follow-up, echoing what the bot sent. */
function messageObject(body: unknown, id: string | undefined): Record<string, unknown> {
  const sent = (body ?? {}) as Record<string, unknown>;
  return {
    id: id ?? snowflake(),
    type: 20,
    channel_id: CHANNEL_ID,
    author: BOT_USER,
    content: sent.content ?? '',
    embeds: sent.embeds ?? [],
    components: sent.components ?? [],
    ...plainMessageFields(),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: sent.flags ?? 0,
    webhook_id: APP_ID,
    application_id: APP_ID,
  };
}

/** The fields of a Discord message object that are the same for every message the fakes make. */
export function plainMessageFields() {
  return {
    attachments: [] as object[],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
  };
}

export const GUILD_ID = '1100000000000000002';
export const CHANNEL_ID = '1100000000000000003';
