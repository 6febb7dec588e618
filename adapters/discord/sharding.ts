/**
 * `DISCORD_SHARDS`: runs the bot under discord.js's `ShardingManager`, one child process per group of
 * shards, the way the library scales past one process. Each child (`shard.ts`) builds its own index,
 * service and client from the environment it inherits.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type { DiscordAdapter } from './index.js';

/** Message a shard process reloads its corpus on (see `shard.ts`). */
export const RELOAD_MESSAGE = { type: 'facts:reload' } as const;

export interface ShardedAdapterOptions {
  config: Config;
  token: string;
  /** Number of shards, or `auto` for the count Discord recommends. */
  shards: number | 'auto';
  logger: Logger;
}

/**
 * The shard entry next to this module: `shard.ts` under tsx (children then need tsx's loader too), or the
 * compiled `shard.js`.
 */
export function shardEntry(): { file: string; execArgv: string[] } {
  const typescript = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(typescript ? './shard.ts' : './shard.js', import.meta.url));
  return { file, execArgv: typescript ? ['--import', 'tsx'] : [] };
}

/**
 * Discord's recommended shard count, asked through the configured REST base (discord.js's own
 * `fetchRecommendedShardCount` always asks discord.com, which a proxy setup or a test must avoid).
 */
export async function recommendedShardCount(token: string, apiUrl: string | undefined): Promise<number> {
  const rest = new REST(apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {}).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as { shards?: unknown };
  return typeof gateway.shards === 'number' && gateway.shards > 0 ? gateway.shards : 1;
}

/** The configuration as environment variables, for the shard processes to parse again. */
export function configEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) if (value !== undefined) env[key] = String(value);
  return env;
}

export function createShardedAdapter({
  config,
  token,
  shards,
  logger: parent,
}: ShardedAdapterOptions): DiscordAdapter {
  const logger = parent.child({ adapter: 'discord' });
  let manager: ShardingManager | null = null;
  let total = 0;

  /** Stops every shard process (no respawn) and waits for each to exit. */
  async function stop(): Promise<void> {
    if (!manager) return;
    manager.respawn = false;
    const exits = [...manager.shards.values()].map(async (shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null) return;
      const exited = once(child, 'exit');
      shard.kill();
      await exited;
    });
    await Promise.all(exits);
    manager = null;
  }

  return {
    name: 'discord',
    async start() {
      total = shards === 'auto' ? await recommendedShardCount(token, config.DISCORD_API_URL) : shards;
      const entry = shardEntry();
      manager = new ShardingManager(entry.file, {
        token,
        totalShards: total,
        mode: 'process',
        respawn: true,
        execArgv: entry.execArgv,
      });
      const env = configEnv(config);
      manager.on('shardCreate', (shard) => {
        // Children parse the same configuration as this process, even when it did not come from process.env.
        Object.assign(shard.env as NodeJS.ProcessEnv, env);
        logger.info({ shardId: shard.id, total }, 'discord shard spawned');
        shard.on('death', () => logger.warn({ shardId: shard.id }, 'discord shard process exited'));
      });
      // Resolves once every shard's client is ready; discord.js spaces identifies by 5.5 s between shards.
      try {
        await manager.spawn({ amount: total, timeout: 60_000 });
      } catch (error) {
        await stop();
        throw error;
      }
      logger.info({ shards: total }, 'discord shards ready');
    },
    stop,
    ready() {
      if (!manager || manager.shards.size !== total) return false;
      return [...manager.shards.values()].every((shard) => shard.ready);
    },
    async reloadCorpus() {
      await manager?.broadcast(RELOAD_MESSAGE);
    },
  };
}
