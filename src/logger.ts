/** Structured logging (pino). Tokens and secrets are redacted wherever they appear in a logged object. */
import { type Logger, pino } from 'pino';

export type { Logger };

const SECRET_KEYS = ['token', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'];

/** A JSON-lines logger on standard error (standard output belongs to the console and the CLI). */
export function createLogger(level: string = 'info'): Logger {
  return pino(
    {
      level,
      base: { service: 'facts-bot' },
      redact: { paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}

/** A logger that writes nothing, for tests and for the CLI. */
export const silentLogger: Logger = pino({ level: 'silent' });
