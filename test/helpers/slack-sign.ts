/**
 * Signs and posts requests the way Slack does (v0 HMAC-SHA256 over "v0:<timestamp>:<raw body>"), and builds
 * the bodies Slack sends: slash commands and interactions form-encoded, events as JSON.
 */
import { createHmac } from 'node:crypto';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789';

/** `x-slack-signature` for a body sent at `timestamp` (seconds). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPost {
  /** Default: now. */
  timestamp?: number;
  /** Default: TEST_SIGNING_SECRET. */
  secret?: string;
  /** Overrides the computed signature. */
  signature?: string;
  /** Sent as X-Slack-Retry-Num, with X-Slack-Retry-Reason `retryReason`. */
  retryNum?: number;
  /** Default: http_timeout. */
  retryReason?: string;
}

export interface SlackResponse {
  status: number;
  text: string;
}

/** POSTs a signed Slack request to `url` and returns the HTTP response (Bolt's ack). */
export async function postSigned(
  url: string,
  request: SlackRequest,
  options: SignedPost = {},
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': request.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature':
      options.signature ?? slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestamp, request.body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const response = await fetch(url, { method: 'POST', headers, body: request.body });
  return { status: response.status, text: await response.text() };
}

/** A raw request body and its content type. */
export interface SlackRequest {
  body: string;
  contentType: string;
}

const FORM = 'application/x-www-form-urlencoded';

/** A slash command as Slack posts it. */
export function slashCommand(fields: {
  text: string;
  responseUrl: string;
  user?: string;
  command?: string;
}): SlackRequest {
  const body = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'test',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: fields.user ?? 'U1',
    user_name: 'asker',
    command: fields.command ?? '/facts',
    text: fields.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  });
  return { body: body.toString(), contentType: FORM };
}

let eventCounter = 0;

/** An Events API callback wrapping `event`. */
export function eventCallback(event: Record<string, unknown>): SlackRequest {
  eventCounter += 1;
  const body = {
    token: 'legacy-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event: { event_ts: String(event.ts ?? '1760000000.000100'), ...event },
    type: 'event_callback',
    event_id: `Ev${String(eventCounter).padStart(8, '0')}`,
    event_time: 1760000000,
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** An interaction (shortcut, button click) as Slack posts it: form field `payload` holding JSON. */
export function interaction(payload: Record<string, unknown>): SlackRequest {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM };
}

/** A message shortcut on a message with `text`. */
export function messageShortcut(fields: {
  text: string;
  ts?: string;
  threadTs?: string;
  responseUrl: string;
  callbackId?: string;
  /** Who wrote the message: a user id, or `{ bot_id }` for a bot's message. Default user U3. */
  author?: { user: string } | { bot_id: string; user?: string };
}): SlackRequest {
  return interaction({
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: '1760000000.999',
    team: { id: 'T1', domain: 'test' },
    user: { id: 'U2', username: 'checker', name: 'checker', team_id: 'T1' },
    channel: { id: 'C1', name: 'general' },
    is_enterprise_install: false,
    callback_id: fields.callbackId ?? 'find_sources',
    trigger_id: '1.2.3',
    response_url: fields.responseUrl,
    message_ts: fields.ts ?? '1760000000.000200',
    message: {
      type: 'message',
      ...(fields.author ?? { user: 'U3' }),
      ts: fields.ts ?? '1760000000.000200',
      text: fields.text,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    },
  });
}

/** A click on a button we rendered (`button` as found in our blocks). */
export function buttonClick(fields: {
  button: { action_id: string; value: string; block_id?: string };
  responseUrl: string;
  user?: string;
  ephemeral?: boolean;
  /** The thread the clicked message is in. */
  threadTs?: string;
}): SlackRequest {
  return interaction({
    type: 'block_actions',
    token: 'legacy-verification-token',
    api_app_id: 'A1',
    team: { id: 'T1', domain: 'test' },
    user: { id: fields.user ?? 'U1', username: 'asker', name: 'asker', team_id: 'T1' },
    channel: { id: 'C1', name: 'general' },
    container: {
      type: 'message',
      message_ts: '1760000000.000300',
      channel_id: 'C1',
      is_ephemeral: fields.ephemeral ?? true,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    },
    trigger_id: '1.2.3',
    response_url: fields.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: fields.button.action_id,
        block_id: fields.button.block_id ?? 'facts_actions',
        value: fields.button.value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1760000000.999',
      },
    ],
  });
}
