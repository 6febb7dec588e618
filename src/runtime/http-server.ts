/**
 * The process's one HTTP server: `GET /healthz` (alive), `GET /readyz` (index loaded and every configured
 * adapter connected), `GET /metrics` (Prometheus), plus the handlers adapters mount (Slack's `/slack/events`
 * in HTTP mode). Anything else is a 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { ChatAdapter } from '../adapter.js';
import type { Logger } from '../logger.js';

/** One part of the process that must be ready before it takes traffic. */
export interface ReadinessCheck {
  ready: boolean;
  /** A word or two on the state ("connected", "starting", "failed to start (see logs)", a corpus version). */
  detail: string;
}

/** Body of `/readyz`: `ready` is true when every check is. */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, ReadinessCheck>;
}

export type Mount = NonNullable<ChatAdapter['http']>;

export interface HttpServerOptions {
  logger: Logger;
  /** Served on `/metrics`. */
  registry: Registry;
  /** Evaluated on every `/readyz`. */
  readiness: () => ReadinessReport;
  /** Handlers served at their exact path, whatever the method (adapters check their own requests). */
  mounts?: Mount[];
}

export function createHttpServer(options: HttpServerOptions): Server {
  const { logger, registry, readiness } = options;
  const mounts = new Map((options.mounts ?? []).map((mount) => [mount.path, mount.handler]));

  return createServer((req, res) => {
    // A request target that is no URL ("GET http://[ HTTP/1.1") gets its answer here, not an exception.
    const path = URL.parse(req.url ?? '/', 'http://localhost')?.pathname;
    if (path === undefined) {
      send(res, 400, { error: 'bad request' });
      return;
    }
    const mounted = mounts.get(path);
    if (mounted) {
      try {
        mounted(req, res);
      } catch (error) {
        logger.error({ err: error, path }, 'mounted handler failed');
        if (!res.headersSent) send(res, 500, { error: 'internal error' });
      }
      return;
    }
    if (path !== '/healthz' && path !== '/readyz' && path !== '/metrics') {
      send(res, 404, { error: 'not found' });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, { error: 'method not allowed' });
      return;
    }
    if (path === '/healthz') {
      send(res, 200, { status: 'ok' }, req);
    } else if (path === '/readyz') {
      const report = readiness();
      send(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', ...report }, req);
    } else {
      serveMetrics(registry, req, res, logger);
    }
  });
}

/** Listens on `port` (0: any free port) and resolves with the port bound; rejects on EADDRINUSE and the like. */
export function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port, host }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Stops accepting connections and resolves once open requests have finished, or after `timeoutMs`, when
 * the remaining connections are cut.
 */
export function closeServer(server: Server, timeoutMs: number): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    // Keep-alive connections with no request in progress would otherwise hold `close` until they time out.
    server.closeIdleConnections();
  });
}

function serveMetrics(registry: Registry, req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  registry.metrics().then(
    (text) => {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(req.method === 'HEAD' ? undefined : text);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'metrics collection failed');
      send(res, 500, { error: 'metrics collection failed' });
    },
  );
}

function send(res: ServerResponse, status: number, body: unknown, req?: IncomingMessage): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(req?.method === 'HEAD' ? undefined : text);
}
