/**
 * Socket Mode end to end: SLACK_APP_TOKEN selects the SocketModeReceiver, which opens its WebSocket through
 * `apps.connections.open` on SLACK_API_URL; envelopes are acked over the socket and answered through the Web
 * API and `response_url`, as in HTTP mode. No port of our own is opened.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.js';
import type { ChatAdapter } from '../../../src/adapter.js';
import { parseConfig } from '../../../src/config.js';
import { loadFacts } from '../../../src/facts.js';
import { messages } from '../../../src/present.js';
import type { FactsIndex } from '../../../src/search/facts-index.js';
import { FactsService } from '../../../src/service.js';
import { FakeSlack } from '../../helpers/fake-slack.js';
import { FakeSocketMode } from '../../helpers/fake-slack-socket.js';
import { quotes, slackLimitProblems } from '../../helpers/slack-blocks.js';

const QUESTION = 'How many fake accounts were used?';

let index: FactsIndex;
let fake: FakeSlack;
let socket: FakeSocketMode;
let service: FactsService;
let adapter: ChatAdapter;

beforeAll(async () => {
  index = await loadFacts('seeds');
});

beforeEach(async () => {
  fake = await FakeSlack.start();
  socket = await FakeSocketMode.start();
  fake.socketUrl = socket.url;
  service = new FactsService({ index: () => index, rateLimitPerMinute: 1000 });
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: 'xapp-test-token',
    SLACK_API_URL: fake.apiUrl,
  });
  adapter = createSlackAdapter({ config, service });
  await adapter.start();
});

afterEach(async () => {
  const closed = socket.closed();
  await adapter.stop();
  await closed;
  await socket.close();
  await fake.close();
});

/** A `/facts` command asking QUESTION, as Slack sends it over the socket. */
function slashCommand(envelopeId: string) {
  return {
    envelope_id: envelopeId,
    type: 'slash_commands',
    payload: {
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      command: '/facts',
      text: QUESTION,
      response_url: fake.responseUrl(),
      trigger_id: '1.2.3',
      api_app_id: 'A1',
    },
  };
}

describe('Socket Mode', () => {
  it('connects with the app token and exposes no HTTP handler', () => {
    expect(adapter.http).toBeUndefined();
    expect(adapter.ready()).toBe(true);
    expect(socket.isConnected).toBe(true);
    const open = fake.callsTo('apps.connections.open')[0];
    expect(open?.authorization).toBe('Bearer xapp-test-token');
  });

  it('acks a slash command over the socket and answers through its response_url', async () => {
    const answered = fake.waitForCalls('response_url');
    const ack = await socket.send(slashCommand('env-1'));
    expect(ack.envelope_id).toBe('env-1');
    const [call] = await answered;
    expect(call?.body.response_type).toBe('ephemeral');
    expect(slackLimitProblems(call?.body ?? {})).toEqual([]);
    expect(quotes(call?.body ?? {})).toHaveLength(service.ask('slack', QUESTION).answers.length);
  });

  it('while shutting down, acks a slash command and asks the user privately to ask again shortly', async () => {
    service.close();
    const answered = fake.waitForCalls('response_url');
    const ack = await socket.send(slashCommand('env-9'));
    expect(ack.envelope_id).toBe('env-9');
    const [call] = await answered;
    expect(call?.body).toMatchObject({ response_type: 'ephemeral', text: messages.restarting });
    expect(quotes(call?.body ?? {})).toEqual([]);
  });

  it('answers a mention in its thread and drops a redelivery (retry_attempt > 0)', async () => {
    const event = (envelopeId: string, retry: number, ts: string) => ({
      envelope_id: envelopeId,
      type: 'events_api',
      retry_attempt: retry,
      retry_reason: retry > 0 ? 'timeout' : '',
      payload: {
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: `Ev${ts}`,
        event_time: 1760000000,
        event: {
          type: 'app_mention',
          user: 'U1',
          text: `<@UBOT> ${QUESTION}`,
          ts,
          channel: 'C1',
          event_ts: ts,
        },
      },
    });
    const posted = fake.waitForCalls('chat.postMessage');
    await socket.send(event('env-2', 0, '7.1'));
    const [call] = await posted;
    expect(call?.body).toMatchObject({ channel: 'C1', thread_ts: '7.1' });

    // The redelivery, then a new mention: only the new one is answered.
    const both = fake.waitForCalls('chat.postMessage', 2);
    await socket.send(event('env-3', 1, '7.1'));
    await socket.send(event('env-4', 0, '7.2'));
    await both;
    await service.drain(5000);
    expect(fake.callsTo('chat.postMessage').map((c) => c.body.thread_ts)).toEqual(['7.1', '7.2']);
  });
});
