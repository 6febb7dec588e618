/**
 * Structured logging (pino). Tokens and secrets are redacted wherever they appear in a logged object, and
 * an error is logged without the request that failed.
 */
import { type Logger, pino } from 'pino';

export type { Logger };

const SECRET_KEYS = ['token', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'];
/** Fields of an error that say what went wrong without saying what was sent. */
const ERROR_FIELDS = [
  'code',
  'status',
  'statusCode',
  'method',
  'errno',
  'syscall',
  'address',
  'port',
] as const;
/** How deep causes and the errors of an AggregateError are followed. */
const ERROR_DEPTH = 3;

/**
 * What is logged of an error: its type, message, stack, status and codes, and the host it was sent to.
 * Not its request: the errors of discord.js and of Slack's clients carry the URL (a Discord interaction
 * token is part of its webhook's path), the body (the user's question, echoed in the answer) and the
 * headers (`Authorization: Bot …`) of the call that failed. Slack's error code ("invalid_blocks") and its
 * explanation are kept; so are the cause and an AggregateError's errors, read the same way. Never throws:
 * it runs inside the logger, on whatever was thrown.
 */
function loggedError(error: unknown, depth = 0): Record<string, unknown> {
  try {
    return readError(error, depth);
  } catch {
    return { message: 'an error that could not be read' };
  }
}

function readError(error: unknown, depth: number): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const fields = error as Record<string, unknown>;
  const logged: Record<string, unknown> = {};
  if (error instanceof Error) {
    logged.type = error.constructor?.name ?? error.name;
    logged.message = error.message;
    logged.stack = error.stack;
  } else if (typeof fields.message === 'string') {
    logged.message = fields.message;
  }
  for (const key of ERROR_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') logged[key] = value;
  }
  const data = fields.data as { error?: unknown; response_metadata?: { messages?: unknown } } | undefined;
  if (typeof data?.error === 'string') logged.slackError = data.error;
  const explained = data?.response_metadata?.messages;
  if (Array.isArray(explained)) logged.slackMessages = explained.filter((m) => typeof m === 'string');
  if (typeof fields.url === 'string') logged.host = URL.parse(fields.url)?.host;
  if (depth < ERROR_DEPTH) {
    if (fields.cause !== undefined) logged.cause = loggedError(fields.cause, depth + 1);
    if (Array.isArray(fields.errors)) logged.errors = fields.errors.map((e) => loggedError(e, depth + 1));
  }
  return Object.keys(logged).length > 0 ? logged : { message: Object.prototype.toString.call(error) };
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
