/** `npm start` with no chat credentials, and with an environment it cannot run with. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/present.js';
import { CONFIG_KEYS, killAll, repoRoot, spawnFacts } from '../helpers/spawn-facts.js';

afterEach(killAll);

describe('npm start with no credentials', () => {
  it('answers a piped question on standard output and exits 0 when the input ends', async () => {
    const facts = spawnFacts();
    facts.write('How many fake accounts were used?\nWhat is the capital of France?\n');
    facts.end();

    expect(await facts.exited).toEqual({ code: 0, signal: null });
    const stdout = facts.stdout();
    expect(stdout).toContain('25,000');
    expect(stdout).toContain(messages.refusal);
    expect(stdout).not.toContain('{"level"'); // logs go to standard error
    expect(facts.stderr()).toMatch(/^No chat credentials set.*DISCORD_TOKEN.*SLACK_BOT_TOKEN.*$/m);
  });

  it('ends quietly, exit 0, when its reader closes the pipe early', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    for (const key of CONFIG_KEYS) env[key] = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: repoRoot, env });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdin.on('error', () => {});
    // Like `| head -1`: the first answer read, the pipe closed while more are on their way.
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end('How many fake accounts were used?\n'.repeat(3000));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/uncaught|EPIPE/);
    expect(stderr).toContain('"msg":"shutdown complete"');
  });

  it('skips a line of invisible characters alone, as a blank one', async () => {
    const facts = spawnFacts();
    facts.write('\u200b\u0007\n   \nHow many fake accounts were used?\n');
    facts.end();
    expect(await facts.exited).toEqual({ code: 0, signal: null });
    expect(facts.stdout().match(/^\? /gm)).toHaveLength(1);
    expect(facts.stdout()).toContain('? How many fake accounts were used?');
  });

  it('logs one line per question with platform, latency, outcome and request id', async () => {
    const facts = spawnFacts();
    facts.write('How many fake accounts were used?\nWhat is the capital of France?\n');
    facts.end();
    await facts.exited;

    const questions = facts.logs.filter((line) => line.kind === 'ask');
    expect(questions).toEqual([
      expect.objectContaining({ platform: 'console', answered: true, latencyMs: expect.any(Number) }),
      expect.objectContaining({ platform: 'console', answered: false, latencyMs: expect.any(Number) }),
    ]);
    expect(questions.map((line) => line.requestId)).toEqual([expect.any(String), expect.any(String)]);
    expect(facts.logs.at(-1)).toMatchObject({ msg: 'shutdown complete', code: 0 });
  });

  it('answers from the bundled corpus when started from another folder', async () => {
    const facts = spawnFacts({
      cwd: tmpdir(),
      command: [process.execPath, '--import', import.meta.resolve('tsx'), join(repoRoot, 'src/main.ts')],
    });
    facts.write('How many fake accounts were used?\n');
    facts.end();
    expect(await facts.exited).toEqual({ code: 0, signal: null });
    expect(facts.stdout()).toContain('25,000');
  });

  it('keeps the console when PORT is taken, with a warning', async () => {
    const busy = await occupyPort();
    try {
      const facts = spawnFacts({ env: { PORT: String(busy.port) } });
      facts.write('How many fake accounts were used?\n');
      facts.end();
      expect((await facts.exited).code).toBe(0);
      expect(facts.stdout()).toContain('25,000');
      expect(facts.logs).toContainEqual(expect.objectContaining({ level: 40, port: busy.port }));
    } finally {
      busy.server.close();
    }
  });
});

describe('npm start with an invalid environment', () => {
  it.each<{ case: string; env: Record<string, string>; names: string[] }>([
    {
      case: 'malformed values',
      env: {
        DISCORD_TOKEN: 'short-secret-discord-value',
        SLACK_BOT_TOKEN: 'secret-slack-value',
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
      },
      names: [
        'DISCORD_TOKEN',
        'SLACK_BOT_TOKEN',
        'PORT',
        'LOG_LEVEL',
        'DISCORD_APPLICATION_ID',
        'SLACK_SIGNING_SECRET',
      ],
    },
    {
      case: 'missing companions of the tokens',
      env: {
        DISCORD_TOKEN: `secret-discord-value-${'x'.repeat(40)}`,
        SLACK_BOT_TOKEN: 'xoxb-secret-slack-value',
      },
      names: ['DISCORD_APPLICATION_ID', 'SLACK_SIGNING_SECRET'],
    },
  ])('exits 1 listing every problem, without echoing any value ($case)', async ({ env, names }) => {
    const facts = spawnFacts({ env });

    expect(await facts.exited).toEqual({ code: 1, signal: null });
    const stderr = facts.stderr();
    const listed = stderr.match(/^ {2}- /gm) ?? [];
    expect(stderr).toContain(`the environment has ${listed.length} problem(s)`);
    for (const name of names) expect(stderr).toMatch(new RegExp(`^  - ${name}: `, 'm'));
    for (const value of Object.values(env)) expect(stderr).not.toContain(value);
    expect(facts.stdout()).toBe('');
  });

  it('exits 1 naming the corpus folder when it cannot be loaded', async () => {
    const facts = spawnFacts({ env: { CORPUS_DIR: '/nonexistent/facts-corpus' } });
    expect((await facts.exited).code).toBe(1);
    expect(facts.stderr()).toContain('cannot load the corpus from /nonexistent/facts-corpus');
  });
});

async function occupyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}
