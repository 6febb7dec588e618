/**
 * The Discord adapter the runtime starts: `createDiscordAdapter({ config, service })`.
 *
 * With `DISCORD_SHARDS` unset it runs one discord.js client in this process, answering from `service`.
 * With `DISCORD_SHARDS` set (a number, or `auto` for Discord's recommendation) it runs discord.js's
 * `ShardingManager` instead: `start()` spawns one child process per shard from `shard.ts` (`shard.js` once
 * compiled), and each child loads its own index and service from the same environment.
 */
import { once } from 'node:events';
import { Events, Status } from 'discord.js';
import type { ChatAdapter } from '../../src/adapter.js';
import type { Config } from '../../src/config.js';
import type { FactsService } from '../../src/service.js';
import { createDiscordClient } from './client.js';
import { createShardedAdapter } from './sharding.js';

export interface DiscordAdapterOptions {
  config: Config;
  service: FactsService;
}

/** A ChatAdapter, plus a way to make shard processes reload the corpus (they hold their own index). */
export interface DiscordAdapter extends ChatAdapter {
  /**
   * Asks every shard process to reload the corpus. Does nothing without sharding: the single client
   * answers from `service`, which already serves the runtime's current index.
   */
  reloadCorpus(): Promise<void>;
}

export function createDiscordAdapter({ config, service }: DiscordAdapterOptions): DiscordAdapter {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('Discord adapter: DISCORD_TOKEN is not set');
  if (config.DISCORD_SHARDS !== undefined) {
    return createShardedAdapter({ config, token, shards: config.DISCORD_SHARDS, logger: service.logger });
  }

  const client = createDiscordClient({ service, apiUrl: config.DISCORD_API_URL });
  const logger = service.logger.child({ adapter: 'discord' });
  return {
    name: 'discord',
    async start() {
      // Registered before login so that a quick READY is not missed.
      const ready = once(client, Events.ClientReady);
      // Awaited below; when login fails it is abandoned, and must not surface as an unhandled rejection.
      ready.catch(() => {});
      await client.login(token);
      await ready;
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord client ready');
    },
    async stop() {
      await client.destroy();
    },
    ready() {
      return client.isReady() && client.ws.status === Status.Ready;
    },
    async reloadCorpus() {},
  };
}
