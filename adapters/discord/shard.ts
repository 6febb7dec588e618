/**
 * Entry of one shard process under `ShardingManager` (see `sharding.ts`). It reads the same environment as
 * the runtime, loads its own index and serves the shards discord.js assigns it (SHARDS / SHARD_COUNT).
 */
import { Events } from 'discord.js';
import { parseConfig } from '../../src/config.js';
import { loadFacts } from '../../src/facts.js';
import { createLogger } from '../../src/logger.js';
import { FactsService } from '../../src/service.js';
import { createDiscordClient } from './client.js';
import { RELOAD_MESSAGE } from './sharding.js';

const config = parseConfig(process.env);
const logger = createLogger(config.LOG_LEVEL).child({ adapter: 'discord', shards: process.env.SHARDS });
let index = await loadFacts(config.CORPUS_DIR);
const service = new FactsService({
  index: () => index,
  logger,
  rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
});
const client = createDiscordClient({ service, apiUrl: config.DISCORD_API_URL });

process.on('message', (message: unknown) => {
  if ((message as { type?: unknown } | null)?.type !== RELOAD_MESSAGE.type) return;
  loadFacts(config.CORPUS_DIR).then(
    (next) => {
      index = next;
      logger.info({ corpusVersion: next.version }, 'corpus reloaded');
    },
    (error: unknown) =>
      logger.error({ err: error }, 'corpus reload failed; still serving the previous corpus'),
  );
});
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  // As the runtime's Shutdown does: a question arriving now is told to ask again, so the drain can end.
  service.close();
  await service.drain(10_000);
  await client.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

client.once(Events.ClientReady, (ready) => logger.info({ user: ready.user.tag }, 'discord shard ready'));
await client.login(config.DISCORD_TOKEN);
