/** The `facts` command, run as a user runs it: a real process, its output and exit code. */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../src/answer.js';
import { tempCorpus } from './helpers/corpus.js';
import { expectVerbatim } from './helpers/verbatim.js';

function withoutCorpusDir({ CORPUS_DIR: _ignored, ...env }: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env;
}

function facts(args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...withoutCorpusDir(process.env), ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('facts ask', () => {
  it('prints quotes with their citation for people', () => {
    const { code, stdout } = facts(['ask', 'How', 'many', 'fake', 'accounts', 'were', 'used?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1\. “.*25,000.*”$/m);
    expect(stdout).toMatch(/— .+ \(.*¶ \d+\)/);
  });

  it('says what to ask when the question is empty', () => {
    const { code, stdout } = facts(['ask', '  ']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Ask a question about the story/);
  });

  it('says so when no passage answers', () => {
    const { code, stdout } = facts(['ask', 'What is the capital of France?']);
    expect(code).toBe(0);
    expect(stdout).toContain('No passage in the sources answers this.');
    expect(stdout).not.toMatch(/^1\./m);
  });

  it('prints the JSON contract', () => {
    const { stdout } = facts(['ask', '--json', '--k', '2', 'When was the letter sent?']);
    const result = JSON.parse(stdout) as AskResult;
    expect(result.query).toBe('When was the letter sent?');
    expect(result.answers.length).toBeGreaterThan(0);
    expect(result.answers.length).toBeLessThanOrEqual(2);
    for (const answer of result.answers) {
      expect(Object.keys(answer)).toEqual(
        expect.arrayContaining(['excerpt', 'score', 'location', 'source', 'corroboratedBy']),
      );
      expect(Object.keys(answer.source)).toEqual(
        expect.arrayContaining(['id', 'title', 'url', 'published', 'path']),
      );
      expectVerbatim(answer);
    }
  });

  it('answers each line of standard input that holds a question as JSON Lines, in order', () => {
    const { stdout } = facts(
      ['ask', '--json'],
      // Blank lines, of spaces or of invisible characters alone, hold no question.
      'How many fake accounts were used?\n\n   \n\u200b\u0007\nWhat is the capital of France?\n',
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AskResult);
    expect(lines.map((l) => l.query)).toEqual([
      'How many fake accounts were used?',
      'What is the capital of France?',
    ]);
    expect(lines[1]?.answers).toEqual([]);
  });

  it('reports the question as read, cut at 500 characters, and says it was cut', () => {
    const { stdout, stderr } = facts(['ask', '--json', `How many fake accounts ${'very '.repeat(200)}`]);
    expect((JSON.parse(stdout) as AskResult).query.length).toBeLessThanOrEqual(500);
    expect(stderr).toContain('Questions are limited to 500 characters');
  });

  it('says which line of standard input was cut', () => {
    const { stderr } = facts(['ask'], `How many fake accounts?\n\nHow many ${'very '.repeat(200)}\n`);
    expect(stderr).toBe(
      'facts: line 3: Questions are limited to 500 characters; only the first 500 were read.\n',
    );
  });

  it('answers only from the source asked for', () => {
    const { stdout } = facts([
      'ask',
      '--json',
      '--source',
      '001_318a62a1bb8a288f',
      'How many fake accounts were used?',
    ]);
    for (const a of (JSON.parse(stdout) as AskResult).answers)
      expect(a.source.id).toBe('001_318a62a1bb8a288f');
  });

  it.each([
    [['ask', '--k', 'many', 'q']],
    [['ask', '--k', '1e1', 'q']],
    [['ask', '--source', '', 'q']],
    [['ask', '--source', 'nope', 'q']],
    [['frobnicate']],
    [['ask', '--unknown']],
    [[]],
  ])('exits 2 with a message on wrong usage: %j', (args) => {
    const { code, stderr } = facts(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(/error|no source|Usage: facts/i);
  });

  it.each([[['ask', '--help']], [['help', 'ask']]])('shows help and exits 0: %j', (args) => {
    const { code, stdout } = facts(args);
    expect(code).toBe(0);
    expect(stdout).toContain('--source <id>');
  });

  it('ends quietly when its reader closes the pipe early', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ask'], {
      env: withoutCorpusDir(process.env),
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // Like `| head -1`: the first answer read, the pipe closed while more are on their way.
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end('How many fake accounts were used?\n'.repeat(2000));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('facts sources and check', () => {
  let bad: Awaited<ReturnType<typeof tempCorpus>>;
  beforeAll(async () => {
    bad = await tempCorpus({
      'good.txt': 'A sentence that is long enough to count here.',
      'bad.txt': new Uint8Array([0, 1, 2]),
    });
  });
  afterAll(() => bad.cleanup());

  it('lists the corpus', () => {
    const { code, stdout } = facts(['sources']);
    expect(code).toBe(0);
    expect(stdout).toContain('000_40f129f454e729a6');
    expect(stdout).toMatch(/5 sources, corpus version [0-9a-f]{12}/);
  });

  it('validates the bundled corpus', () => {
    expect(facts(['check'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^ok: 5 sources/),
      stderr: '',
    });
  });

  it('warns of synonyms that match nothing and suggestions nothing answers, and still passes', async () => {
    const odd = await tempCorpus({
      'a.md': '# Recall\n\nAcme recalled 3,000 kettles in May.\n',
      'synonyms.txt': 'kettles, e-mail, the\nthe, .\n',
      'sources.json': JSON.stringify({
        suggestions: ['How many kettles were recalled?', 'Who won the match?', 'Who won the match?'],
      }),
    });
    try {
      const { code, stdout, stderr } = facts(['check', odd.dir]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^ok: 1 source, 1 passage,/);
      const shown = (file: string) => path.relative(process.cwd(), path.join(odd.dir, file));
      expect(stderr.trim().split('\n')).toEqual([
        `warning: ${shown('synonyms.txt')}: "e-mail" is 2 words to the index (e mail); it matches nothing`,
        `warning: ${shown('synonyms.txt')}: "the" is not a word the index searches for (a stop word, or no letters); it matches nothing`,
        `warning: ${shown('synonyms.txt')}: "." is not a word the index searches for (a stop word, or no letters); it matches nothing`,
        `warning: ${shown('sources.json')}: no passage answers the suggestion "Who won the match?"; it is not offered`,
      ]);
    } finally {
      await odd.cleanup();
    }
  });

  it('names the bad file and exits 1', () => {
    const { code, stderr } = facts(['check', bad.dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.txt: is binary/);
  });

  it('refuses to answer from a broken corpus, saying why', () => {
    const { code, stderr } = facts(['ask', 'anything'], undefined, { CORPUS_DIR: bad.dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.txt/);
  });
});

describe('an article holding terminal escape sequences', () => {
  const article =
    '# Crane \u001b[2J\u001b]0;pwned\u0007Title \u202e\n\n' +
    'The harbor crane collapsed on Monday \u001b]8;;https://evil.example\u0007official notice\u001b]8;;\u0007 after the \u202estorm\u009b.\n';
  let corpus: Awaited<ReturnType<typeof tempCorpus>>;
  beforeAll(async () => {
    corpus = await tempCorpus({ 'a.md': article });
  });
  afterAll(async () => {
    await corpus.cleanup();
  });

  it('is printed with its control characters and overrides made harmless', () => {
    for (const [args, shown] of [
      [['ask', 'crane collapsed'], 'Monday \ufffd]8;;https://evil.example\ufffdofficial notice'],
      [['console'], 'Monday \ufffd]8;;https://evil.example\ufffdofficial notice'],
      [['sources'], '  Crane [2J ]0;pwned Title\n'],
    ] as const) {
      const { code, stdout } = facts(['--corpus', corpus.dir, ...args], 'crane collapsed\n');
      expect(code, args.join(' ')).toBe(0);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
      expect(stdout, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(stdout, args.join(' ')).toContain(shown);
    }
  });

  it('keeps them, escaped, in JSON, so the excerpt is still the file’s text', () => {
    const { stdout } = facts(['--corpus', corpus.dir, 'ask', '--json', 'crane collapsed']);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const result = JSON.parse(stdout) as AskResult;
    expect(result.answers[0]?.excerpt).toContain('\u0007 after the \u202estorm\u009b.');
    result.answers.forEach(expectVerbatim);
  });
});

describe('facts console', () => {
  it('never writes control characters from the input back to the terminal', () => {
    const { stdout } = facts(['console'], 'how many\u001b[2J\u001b]0;pwned\u0007 accounts\n');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(stdout).toContain('? how many [2J ]0;pwned accounts');
  });

  it('says a question was cut', () => {
    const { stdout } = facts(['console'], `How many ${'very '.repeat(200)}\n`);
    expect(stdout).toContain('Questions are limited to 500 characters');
  });

  it('answers piped questions and ends with the input', () => {
    const { code, stdout } = facts(['console'], 'How many fake accounts were used?\nexit\n');
    expect(code).toBe(0);
    expect(stdout).toContain('? How many fake accounts were used?');
    expect(stdout).toMatch(/25,000/);
  });
});
