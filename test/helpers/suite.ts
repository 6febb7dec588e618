/** Fixtures that live as long as one `describe`: started in `beforeAll`, closed in `afterAll`. */
import { afterAll, beforeAll } from 'vitest';

/**
 * Starts a fixture in the enclosing `describe`'s `beforeAll` and closes it in its `afterAll`. Returns a
 * stand-in that forwards every property read to the started fixture, so a test writes `bot.fake` without a
 * `let` and two hooks of its own. Reading the stand-in before `beforeAll` has run throws.
 */
export function forSuite<T extends { close(): Promise<void> }>(start: () => Promise<T>): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): T => {
    if (!started)
      throw new Error('forSuite: the fixture starts in beforeAll; use it inside a test or a hook');
    return started;
  };
  return new Proxy({} as T, { get: (_target, key) => Reflect.get(current(), key) });
}
