/** Bolt's logger interface over the project's pino logger, so Bolt's own lines are JSON lines too. */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]): void => {
      // Bolt logs whole request bodies at debug: skip the formatting unless the line will be written.
      if (!log.isLevelEnabled(method)) return;
      const error = parts.find((p): p is Error => p instanceof Error);
      const text = parts
        .filter((p) => !(p instanceof Error))
        .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
        .join(' ');
      if (error) log[method]({ err: error }, text || error.message);
      else log[method](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // Bolt sets its level through these; pino's level (LOG_LEVEL) is the one that filters.
    setLevel(next: LogLevel) {
      level = next;
    },
    getLevel: () => level,
    setName() {},
  };
}
