/** Builds the discord.js client: minimal intents, no mentions ever, REST base configurable, handlers wired. */
import { Client, Events, GatewayIntentBits, type RESTOptions } from 'discord.js';
import type { FactsService } from '../../src/service.js';
import { createInteractionHandler } from './interactions.js';
import { NO_MENTIONS } from './render.js';

export interface DiscordClientOptions {
  service: FactsService;
  /**
   * Base of Discord's REST API, as discord.js's `rest.api` option (e.g. `https://discord.com/api`, the
   * default); set for a REST proxy, and by tests to a local fake. From `DISCORD_API_URL`.
   */
  apiUrl?: string | undefined;
}

export function createDiscordClient({ service, apiUrl }: DiscordClientOptions): Client {
  const rest: Partial<RESTOptions> = apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {};
  const client = new Client({
    // Interactions need no intent; Guilds keeps the guild cache that interactions refer to.
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest,
  });
  const logger = service.logger.child({ adapter: 'discord' });
  const handle = createInteractionHandler(service);
  client.on(Events.InteractionCreate, (interaction) => {
    void handle(interaction);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, 'gateway connection closed'),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'reconnecting to the gateway'));
  return client;
}
