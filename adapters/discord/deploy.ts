/**
 * `npm run discord:deploy`: registers the bot's commands with Discord — in one guild when
 * DISCORD_GUILD_ID is set (instant, for testing), else globally — and prints the invite URL.
 * `npm run discord:deploy -- --remove` removes them from that guild instead (`--remove --global`: globally).
 *
 * The commands are the same definitions the bot handles (`commands/`), so the two cannot drift.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { OAuth2Scopes, PermissionsBitField, REST, Routes } from 'discord.js';
import dotenv from 'dotenv';
import { type Config, ConfigError, parseConfig } from '../../src/config.js';
import { commandBodies } from './commands/index.js';

/**
 * Permissions the bot asks for when invited: none. It only answers interactions (replies, follow-ups and
 * "Share" are interaction responses, which need no channel permission), and reads no messages.
 */
export const BOT_PERMISSIONS = new PermissionsBitField([]);

/** The URL that adds the bot to a server, with the `bot` and `applications.commands` scopes. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params}`;
}

export interface DeployResult {
  /** "guild <id>" or "global". */
  scope: string;
  /** Names of the registered commands. */
  names: string[];
}

/**
 * Replaces the application's commands (global, or the guild's) with the bot's current definitions, or with
 * none when `remove` is set: commands registered in a test guild stay there beside the global ones (each
 * shown twice in that server) until removed.
 */
export async function deployCommands(config: Config, { remove = false } = {}): Promise<DeployResult> {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId } = config;
  const missing = [
    ...(token
      ? []
      : ['DISCORD_TOKEN: expected a bot token from the Discord developer portal (required to deploy)']),
    ...(applicationId ? [] : ['DISCORD_APPLICATION_ID: expected the application id (required to deploy)']),
  ];
  if (!token || !applicationId) throw new ConfigError(missing);

  const rest = new REST(
    config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, '') } : {},
  ).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: remove ? [] : commandBodies() })) as Array<{
    name: string;
  }>;
  return { scope: guildId ? `guild ${guildId}` : 'global', names: registered.map((c) => c.name) };
}

const USAGE = 'usage: npm run discord:deploy [-- --remove [--global]]';

async function main(): Promise<void> {
  let remove: boolean;
  let global: boolean;
  try {
    const options = {
      remove: { type: 'boolean', default: false },
      global: { type: 'boolean', default: false },
    } as const;
    ({ remove, global } = parseArgs({ options }).values);
  } catch (error) {
    process.stderr.write(`discord:deploy: ${error instanceof Error ? error.message : error}\n${USAGE}\n`);
    process.exit(2);
  }
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`discord:deploy: ${error.message}\n`);
    process.exit(1);
  }
  // Removing the global commands takes them from every server: only when asked for by name, and never
  // instead of what was asked (a DISCORD_GUILD_ID from .env would make --global remove a guild's).
  const wrong = !remove
    ? global && '--global goes with --remove'
    : config.DISCORD_GUILD_ID
      ? global && '--global removes the global commands: run it with DISCORD_GUILD_ID= (empty)'
      : !global &&
        '--remove removes the commands of the server in DISCORD_GUILD_ID; to remove the global ones from every server, add --global';
  if (wrong) {
    process.stderr.write(`discord:deploy: ${wrong}\n${USAGE}\n`);
    process.exit(2);
  }
  try {
    const result = await deployCommands(config, { remove });
    process.stdout.write(
      remove
        ? `Removed the commands (${result.scope})\n`
        : `Registered ${result.names.length} commands (${result.scope}): ${result.names.join(', ')}\n` +
            `Invite the bot: ${inviteUrl(config.DISCORD_APPLICATION_ID ?? '')}\n`,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const what = error instanceof ConfigError ? '' : 'could not register the commands: ';
    process.stderr.write(`discord:deploy: ${what}${reason}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
