import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../adapters/discord/index.js';
import { parseConfig } from '../../../src/config.js';
import { loadFacts } from '../../../src/facts.js';
import { FactsService } from '../../../src/service.js';
import {
  APP_ID,
  type FakeDiscord,
  type FakeDiscordOptions,
  startFakeDiscord,
  TOKEN,
} from '../../helpers/fake-discord.js';

describe('createDiscordAdapter', () => {
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function setUp(options: FakeDiscordOptions = {}) {
    fake = await startFakeDiscord(options);
    const config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
    });
    const index = await loadFacts('seeds');
    return {
      fake,
      adapter: createDiscordAdapter({ config, service: new FactsService({ index: () => index }) }),
    };
  }

  it('GIVEN start and stop THEN connects with the Guilds intent only, reports ready, then not', async () => {
    const { fake, adapter } = await setUp();
    expect(adapter.name).toBe('discord');
    expect(adapter.ready()).toBe(false);
    await adapter.start();
    try {
      expect(adapter.ready()).toBe(true);
      expect(fake.identifies).toEqual([expect.objectContaining({ intents: 1 })]);
    } finally {
      await adapter.stop();
    }
    expect(adapter.ready()).toBe(false);
  });

  it('GIVEN a token Discord rejects THEN start rejects and the adapter is not ready', async () => {
    const { adapter } = await setUp({ rejectToken: true });
    await expect(adapter.start()).rejects.toThrow(/token/i);
    expect(adapter.ready()).toBe(false);
    await adapter.stop();
  });

  it('GIVEN no DISCORD_TOKEN THEN refuses to build, naming the variable', async () => {
    const index = await loadFacts('seeds');
    expect(() =>
      createDiscordAdapter({ config: parseConfig({}), service: new FactsService({ index: () => index }) }),
    ).toThrow('DISCORD_TOKEN');
  });
});
