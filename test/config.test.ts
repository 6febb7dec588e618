import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

describe('parseConfig', () => {
  it('gives the defaults for an empty environment', () => {
    expect(parseConfig({})).toMatchObject({
      CORPUS_DIR: 'seeds',
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
    expect(problems).toContain('PORT: expected a port number');
    expect(problems).toContain('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
    expect(message).not.toContain(secret);
    expect(message).not.toContain('x'.repeat(60));
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', PORT: '' }).DISCORD_TOKEN).toBeUndefined();
  });
});
