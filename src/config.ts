/**
 * One zod schema over the whole environment. Every problem is reported at once, by variable name and
 * expectation, and never with the value (tokens and secrets must not reach a terminal or a log).
 */
import { z } from 'zod';
import { bundledCorpusDir } from './paths.js';

const snowflake = z.string().regex(/^\d{17,20}$/, 'a Discord snowflake id (17 to 20 digits)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' });
/** A whole number in digits, from `min` to `max`: not " " (which Number reads as 0), "0x10" or "1e3". */
const wholeNumber = (min: number, max: number, expected: string) =>
  z
    .string()
    .regex(/^\d+$/, expected)
    .transform(Number)
    .refine((n) => n >= min && n <= max, expected);
/**
 * A token or secret: one word. Spaces mean a copying mistake or a comment that `docker run --env-file`
 * kept as part of the value ("xapp-… # Socket Mode").
 */
const secret = (expected: string, prefix = '', minLength = prefix.length + 1) =>
  z.string().superRefine((value, context) => {
    // One message for the variable: what is expected, and "without spaces" when that is what is wrong.
    const token = value.trim();
    if (!token.startsWith(prefix) || token.length < minLength)
      context.addIssue({ code: 'custom', message: expected });
    else if (/\s/.test(value)) context.addIssue({ code: 'custom', message: `${expected}, without spaces` });
  });
const SHARDS_EXPECTED = '"auto" or a number of shards from 1 to 10000';
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const schema = z.object({
  /** The corpus folder; by default the bundled one, wherever the process was started from (as for the CLI). */
  CORPUS_DIR: optional(z.string()).default(bundledCorpusDir),
  PORT: optional(wholeNumber(0, 65_535, 'a port number (0 to 65535)')).default(3000),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
  /** Questions one user may ask per minute on a chat platform. */
  RATE_LIMIT_PER_MINUTE: optional(wholeNumber(1, 10_000, 'a whole number from 1 to 10000')).default(10),
  /** Rebuild the index when files in CORPUS_DIR change (SIGHUP always does). */
  CORPUS_WATCH: optional(z.enum(['true', 'false'])).default('true'),

  DISCORD_TOKEN: optional(secret('a bot token from the Discord developer portal', '', 50)),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(httpUrl),
  DISCORD_SHARDS: optional(
    z.union([z.literal('auto'), wholeNumber(1, 10_000, SHARDS_EXPECTED)], { error: SHARDS_EXPECTED }),
  ),

  SLACK_BOT_TOKEN: optional(secret('a bot token starting with xoxb-', 'xoxb-')),
  SLACK_SIGNING_SECRET: optional(secret('the signing secret from Basic Information')),
  SLACK_APP_TOKEN: optional(secret('an app-level token starting with xapp-', 'xapp-')),
  SLACK_API_URL: optional(httpUrl),
});

/**
 * Variables that another one makes necessary. Checked on the raw environment, beside the schema, so that
 * they are reported together with every other problem (zod skips refinements of an invalid object).
 */
const REQUIRED_WITH: Array<{ name: string; when: (env: NodeJS.ProcessEnv) => boolean; message: string }> = [
  {
    name: 'DISCORD_APPLICATION_ID',
    when: (env) => Boolean(env.DISCORD_TOKEN) && !env.DISCORD_APPLICATION_ID,
    message: 'required when DISCORD_TOKEN is set',
  },
  // Without its bot token a platform's other settings do nothing, and the bot would quietly open the
  // console instead (a misspelt SLACK_TOKEN, say).
  {
    name: 'DISCORD_TOKEN',
    when: (env) => !env.DISCORD_TOKEN && Boolean(env.DISCORD_APPLICATION_ID || env.DISCORD_GUILD_ID),
    message: 'required when DISCORD_APPLICATION_ID or DISCORD_GUILD_ID is set',
  },
  {
    name: 'SLACK_BOT_TOKEN',
    when: (env) => !env.SLACK_BOT_TOKEN && Boolean(env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN),
    message: 'required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set',
  },
  {
    name: 'SLACK_SIGNING_SECRET',
    when: (env) => Boolean(env.SLACK_BOT_TOKEN) && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN,
    message: 'required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)',
  },
];

export type Config = z.infer<typeof schema>;

/** The environment does not describe a runnable bot; `problems` has one line per variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates `env` (normally `process.env`); throws a `ConfigError` listing every problem. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = schema.safeParse(env);
  const problems = (result.error?.issues ?? []).map((issue) => {
    const name = issue.path.join('.') || 'environment';
    // zod's own messages may quote the received value; ours never do, so rebuild the text from the expectation.
    const expected = issue.message
      .replace(/^Invalid (input|option): (expected )?/i, '')
      .replace(/, received .*$/, '');
    return `${name}: expected ${expected}`;
  });
  for (const rule of REQUIRED_WITH) if (rule.when(env)) problems.push(`${rule.name}: ${rule.message}`);
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}
