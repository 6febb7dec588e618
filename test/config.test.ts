import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';
import { bundledCorpusDir } from '../src/paths.js';

describe('parseConfig', () => {
  it('gives the defaults for an empty environment', () => {
    expect(parseConfig({})).toMatchObject({
      CORPUS_DIR: bundledCorpusDir(),
      PORT: 3000,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: 10,
    });
  });

  it('lists every problem at once, by variable, without echoing a value', () => {
    const secret = 'xoxp-this-is-a-secret-value';
    let error: unknown;
    try {
      parseConfig({
        PORT: 'eighty',
        SLACK_BOT_TOKEN: secret,
        DISCORD_TOKEN: 'x'.repeat(60),
        DISCORD_API_URL: 'not a url',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DISCORD_API_URL',
      'DISCORD_APPLICATION_ID',
      'PORT',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
    ]);
    expect(problems).toContain('PORT: expected a port number (0 to 65535)');
    expect(problems).toContain('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
    expect(message).not.toContain(secret);
    expect(message).not.toContain('x'.repeat(60));
  });

  it.each([
    [{ PORT: ' ' }, 'PORT: expected a port number (0 to 65535)'],
    [{ PORT: '0x10' }, 'PORT: expected a port number (0 to 65535)'],
    [{ PORT: '1e3' }, 'PORT: expected a port number (0 to 65535)'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE: expected a whole number from 1 to 10000'],
    ...['many', '0', '100000'].map((shards): [NodeJS.ProcessEnv, string] => [
      { DISCORD_SHARDS: shards },
      'DISCORD_SHARDS: expected "auto" or a number of shards from 1 to 10000',
    ]),
    [
      { DISCORD_TOKEN: 'short token', DISCORD_APPLICATION_ID: '123456789012345678' },
      'DISCORD_TOKEN: expected a bot token from the Discord developer portal',
    ],
    [
      { DISCORD_TOKEN: `${'x'.repeat(60)} # bot`, DISCORD_APPLICATION_ID: '123456789012345678' },
      'DISCORD_TOKEN: expected a bot token from the Discord developer portal, without spaces',
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-', SLACK_SIGNING_SECRET: 's' },
      'SLACK_BOT_TOKEN: expected a bot token starting with xoxb-',
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-x   # set to use Socket Mode' },
      'SLACK_APP_TOKEN: expected an app-level token starting with xapp-, without spaces',
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '   ' },
      'SLACK_SIGNING_SECRET: expected the signing secret from Basic Information',
    ],
    [
      { SLACK_BOT_TOKEN: ' xoxb-1234-abc', SLACK_SIGNING_SECRET: 's' },
      'SLACK_BOT_TOKEN: expected a bot token starting with xoxb-, without spaces',
    ],
    [
      { SLACK_APP_TOKEN: 'xapp-1' },
      'SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set',
    ],
    [
      { DISCORD_APPLICATION_ID: '123456789012345678' },
      'DISCORD_TOKEN: required when DISCORD_APPLICATION_ID or DISCORD_GUILD_ID is set',
    ],
  ])('refuses %j: %s', (env, problem) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    try {
      parseConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([problem]);
    }
  });

  it('reads numbers written in digits', () => {
    expect(parseConfig({ PORT: '8080', RATE_LIMIT_PER_MINUTE: '30', DISCORD_SHARDS: '2' })).toMatchObject({
      PORT: 8080,
      RATE_LIMIT_PER_MINUTE: 30,
      DISCORD_SHARDS: 2,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', PORT: '' }).DISCORD_TOKEN).toBeUndefined();
  });
});
