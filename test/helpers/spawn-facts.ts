/**
 * Runs the real facts-bot process (`src/main.ts` through tsx, or any command) for end-to-end tests, and
 * lets a test wait on what it does (log lines, standard output, exit) instead of sleeping.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Every variable the config reads: set to '' unless a test sets it, so a developer's .env never leaks in. */
export const CONFIG_KEYS = [
  'CORPUS_DIR',
  'PORT',
  'LOG_LEVEL',
  'RATE_LIMIT_PER_MINUTE',
  'CORPUS_WATCH',
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'DISCORD_SHARDS',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
];

/** One pino line the process wrote to standard error. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface SpawnOptions {
  /** Variables to set; everything the config reads is otherwise ''. PORT defaults to '0' (any free port). */
  env?: Record<string, string>;
  /** Default: node with tsx on src/main.ts. */
  command?: string[];
  /** Default: the repository. */
  cwd?: string;
}

export interface FactsProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Parsed JSON log lines so far. */
  readonly logs: LogLine[];
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Writes to the process's standard input. */
  write(text: string): void;
  /** Ends standard input (the console's end of input). */
  end(): void;
  /** Resolves with the first log line (already written or to come) that matches; rejects after `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves once standard output matches; rejects after `timeoutMs`. */
  waitForStdout(match: (stdout: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the port of the `http server listening` log line. */
  port(timeoutMs?: number): Promise<number>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the process if it still runs (SIGKILL) and waits for it. */
  kill(): Promise<void>;
}

const running = new Set<FactsProcess>();

export function spawnFacts(options: SpawnOptions = {}): FactsProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONFIG_KEYS) env[key] = '';
  Object.assign(env, { PORT: '0', LOG_LEVEL: 'info' }, options.env);
  const [command = process.execPath, ...args] = options.command ?? [
    process.execPath,
    '--import',
    'tsx',
    'src/main.ts',
  ];
  const child = spawn(command, args, { cwd: options.cwd ?? repoRoot, env, stdio: 'pipe' });

  let stdout = '';
  let stderr = '';
  let partial = '';
  const logs: LogLine[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line.
      }
    }
    notify();
  });
  child.stdin.on('error', () => {}); // The process may exit before reading all of its input.

  let hasExited = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close', not 'exit': by then everything the process wrote has been read.
    child.on('close', (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
      notify();
    });
  });

  /** Resolves `check()`'s value once it is defined; re-checked on every output and on exit. */
  const until = <T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const listener = () => {
        const value = check();
        if (value !== undefined) {
          done();
          resolve(value);
        } else if (hasExited) {
          done();
          reject(new Error(`process exited before ${what}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      listeners.add(listener);
      listener();
    });

  const facts: FactsProcess = {
    child,
    logs,
    stdout: () => stdout,
    stderr: () => stderr,
    write: (text) => child.stdin.write(text),
    end: () => child.stdin.end(),
    waitForLog: (match, timeoutMs = 20_000) => until('a log line', () => logs.find(match), timeoutMs),
    waitForStdout: (match, timeoutMs = 20_000) =>
      until('standard output', () => (match(stdout) ? stdout : undefined), timeoutMs),
    port: async (timeoutMs = 20_000) => {
      const line = await until(
        'the HTTP server',
        () => logs.find((l) => l.msg === 'http server listening'),
        timeoutMs,
      );
      return line.port as number;
    },
    exited,
    kill: async () => {
      if (!hasExited) child.kill('SIGKILL');
      await exited;
    },
  };
  running.add(facts);
  void exited.then(() => running.delete(facts));
  return facts;
}

/** Kills every process `spawnFacts` started that still runs (for `afterEach`). */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((facts) => facts.kill()));
}

/** A temporary copy of the bundled corpus, to edit or break; `remove` deletes it. */
export async function copyCorpus(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'facts-corpus-'));
  const dir = join(root, 'seeds');
  await cp(join(repoRoot, 'seeds'), dir, { recursive: true });
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

/** A port nothing listens on now (bound on 127.0.0.1:0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** GET (or another method) on the process's HTTP server. */
export async function request(
  port: number,
  path: string,
  method = 'GET',
): Promise<{ status: number; contentType: string; text: string; json: () => unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    json: () => JSON.parse(text) as unknown,
  };
}
