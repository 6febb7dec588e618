/**
 * Builds the Bolt app and its receiver from the configuration; kept thin (Bolt starter template): the
 * listeners live in listeners/, the rendering in blocks.ts.
 */
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type { FactsService } from '../../src/service.js';
import { registerListeners } from './listeners/index.js';
import { boltLogger } from './logger.js';

/** Where Slack POSTs events, commands, shortcuts and button clicks in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  config: Config;
  service: FactsService;
  /** Default: the service's logger. */
  logger?: Logger;
  /**
   * HTTP mode only: answer Slack's HTTP request after the listener finishes instead of at `ack()`. For
   * platforms that freeze the process once the response is sent (FaaS), and for tests. Default false.
   */
  processBeforeResponse?: boolean;
}

export type SlackTransport =
  | { kind: 'http'; receiver: HTTPReceiver }
  | { kind: 'socket'; receiver: SocketModeReceiver };

export interface SlackApp {
  app: App;
  transport: SlackTransport;
}

/** Thrown when the configuration does not describe a Slack app; `code` names the failure. */
export class SlackConfigError extends Error {
  readonly code = 'SLACK_CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SlackConfigError';
  }
}

/** Socket Mode when SLACK_APP_TOKEN is set; HTTP (Bolt's receiver, signature verification on) otherwise. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, service } = options;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new SlackConfigError('Slack: SLACK_BOT_TOKEN is not set');
  const logger = boltLogger(options.logger ?? service.logger);
  const clientOptions = config.SLACK_API_URL ? { slackApiUrl: withTrailingSlash(config.SLACK_API_URL) } : {};

  let transport: SlackTransport;
  if (config.SLACK_APP_TOKEN) {
    transport = {
      kind: 'socket',
      receiver: new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        logger,
        // Points apps.connections.open at SLACK_API_URL too.
        installerOptions: { clientOptions },
      }),
    };
  } else {
    const signingSecret = config.SLACK_SIGNING_SECRET;
    if (!signingSecret) throw new SlackConfigError('Slack: SLACK_SIGNING_SECRET is required in HTTP mode');
    transport = {
      kind: 'http',
      receiver: new HTTPReceiver({
        signingSecret,
        endpoints: SLACK_EVENTS_PATH,
        processBeforeResponse: options.processBeforeResponse ?? false,
        logger,
      }),
    };
  }

  const app = new App({
    token,
    receiver: transport.receiver,
    clientOptions,
    logger,
    // No conversation store: it is per-process memory, and replicas must not depend on one another.
    convoStore: false,
    // `init()` (called by the adapter's start) runs auth.test once and keeps the bot's identity. Bolt's
    // default would call it in this constructor and keep a failure forever, answering nothing after a
    // transient error at boot.
    deferInitialization: true,
  });

  app.use(async ({ context, next }) => {
    if (isDuplicateDelivery(context.retryNum, context.retryReason)) {
      service.logger.info(
        { platform: 'slack', retryNum: context.retryNum, retryReason: context.retryReason },
        'Slack retry ignored: the first delivery is being answered',
      );
      return;
    }
    await next();
  });

  registerListeners(app, { service });

  // Last resort for errors outside the listeners' own handling (they answer the user themselves).
  app.error(async (error) => {
    service.logger.error({ err: error, platform: 'slack' }, 'Slack listener failed');
  });

  return { app, transport };
}

/**
 * Whether a delivery is Slack retrying one we already took (HTTP header X-Slack-Retry-Num/-Reason, or
 * `retry_attempt`/`retry_reason` in Socket Mode). Decided from the request alone, so it holds across
 * replicas with no shared memory.
 *
 * Every listener acknowledges before it works, so a first delivery that reached a replica is being
 * answered: a retry after a timeout (or for an unknown reason) would be a second reply and is dropped.
 * Four reasons mean the first delivery was never taken (`http_error`: we answered it with a non-2xx, e.g.
 * 401 or 503 while starting; `connection_failed`, `ssl_error`, `too_many_redirects`: it never reached the
 * app); such a retry is the first answer.
 */
export function isDuplicateDelivery(retryNum: number | undefined, retryReason: string | undefined): boolean {
  if (!retryNum || retryNum <= 0) return false;
  return !NEVER_TAKEN.has(retryReason ?? '');
}

/** Slack's retry reasons that mean the first delivery did not reach the app, or was refused by it. */
const NEVER_TAKEN = new Set(['http_error', 'connection_failed', 'ssl_error', 'too_many_redirects']);

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
