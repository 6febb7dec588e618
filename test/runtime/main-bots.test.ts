/**
 * The real process with chat adapters, against small local stand-ins for Slack's and Discord's APIs:
 * graceful shutdown with an answer in flight, and one failing adapter next to a working one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type PlatformStub,
  postSlashCommand,
  SLACK_SIGNING_SECRET,
  startPlatformStub,
} from '../helpers/platform-stubs.js';
import { killAll, request, spawnFacts } from '../helpers/spawn-facts.js';

let stub: PlatformStub;
beforeEach(async () => {
  stub = await startPlatformStub();
});
afterEach(async () => {
  await killAll();
  await stub.close();
});

const slackEnv = () => ({
  SLACK_BOT_TOKEN: 'xoxb-runtime-test',
  SLACK_SIGNING_SECRET,
  SLACK_API_URL: `${stub.url}/slack/api/`,
});

describe('npm start with Slack (HTTP mode)', () => {
  it('on SIGTERM during a question, still delivers the answer, then exits 0', async () => {
    const facts = spawnFacts({ env: slackEnv() });
    const port = await facts.port();
    await facts.waitForLog((line) => line.msg === 'adapter started' && line.adapter === 'slack');

    expect(await postSlashCommand(port, 'How many fake accounts were used?', `${stub.url}/response/1`)).toBe(
      200,
    );
    const answer = await stub.nextResponse(); // the answer is on its way; its request is held open

    facts.child.kill('SIGTERM');
    const shutdown = await facts.waitForLog((line) => line.msg === 'shutting down');
    expect(shutdown).toMatchObject({ reason: 'SIGTERM', inFlight: 1 });
    answer.release();

    expect(await facts.exited).toEqual({ code: 0, signal: null });
    expect(answer.body).toContain('25,000');
    expect(facts.logs).toContainEqual(expect.objectContaining({ msg: 'shutdown complete', drained: true }));
  });

  it('exits 1 when PORT is taken (a bot cannot run without its server)', async () => {
    const first = spawnFacts({ env: slackEnv() });
    const port = await first.port();
    const second = spawnFacts({ env: { ...slackEnv(), PORT: String(port) } });
    expect((await second.exited).code).toBe(1);
    expect(second.stderr()).toContain(`cannot listen on port ${port}`);
  });
});

describe('npm start with Discord and Slack', () => {
  it('keeps Slack answering when Discord fails to connect, and /readyz names Discord', async () => {
    const facts = spawnFacts({
      env: {
        ...slackEnv(),
        DISCORD_TOKEN: `runtime-test-token-${'x'.repeat(50)}`,
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_API_URL: `${stub.url}/discord/api`,
      },
    });
    const port = await facts.port();
    await facts.waitForLog((line) => line.msg === 'adapter started' && line.adapter === 'slack');
    await facts.waitForLog((line) => line.adapter === 'discord' && line.level === 50);

    const ready = await request(port, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'not ready',
      checks: {
        corpus: { ready: true },
        discord: { ready: false, detail: 'failed to start (see logs)' },
        slack: { ready: true, detail: 'connected' },
      },
    });
    expect((await request(port, '/metrics')).text).toContain('facts_adapter_up{adapter="discord"} 0');

    expect(await postSlashCommand(port, 'How many fake accounts were used?', `${stub.url}/response/2`)).toBe(
      200,
    );
    const answer = await stub.nextResponse();
    answer.release();
    expect(answer.body).toContain('25,000');
    expect(facts.stderr()).not.toContain('runtime-test-token');
    expect(facts.stderr()).not.toContain('xoxb-runtime-test');
  });
});
