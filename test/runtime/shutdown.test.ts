import { describe, expect, it } from 'vitest';
import { AdapterSupervisor } from '../../src/runtime/adapters.js';
import { Shutdown } from '../../src/runtime/shutdown.js';
import { FactsService, ServiceClosingError } from '../../src/service.js';
import { captureLogger, deferred, fakeIndex } from '../helpers/runtime-fakes.js';

describe('Shutdown', () => {
  it('refuses new requests, lets a request in flight finish, then stops the adapters, then exits 0', async () => {
    const { logger } = captureLogger();
    const events: string[] = [];
    const service = new FactsService({ index: () => fakeIndex('v1') });
    const adapters = new AdapterSupervisor({ logger });
    await adapters.create([
      {
        name: 'slack',
        create: async () => ({
          name: 'slack',
          start: async () => {},
          stop: async () => void events.push('adapter stopped'),
          ready: () => true,
        }),
      },
    ]);
    await adapters.startAll();
    const gate = deferred();
    const request = service.handle('slack', async () => {
      await gate.promise;
      events.push('answer sent');
    });
    const exited = deferred<number>();
    const shutdown = new Shutdown({ logger, service, adapters, exit: (code) => exited.resolve(code) });

    const running = shutdown.run('SIGTERM');
    expect(shutdown.started).toBe(true);
    expect(shutdown.run('SIGINT')).toBe(running);

    // A question that arrives during the drain is refused at once, not answered.
    let ran = false;
    await expect(
      service.handle('slack', async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(ServiceClosingError);
    expect(ran).toBe(false);
    gate.resolve();

    await expect(exited.promise).resolves.toBe(0);
    await request;
    expect(events).toEqual(['answer sent', 'adapter stopped']);
  });

  it('exits at the deadline when an answer never finishes', async () => {
    const { logger, lines } = captureLogger();
    const service = new FactsService({ index: () => fakeIndex('v1') });
    void service.handle('discord', () => new Promise(() => {}));
    const exited = deferred<number>();
    await new Shutdown({ logger, service, drainTimeoutMs: 20, exit: (code) => exited.resolve(code) }).run(
      'SIGTERM',
    );
    await expect(exited.promise).resolves.toBe(0);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'answers still in flight at the deadline', inFlight: 1 }),
    );
  });
});
