/**
 * Structured logging (pino). Tokens and secrets are redacted wherever they appear in a logged object, and
 * an error is logged without the request that failed.
 */
import { type Logger, pino } from 'pino';

export type { Logger };

const SECRET_KEYS = ['token', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'];
/** Fields of an error that say what went wrong without saying what was sent. */
const ERROR_FIELDS = ['code', 'status', 'statusCode', 'method'] as const;

/**
 * What is logged of an error: its type, message, stack, status and code, and the host it was sent to.
 * Not its request: the errors of discord.js and of Slack's clients carry the URL (a Discord interaction
 * token is part of its webhook's path), the body (the user's question, echoed in the answer) and the
 * headers (`Authorization: Bot …`) of the call that failed. Slack's error code ("channel_not_found") is
 * kept; so is the cause, read the same way.
 */
export function loggedError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = error as Error & Record<string, unknown>;
  const logged: Record<string, unknown> = {
    type: error.constructor.name,
    message: error.message,
    stack: error.stack,
  };
  for (const key of ERROR_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') logged[key] = value;
  }
  const slackError = (fields.data as { error?: unknown } | undefined)?.error;
  if (typeof slackError === 'string') logged.slackError = slackError;
  if (typeof fields.url === 'string') logged.host = URL.parse(fields.url)?.host;
  if (error.cause !== undefined && depth < 3) logged.cause = loggedError(error.cause, depth + 1);
  return logged;
}

/** A JSON-lines logger, on standard error unless told otherwise (standard output belongs to the console and the CLI). */
export function createLogger(
  level: string = 'info',
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      level,
      base: { service: 'facts-bot' },
      serializers: { err: (error: unknown) => loggedError(error) },
      redact: { paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)], censor: '[redacted]' },
    },
    destination,
  );
}

/** A logger that writes nothing, for tests and for the CLI. */
export const silentLogger: Logger = pino({ level: 'silent' });
