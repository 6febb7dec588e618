import { describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/adapter.js';
import { AdapterSupervisor, configuredAdapters } from '../../src/runtime/adapters.js';
import { captureLogger, deferred } from '../helpers/runtime-fakes.js';

function adapter(
  name: string,
  start: () => Promise<void> = async () => {},
): ChatAdapter & { stopped: boolean } {
  let connected = false;
  return {
    name,
    stopped: false,
    async start() {
      await start();
      connected = true;
    },
    async stop() {
      this.stopped = true;
      connected = false;
    },
    ready: () => connected,
  };
}

describe('configuredAdapters', () => {
  it.each([
    [{}, []],
    [{ DISCORD_TOKEN: 'x' }, ['discord']],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, ['slack']],
    [{ DISCORD_TOKEN: 'x', SLACK_BOT_TOKEN: 'xoxb-1' }, ['discord', 'slack']],
  ])('%o starts %o', (env, names) => {
    expect(configuredAdapters(env)).toEqual(names);
  });
});

describe('AdapterSupervisor', () => {
  it('starts the other adapters when one fails to start, and reports it not ready', async () => {
    const { logger, lines } = captureLogger();
    let errors = 0;
    const supervisor = new AdapterSupervisor({ logger, onError: () => errors++ });
    const slack = adapter('slack');
    await supervisor.create([
      {
        name: 'discord',
        create: async () => adapter('discord', () => Promise.reject(new Error('bad token'))),
      },
      { name: 'slack', create: async () => slack },
    ]);

    expect(await supervisor.startAll()).toEqual({ started: ['slack'], failed: ['discord'] });
    expect(supervisor.readiness()).toEqual({
      discord: { ready: false, detail: 'failed to start (see logs)' },
      slack: { ready: true, detail: 'connected' },
    });
    expect(errors).toBe(1);
    expect(lines).toContainEqual(expect.objectContaining({ adapter: 'discord', level: 50 }));
  });

  it('records an adapter that cannot be created as failed and keeps the others', async () => {
    const supervisor = new AdapterSupervisor({ logger: captureLogger().logger });
    await supervisor.create([
      { name: 'discord', create: () => Promise.reject(new Error('cannot import')) },
      { name: 'slack', create: async () => adapter('slack') },
    ]);
    expect(await supervisor.startAll()).toEqual({ started: ['slack'], failed: ['discord'] });
  });

  it('reports an adapter as starting until it has connected', async () => {
    const gate = deferred();
    const supervisor = new AdapterSupervisor({ logger: captureLogger().logger });
    await supervisor.create([
      { name: 'discord', create: async () => adapter('discord', () => gate.promise) },
    ]);
    const starting = supervisor.startAll();
    expect(supervisor.readiness().discord).toEqual({ ready: false, detail: 'starting' });
    gate.resolve();
    await starting;
    expect(supervisor.connected()).toEqual({ discord: true });
  });

  it('serves the HTTP handlers adapters mount', async () => {
    const supervisor = new AdapterSupervisor({ logger: captureLogger().logger });
    const handler = () => {};
    await supervisor.create([
      {
        name: 'slack',
        create: async () => ({ ...adapter('slack'), http: { path: '/slack/events', handler } }),
      },
    ]);
    expect(supervisor.mounts()).toEqual([{ path: '/slack/events', handler }]);
  });

  it('stops every adapter, bounded, even when one never finishes stopping', async () => {
    const supervisor = new AdapterSupervisor({ logger: captureLogger().logger });
    const slack = adapter('slack');
    const stuck = { ...adapter('discord'), stop: () => new Promise<void>(() => {}) };
    await supervisor.create([
      { name: 'discord', create: async () => stuck },
      { name: 'slack', create: async () => slack },
    ]);
    await supervisor.startAll();
    await supervisor.stopAll(20);
    expect(slack.stopped).toBe(true);
    expect(supervisor.readiness().slack).toEqual({ ready: false, detail: 'stopped' });
  });
});
