import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandBodies } from '../../../adapters/discord/commands/index.js';
import { inviteUrl } from '../../../adapters/discord/deploy.js';
import { APP_ID, TOKEN, useFakeDiscord } from '../../helpers/fake-discord.js';
import { CONFIG_KEYS, repoRoot } from '../../helpers/spawn-facts.js';

const GUILD = '1100000000000000077';

/** Variables the config reads, blanked so that the developer's environment or .env never leaks in. */
const BLANK = Object.fromEntries(CONFIG_KEYS.map((key) => [key, '']));

/** Runs `npm run discord:deploy`'s script (tsx adapters/discord/deploy.ts) with `env`. */
function deploy(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'adapters/discord/deploy.ts', ...args],
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...BLANK, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run discord:deploy', () => {
  const fake = useFakeDiscord();

  it('GIVEN DISCORD_GUILD_ID THEN PUTs exactly the handled commands to the guild and prints the invite URL', async () => {
    const result = await deploy({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_GUILD_ID: GUILD,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const put = await fake.waitFor((r) => r.method === 'PUT' && r.path.includes(`/guilds/${GUILD}/`));
    expect(put.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.body).toEqual(commandBodies());
    expect(result.stdout).toContain(
      'Registered 3 commands (guild 1100000000000000077): facts, sources, Find sources',
    );
    expect(result.stdout).toContain(`Invite the bot: ${inviteUrl(APP_ID)}`);
  });

  it('GIVEN no guild THEN registers the commands globally', async () => {
    const result = await deploy({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result.code).toBe(0);
    const put = await fake.waitFor(
      (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APP_ID}/commands`,
    );
    expect(put.body).toEqual(commandBodies());
  });

  it('GIVEN --remove THEN PUTs no commands to that scope (a test guild keeps its commands beside the global ones until then)', async () => {
    const result = await deploy(
      {
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_GUILD_ID: GUILD,
        DISCORD_API_URL: fake.apiUrl,
      },
      ['--remove'],
    );
    expect(result.code).toBe(0);
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.path.includes(`/guilds/${GUILD}/`));
    expect(puts.at(-1)?.body).toEqual([]);
    expect(result.stdout).toBe(`Removed the commands (guild ${GUILD})\n`);
  });

  it('GIVEN --remove with no guild THEN removes nothing unless --global says so', async () => {
    const env = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl };
    const refused = await deploy(env, ['--remove']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --global');
    const global = () =>
      fake.requests.filter(
        (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APP_ID}/commands`,
      );
    const before = global().length;
    const removed = await deploy(env, ['--remove', '--global']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe('Removed the commands (global)\n');
    expect(global()).toHaveLength(before + 1);
    expect(global().at(-1)?.body).toEqual([]);
  });

  it('GIVEN --global with a guild, or without --remove THEN does nothing and exits 2', async () => {
    const env = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl };
    const puts = () => fake.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();
    const withGuild = await deploy({ ...env, DISCORD_GUILD_ID: GUILD }, ['--remove', '--global']);
    expect(withGuild.code).toBe(2);
    expect(withGuild.stderr).toContain('DISCORD_GUILD_ID= (empty)');
    const alone = await deploy(env, ['--global']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--global goes with --remove');
    expect(puts()).toBe(before);
  });

  it('GIVEN an unknown option THEN says how to use it and exits 2', async () => {
    const result = await deploy({}, ['--remvoe']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--remvoe'");
    expect(result.stderr).toContain('usage: npm run discord:deploy [-- --remove [--global]]');
  });

  it('GIVEN missing and malformed values THEN lists each problem once, exits 1, and never echoes a secret', async () => {
    const secret = 'not-a-real-token-but-secret';
    const result = await deploy({
      DISCORD_TOKEN: secret,
      DISCORD_API_URL: 'ftp://nowhere',
      DISCORD_GUILD_ID: '12',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    for (const name of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_API_URL', 'DISCORD_GUILD_ID']) {
      expect(result.stderr).toMatch(new RegExp(`^  - ${name}: (expected|required)`, 'm'));
    }
    expect(result.stderr).not.toContain(secret);
  });

  it('GIVEN no token at all THEN says both values are required to deploy', async () => {
    const result = await deploy({});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN: expected');
    expect(result.stderr).toContain('DISCORD_APPLICATION_ID: expected');
  });
});

describe('commands', () => {
  it('GIVEN the definitions THEN /facts has an autocompleted question, a source and a public switch', () => {
    const [facts, sources, findSources] = commandBodies();
    expect(facts).toMatchObject({
      name: 'facts',
      options: [
        { name: 'question', type: 3, required: true, autocomplete: true, max_length: 500 },
        { name: 'source', type: 3, autocomplete: true },
        { name: 'public', type: 5 },
      ],
    });
    expect(sources).toMatchObject({ name: 'sources' });
    expect(findSources).toMatchObject({ name: 'Find sources', type: 3 });
  });

  it('GIVEN the invite URL THEN asks for the bot and applications.commands scopes and no permission', () => {
    const url = new URL(inviteUrl(APP_ID));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APP_ID);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(url.searchParams.get('permissions')).toBe('0');
  });
});
