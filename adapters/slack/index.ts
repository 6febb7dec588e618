/**
 * The Slack adapter as the runtime (src/main.ts) sees it.
 *
 * HTTP mode (default): `http` is the request handler for `/slack/events`, which the runtime mounts on its
 * own server (the one serving /healthz, /readyz, /metrics); `start()` opens no port. Socket Mode (when
 * SLACK_APP_TOKEN is set): `start()` connects the WebSocket; there is no `http`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '@slack/bolt';
import type { ChatAdapter } from '../../src/adapter.js';
import type { Config } from '../../src/config.js';
import type { FactsService } from '../../src/service.js';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackAppOptions } from './app.js';

export { SLACK_EVENTS_PATH } from './app.js';

export interface SlackAdapterOptions {
  config: Config;
  service: FactsService;
  /** See `SlackAppOptions.processBeforeResponse`. Default false. */
  processBeforeResponse?: SlackAppOptions['processBeforeResponse'];
}

export function createSlackAdapter(options: SlackAdapterOptions): ChatAdapter {
  const { app, transport } = createSlackApp(options);
  const logger = options.service.logger.child({ platform: 'slack' });
  let ready = false;

  if (transport.kind === 'socket') {
    const { client } = transport.receiver;
    client.on('connected', () => {
      ready = true;
    });
    client.on('reconnecting', () => {
      ready = false;
    });
    client.on('disconnected', () => {
      ready = false;
    });
    return {
      name: 'slack',
      async start() {
        await app.init();
        await app.start();
        ready = true;
        logger.info({ transport: 'socket' }, 'Slack app connected (Socket Mode)');
      },
      async stop() {
        ready = false;
        await app.stop();
      },
      ready: () => ready,
    };
  }

  const { receiver } = transport;
  let accepting = false;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    // Not started, or an event while stopping: a non-2xx makes Slack retry an event (on another replica, or
    // here once started), and a retry with reason http_error is answered (see isDuplicateDelivery). Slack
    // retries no slash command or click: while stopping, those go to Bolt, whose listeners tell the user
    // that the bot is restarting, as in Socket Mode.
    if (!accepting || (options.service.closing && isEventDelivery(req))) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch (error) {
      // Bolt routes only POST to the events path; anything else is refused here, not by the runtime.
      const deferred = (error as { code?: unknown }).code === ErrorCode.HTTPReceiverDeferredRequestError;
      if (!deferred) logger.error({ err: error }, 'Slack request failed');
      if (!res.headersSent) res.writeHead(deferred ? 405 : 500, deferred ? { allow: 'POST' } : {});
      res.end();
    }
  };

  return {
    name: 'slack',
    http: { path: SLACK_EVENTS_PATH, handler },
    async start() {
      // auth.test: checks the token and learns the bot's identity, once, before anything is answered.
      await app.init();
      accepting = true;
      ready = true;
      logger.info({ transport: 'http', path: SLACK_EVENTS_PATH }, 'Slack app ready (HTTP)');
    },
    async stop() {
      accepting = false;
      ready = false;
    },
    ready: () => ready,
  };
}

/** Whether a request is an Events API delivery (JSON); slash commands and interactions are form-encoded. */
function isEventDelivery(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/json');
}
