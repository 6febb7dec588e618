import type { Server } from 'node:http';
import { connect } from 'node:net';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeServer,
  createHttpServer,
  listen,
  type ReadinessReport,
} from '../../src/runtime/http-server.js';
import { captureLogger } from '../helpers/runtime-fakes.js';
import { request } from '../helpers/spawn-facts.js';

let server: Server | undefined;
afterEach(async () => {
  if (server) await closeServer(server, 1000);
});

async function start(readiness: () => ReadinessReport, mounts = []): Promise<number> {
  server = createHttpServer({ logger: captureLogger().logger, registry: new Registry(), readiness, mounts });
  return listen(server, 0, '127.0.0.1');
}

const ready: ReadinessReport = { ready: true, checks: { corpus: { ready: true, detail: 'version abc' } } };

describe('createHttpServer', () => {
  it('GET /healthz says the process is alive', async () => {
    const port = await start(() => ready);
    const response = await request(port, '/healthz');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 503 and names the part that is not ready', async () => {
    const port = await start(() => ({
      ready: false,
      checks: {
        corpus: { ready: true, detail: 'version abc' },
        discord: { ready: false, detail: 'starting' },
      },
    }));
    const response = await request(port, '/readyz');
    expect(response.status).toBe(503);
    expect(response.json()).toMatchObject({ status: 'not ready', checks: { discord: { ready: false } } });
  });

  it('GET /metrics serves the Prometheus text format', async () => {
    const port = await start(() => ready);
    const response = await request(port, '/metrics');
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('text/plain');
  });

  it('serves a mounted adapter handler at its path, whatever the method', async () => {
    server = createHttpServer({
      logger: captureLogger().logger,
      registry: new Registry(),
      readiness: () => ready,
      mounts: [{ path: '/slack/events', handler: (_req, res) => res.end('slack') }],
    });
    const port = await listen(server, 0, '127.0.0.1');
    const response = await request(port, '/slack/events?x=1', 'POST');
    expect(response.text).toBe('slack');
  });

  it('answers 400 to a request target that is no URL, and keeps serving', async () => {
    const port = await start(() => ready);
    const socket = connect(port, '127.0.0.1');
    socket.end('GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    let reply = '';
    for await (const chunk of socket) reply += String(chunk);
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect((await request(port, '/healthz')).status).toBe(200);
  });

  it('answers 404 elsewhere and 405 for other methods on its own paths', async () => {
    const port = await start(() => ready);
    expect((await request(port, '/slack/events')).status).toBe(404);
    expect((await request(port, '/healthz', 'POST')).status).toBe(405);
  });
});

describe('listen', () => {
  it('rejects when the port is taken', async () => {
    const port = await start(() => ready);
    const other = createHttpServer({
      logger: captureLogger().logger,
      registry: new Registry(),
      readiness: () => ready,
    });
    await expect(listen(other, port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
