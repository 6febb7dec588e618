/** The adapter as the runtime sees it: transport chosen by configuration, lifecycle, and the app manifest. */
import { readFileSync } from 'node:fs';
import { Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isDuplicateDelivery, SlackConfigError } from '../../../adapters/slack/app.js';
import { createSlackAdapter, SLACK_EVENTS_PATH } from '../../../adapters/slack/index.js';
import { FACTS_COMMAND } from '../../../adapters/slack/listeners/commands/facts.js';
import { FIND_SOURCES_CALLBACK_ID } from '../../../adapters/slack/listeners/shortcuts/find-sources.js';
import { type Config, parseConfig } from '../../../src/config.js';
import type { FactsIndex } from '../../../src/search/facts-index.js';
import { FactsService } from '../../../src/service.js';
import { FakeSlack } from '../../helpers/fake-slack.js';

const service = new FactsService({ index: () => ({}) as FactsIndex });
const env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createSlackAdapter', () => {
  it('serves HTTP by default: a handler for /slack/events for the runtime to mount', () => {
    const adapter = createSlackAdapter({ config: parseConfig(env), service });
    expect(adapter.name).toBe('slack');
    expect(adapter.http?.path).toBe('/slack/events');
    expect(SLACK_EVENTS_PATH).toBe('/slack/events');
    expect(adapter.ready()).toBe(false);
  });

  it('selects Socket Mode when SLACK_APP_TOKEN is set: no HTTP handler', () => {
    const adapter = createSlackAdapter({
      config: parseConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test' }),
      service,
    });
    expect(adapter.http).toBeUndefined();
    expect(adapter.ready()).toBe(false);
  });

  it('refuses a configuration without a bot token, or without a signing secret in HTTP mode', () => {
    const config = parseConfig({});
    expect(() => createSlackAdapter({ config, service })).toThrow(SlackConfigError);
    const noSecret = { ...parseConfig({}), SLACK_BOT_TOKEN: 'xoxb-test' } as Config;
    expect(() => createSlackAdapter({ config: noSecret, service })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('starts in HTTP mode by checking the token, without opening a port of its own', async () => {
    const fake = await FakeSlack.start();
    try {
      const adapter = createSlackAdapter({
        config: parseConfig({ ...env, SLACK_API_URL: fake.apiUrl }),
        service,
      });
      const listen = vi.spyOn(Server.prototype, 'listen');
      await adapter.start();
      expect(listen).not.toHaveBeenCalled();
      expect(fake.callsTo('auth.test')).toHaveLength(1);
      expect(adapter.ready()).toBe(true);
      await adapter.stop();
      expect(adapter.ready()).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it('fails to start, and is not ready, when Slack rejects the token', async () => {
    const fake = await FakeSlack.start();
    try {
      fake.answerNext('auth.test', { ok: false, error: 'invalid_auth' });
      const adapter = createSlackAdapter({
        config: parseConfig({ ...env, SLACK_API_URL: fake.apiUrl }),
        service,
      });
      await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
      expect(adapter.ready()).toBe(false);
    } finally {
      await fake.close();
    }
  });
});

describe('app manifests', () => {
  type Manifest = {
    features: {
      slash_commands: Array<{ command: string; url?: string }>;
      shortcuts: Array<{ type: string; callback_id: string }>;
      app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    };
    oauth_config: { scopes: { bot: string[] } };
    settings: {
      event_subscriptions: { bot_events: string[]; request_url?: string };
      interactivity: { is_enabled: boolean; request_url?: string };
      socket_mode_enabled: boolean;
    };
  };
  const read = (name: string) =>
    JSON.parse(readFileSync(new URL(`../../../adapters/slack/${name}`, import.meta.url), 'utf8')) as Manifest;
  const http = read('manifest.json');
  const socket = read('manifest.socket.json');

  it.each([
    ['manifest.json', http],
    ['manifest.socket.json', socket],
  ])('%s declares what the listeners handle, with the least scopes', (_, manifest) => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([FACTS_COMMAND]);
    expect(manifest.features.shortcuts).toMatchObject([
      { type: 'message', callback_id: FIND_SOURCES_CALLBACK_ID },
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im']);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'im:history',
    ]);
    expect(manifest.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('points every HTTP request URL at /slack/events, and Socket Mode at none', () => {
    const urls = [
      http.features.slash_commands[0]?.url,
      http.settings.event_subscriptions.request_url,
      http.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url ?? '').pathname).toBe(SLACK_EVENTS_PATH);
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('request_url');
    expect(socket.features.slash_commands[0]?.url).toBeUndefined();
  });
});

describe('isDuplicateDelivery', () => {
  it.each([
    [undefined, undefined, false],
    [0, '', false],
    [1, 'http_timeout', true],
    [2, 'unknown_error', true],
    [1, 'timeout', true],
    [1, undefined, true],
    [1, 'http_error', false],
    [3, 'connection_failed', false],
    [1, 'ssl_error', false],
    [2, 'too_many_redirects', false],
  ])('retry %s with reason %s → %s', (retryNum, reason, duplicate) => {
    expect(isDuplicateDelivery(retryNum, reason)).toBe(duplicate);
  });
});
