import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/index.js';
import { configEnv, shardEntry } from '../../../adapters/discord/sharding.js';
import { parseConfig } from '../../../src/config.js';
import { loadFacts } from '../../../src/facts.js';
import { bundledCorpusDir } from '../../../src/paths.js';
import { FactsService } from '../../../src/service.js';
import { chatInput, isCallback, isEditOriginal } from '../../helpers/discord-interactions.js';
import { APP_ID, type FakeDiscord, startFakeDiscord, TOKEN } from '../../helpers/fake-discord.js';

describe('DISCORD_SHARDS (ShardingManager)', () => {
  let fake: FakeDiscord;
  let adapter: DiscordAdapter;

  beforeAll(async () => {
    fake = await startFakeDiscord({ recommendedShards: 1 });
    const config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARDS: 'auto',
      LOG_LEVEL: 'silent',
      CORPUS_DIR: 'seeds',
    });
    const index = await loadFacts('seeds');
    adapter = createDiscordAdapter({ config, service: new FactsService({ index: () => index }) });
    await adapter.start();
  }, 60_000);

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('GIVEN DISCORD_SHARDS=auto THEN asks the configured API for the count and spawns shard processes that identify', () => {
    const gatewayInfo = fake.requests.filter((r) => r.method === 'GET' && r.path === '/api/v10/gateway/bot');
    // One from the manager (the recommended count), one from the shard process's client.
    expect(gatewayInfo.length).toBeGreaterThanOrEqual(2);
    expect(fake.identifies).toEqual([expect.objectContaining({ shard: [0, 1], intents: 1 })]);
    expect(adapter.ready()).toBe(true);
  });

  it('GIVEN an interaction on the shard THEN the shard process answers it from its own index', async () => {
    const interaction = chatInput('facts', { question: 'How many fake accounts were used?' });
    fake.dispatch('INTERACTION_CREATE', interaction);
    expect((await fake.waitFor(isCallback(interaction))).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = (await fake.waitFor(isEditOriginal(interaction))).body as { embeds: unknown[] };
    expect(edit.embeds.length).toBeGreaterThan(0);
  });

  it('GIVEN reloadCorpus THEN every shard gets the message without failing', async () => {
    await expect(adapter.reloadCorpus()).resolves.toBeUndefined();
  });

  it('GIVEN stop THEN the shard processes exit and the adapter is no longer ready', async () => {
    await adapter.stop();
    expect(adapter.ready()).toBe(false);
  });
});

describe('shard entry', () => {
  it('GIVEN this module runs from TypeScript THEN spawns shard.ts through tsx', () => {
    const entry = shardEntry();
    expect(entry.file.endsWith('adapters/discord/shard.ts')).toBe(true);
    expect(entry.execArgv).toEqual(['--import', 'tsx']);
  });

  it('GIVEN a parsed config THEN passes it on as environment variables, leaving unset ones out', () => {
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_SHARDS: '2' });
    const env = configEnv(config);
    expect(env).toMatchObject({
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_SHARDS: '2',
      CORPUS_DIR: bundledCorpusDir(),
    });
    expect('DISCORD_GUILD_ID' in env).toBe(false);
  });
});
