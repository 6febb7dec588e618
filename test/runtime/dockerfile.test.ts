/**
 * There is no Docker engine here, so this replays the Dockerfile: every COPY from a clean copy of the
 * repository (filtered by .dockerignore), every RUN (npm ci, the build, npm ci --omit=dev) in a temporary
 * folder per stage, then the CMD started without dev dependencies until `/healthz` answers, and the
 * HEALTHCHECK command run against it. Slow (two `npm ci`): one test, with a generous timeout.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, repoRoot, request, spawnFacts } from '../helpers/spawn-facts.js';

const run = promisify(execFile);

interface Instruction {
  op: string;
  args: string;
  line: number;
}

interface Stage {
  name: string;
  image: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string;
  cmd: string[];
  healthcheck: string[];
  expose: string[];
}

/** Instructions with continuation lines joined; comments and blank lines dropped. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (!pending) start = index + 1;
    pending += `${line.replace(/\\$/, '').trim()} `;
    if (line.endsWith('\\')) return;
    const [op = '', ...rest] = pending.trim().split(/\s+/);
    instructions.push({ op: op.toUpperCase(), args: rest.join(' '), line: start });
    pending = '';
  });
  return instructions;
}

/** Docker's .dockerignore matching: patterns relative to the context root, `!` re-includes, last match wins. */
function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) => {
          if (part === '**/' || part === '**') return '(?:.*/)?';
          if (part === '*') return '[^/]*';
          if (part === '?') return '[^/]';
          return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      return { negate, regex: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (path) => {
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(path)) ignored = !rule.negate;
    return ignored;
  };
}

function jsonArray(text: string): string[] {
  const value = JSON.parse(text) as unknown;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`expected the exec (JSON array) form: ${text}`);
  }
  return value;
}

let work: string | undefined;
afterAll(async () => {
  await killAll();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('Dockerfile', () => {
  it('builds with dev dependencies, runs with production ones only, and answers /healthz', {
    timeout: 600_000,
  }, async () => {
    const instructions = parseDockerfile(await readFile(join(repoRoot, 'Dockerfile'), 'utf8'));
    const ignored = dockerignore(await readFile(join(repoRoot, '.dockerignore'), 'utf8'));
    for (const secret of [
      '.env',
      '.env.production',
      'node_modules/x',
      'test/runtime/x.test.ts',
      'dist/src/main.js',
    ]) {
      expect(ignored(secret), secret).toBe(true);
    }
    expect(ignored('src/main.ts')).toBe(false);

    // The build context: a clean copy of the repository (what a fresh clone has), less .dockerignore.
    work = await mkdtemp(join(tmpdir(), 'facts-docker-'));
    const context = join(work, 'context');
    const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const file of stdout.split('\0').filter(Boolean)) {
      if (ignored(file) || !existsSync(join(repoRoot, file))) continue;
      await mkdir(dirname(join(context, file)), { recursive: true });
      await cp(join(repoRoot, file), join(context, file));
    }

    const args: Record<string, string> = {};
    const stages: Stage[] = [];
    const inStage = (stage: Stage, path: string) =>
      join(stage.root, path.startsWith('/') ? path : join(stage.workdir, path));
    for (const { op, args: text, line } of instructions) {
      const stage = stages.at(-1);
      const where = `Dockerfile line ${line}: ${op} ${text}`;
      if (op === 'ARG') {
        const [name = '', value = ''] = text.split('=');
        args[name] = value;
        continue;
      }
      if (op === 'FROM') {
        const [image = '', , name = String(stages.length)] = text
          .replace(/\$\{(\w+)\}/g, (_, n: string) => args[n] ?? '')
          .split(/\s+/);
        const root = join(work, `stage-${stages.length}`);
        await mkdir(root);
        stages.push({
          name,
          image,
          root,
          workdir: '/',
          env: {},
          user: 'root',
          cmd: [],
          healthcheck: [],
          expose: [],
        });
        continue;
      }
      if (!stage) throw new Error(`${where}: before any FROM`);
      switch (op) {
        case 'WORKDIR':
          stage.workdir = text.startsWith('/') ? text : join(stage.workdir, text);
          await mkdir(inStage(stage, '.'), { recursive: true });
          break;
        case 'ENV':
          for (const [, name = '', value = ''] of text.matchAll(/(\w+)=(\S+)/g)) stage.env[name] = value;
          break;
        case 'COPY': {
          const words = text.split(/\s+/);
          const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
          const [dest = '', ...sources] = words.filter((w) => !w.startsWith('--')).reverse();
          const source = from ? stages.find((s) => s.name === from) : undefined;
          if (from && !source) throw new Error(`${where}: no stage ${from}`);
          const target = inStage(stage, dest);
          for (const src of sources.reverse()) {
            const path = source ? inStage(source, src) : join(context, src);
            if (!existsSync(path))
              throw new Error(`${where}: ${src} does not exist in the ${from ?? 'build context'}`);
            const intoFolder = dest.endsWith('/') || sources.length > 1;
            await cp(path, intoFolder && !(await isFolder(path)) ? join(target, basename(src)) : target, {
              recursive: true,
            });
          }
          break;
        }
        case 'RUN': {
          const command = text.replace(/--mount=\S+\s+/g, ''); // a cache mount is npm's own cache here
          expect(command, `${where}: the replay runs npm commands only`).toMatch(/^npm /);
          await run('sh', ['-c', command], {
            cwd: inStage(stage, '.'),
            env: {
              ...process.env,
              ...stage.env,
              npm_config_prefer_offline: 'true',
              npm_config_update_notifier: 'false',
            },
            maxBuffer: 64 * 1024 * 1024,
          }).catch((error: { stderr?: string; stdout?: string }) => {
            const output = `${error.stdout ?? ''}\n${error.stderr ?? ''}`;
            const hint = /in sync/.test(output)
              ? '\npackage-lock.json does not match package.json: `npm ci` fails on a fresh clone too.'
              : '';
            throw new Error(`${where} failed:${hint}\n${output}`);
          });
          break;
        }
        case 'USER':
          stage.user = text;
          break;
        case 'EXPOSE':
          stage.expose.push(...text.split(/\s+/));
          break;
        case 'HEALTHCHECK':
          stage.healthcheck = jsonArray(text.replace(/^.*?\bCMD\s+/, ''));
          break;
        case 'CMD':
          stage.cmd = jsonArray(text);
          break;
      }
    }

    const runtime = stages.at(-1);
    if (!runtime) throw new Error('no stage');
    for (const { image } of stages) {
      // A current even-numbered (LTS) Node on Debian: sentencex ships glibc binaries only.
      expect(image).toMatch(/^node:(2[02468]|[3-9][02468])-(bookworm|trixie)(-slim)?$/);
    }
    expect(runtime.user).not.toMatch(/^(root|0)?$/);
    expect(runtime.expose).toEqual([runtime.env.PORT]);
    expect(runtime.healthcheck.join(' ')).toContain('/healthz');
    expect(runtime.env.CORPUS_DIR).toBe('/app/seeds');
    expect(existsSync(inStage(runtime, '/app/seeds/sources.json'))).toBe(true);
    for (const dev of ['typescript', 'tsx', 'vitest', '@biomejs/biome']) {
      expect(existsSync(inStage(runtime, `node_modules/${dev}`)), `${dev} in the runtime stage`).toBe(false);
    }

    // CMD, as the container runs it, with the image's environment (paths under / mapped into the stage).
    const [program, entry = ''] = runtime.cmd;
    expect(program).toBe('node');
    expect(existsSync(inStage(runtime, entry))).toBe(true);
    const env = Object.fromEntries(
      Object.entries(runtime.env).map(([name, value]) => [
        name,
        value.startsWith('/') ? inStage(runtime, value) : value,
      ]),
    );
    const facts = spawnFacts({
      command: [process.execPath, ...runtime.cmd.slice(1)],
      cwd: inStage(runtime, '.'),
      env: { ...env, PORT: '0' },
    });
    const port = await facts.port(60_000);
    expect((await request(port, '/healthz')).status).toBe(200);
    expect((await request(port, '/readyz')).status).toBe(200);
    facts.write('How many fake accounts were used?\n');
    await facts.waitForStdout((text) => text.includes('25,000'));

    const [check, ...checkArgs] = runtime.healthcheck;
    expect(check).toBe('node');
    await run(process.execPath, checkArgs, { env: { ...process.env, PORT: String(port) } });

    facts.end();
    expect((await facts.exited).code).toBe(0);
  });
});

async function isFolder(path: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  return (await stat(path)).isDirectory();
}
