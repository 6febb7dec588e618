/** The real Discord adapter over the real index of the bundled seeds, connected to a fake Discord. */
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/index.js';
import { parseConfig } from '../../src/config.js';
import { type FactsIndex, loadFacts } from '../../src/facts.js';
import { FactsService } from '../../src/service.js';
import type { RawInteraction } from './discord-interactions.js';
import { APP_ID, type FakeDiscord, startFakeDiscord, TOKEN } from './fake-discord.js';
import { forSuite } from './suite.js';

export interface TestBot {
  fake: FakeDiscord;
  index: FactsIndex;
  service: FactsService;
  adapter: DiscordAdapter;
  /** Serves `next` from now on, as a corpus reload does. */
  swapIndex(next: FactsIndex): void;
  /** Delivers an interaction through the gateway, as Discord would. */
  send(interaction: RawInteraction): void;
  close(): Promise<void>;
}

export async function startTestBot(env: Record<string, string> = {}): Promise<TestBot> {
  const fake = await startFakeDiscord();
  const index = await loadFacts('seeds');
  let current = index;
  const config = parseConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: fake.apiUrl,
    ...env,
  });
  const service = new FactsService({
    index: () => current,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  const adapter = createDiscordAdapter({ config, service });
  await adapter.start();
  return {
    fake,
    index,
    service,
    adapter,
    swapIndex: (next) => {
      current = next;
    },
    send: (interaction) => fake.dispatch('INTERACTION_CREATE', interaction),
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** A test bot for the enclosing `describe`: started before its tests, closed after them (see `forSuite`). */
export function useTestBot(env: Record<string, string> = {}): TestBot {
  return forSuite(() => startTestBot(env));
}
