import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chatInput, isCallback, isEditOriginal } from '../../helpers/discord-interactions.js';
import { APP_ID, TOKEN, useFakeDiscord } from '../../helpers/fake-discord.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('npm start with DISCORD_TOKEN', () => {
  const fake = useFakeDiscord();

  it('GIVEN the Discord variables THEN the runtime starts the adapter and answers /facts', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: '',
        DISCORD_SHARDS: '',
        SLACK_BOT_TOKEN: '',
        SLACK_APP_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
        PORT: '0',
        LOG_LEVEL: 'silent',
        CORPUS_DIR: 'seeds',
        CORPUS_WATCH: 'false',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = once(child, 'exit');
    try {
      await fake.identified();
      const interaction = chatInput('facts', { question: 'How many fake accounts were used?' });
      fake.dispatch('INTERACTION_CREATE', interaction);
      expect((await fake.waitFor(isCallback(interaction))).body).toEqual({ type: 5, data: { flags: 64 } });
      const edit = (await fake.waitFor(isEditOriginal(interaction))).body as { embeds: unknown[] };
      expect(edit.embeds.length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 30_000);
});
