/**
 * The `facts` command: ask questions, list and check the corpus, or open the console. Thin: parse the
 * arguments (commander), load the index, print.
 */
import { createInterface } from 'node:readline';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { config as loadDotenv } from 'dotenv';
import type { AskOptions } from './answer.js';
import { runConsole } from './console.js';
import { loadFacts } from './facts.js';
import { bundledCorpusDir } from './paths.js';
import {
  cleanUserText,
  counted,
  dateLabel,
  forTerminal,
  MAX_QUESTION_LENGTH,
  messages,
  renderText,
} from './present.js';
import type { FactsIndex } from './search/facts-index.js';
import { FactsService } from './service.js';

/** Exit codes: 0 done (a refusal is a result), 1 the corpus or a run failed, 2 wrong usage. */
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** Writes to standard output as a terminal may safely show it (see `forTerminal`). */
function print(text: string): void {
  process.stdout.write(forTerminal(text));
}

function printError(text: string): void {
  process.stderr.write(forTerminal(text));
}

/**
 * Writes one line of JSON. JSON.stringify leaves C1 control characters, bidirectional overrides and line
 * separators as they are; they are written as \u escapes here, so the terminal shows them harmlessly and
 * the data is unchanged.
 */
function printJson(value: unknown): void {
  const json = JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  process.stdout.write(`${json}\n`);
}

function positiveInt(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 20)
    throw new InvalidArgumentError('expected a whole number from 1 to 20.');
  return n;
}

async function openIndex(dir: string): Promise<FactsIndex> {
  try {
    return await loadFacts(dir);
  } catch (error) {
    printError(`facts: ${(error as Error).message}\n`);
    process.exit(EXIT_FAILURE);
  }
}

/** The lines of standard input that hold a question (not blank once cleaned, as a question is), numbered. */
async function* stdinLines(): AsyncGenerator<{ text: string; line: number }> {
  let line = 0;
  for await (const text of createInterface({ input: process.stdin, terminal: false })) {
    line++;
    if (cleanUserText(text).text.length > 0) yield { text, line };
  }
}

/** The --corpus folder; an empty CORPUS_DIR means the bundled corpus, as in the bot's config. */
function corpusDir(program: Command): string {
  return program.opts<{ corpus?: string }>().corpus || bundledCorpusDir();
}

export function buildProgram(): Command {
  const program = new Command('facts')
    .description('Answers questions about the story with verbatim, cited excerpts of its source articles.')
    .addOption(
      new Option('--corpus <dir>', 'folder of .txt/.md articles')
        .env('CORPUS_DIR')
        .default(bundledCorpusDir(), 'seeds/'),
    )
    .showHelpAfterError('(run "facts --help" for usage)')
    .exitOverride();

  program
    .command('ask')
    .description('answer a question, or each line of standard input when no question is given')
    .argument('[question...]', 'the question (quotes optional)')
    .option('--json', 'print the JSON contract (JSON Lines when reading standard input)')
    .option('--k <n>', 'how many excerpts (1-20)', positiveInt, 3)
    .option('--source <id>', 'answer only from this source (see "facts sources")')
    .action(async (words: string[], options: { json?: boolean; k: number; source?: string }) => {
      const index = await openIndex(corpusDir(program));
      if (options.source !== undefined && !index.sources().some((s) => s.id === options.source)) {
        program.error(messages.unknownSource(options.source), { exitCode: EXIT_USAGE });
      }
      const askOptions: AskOptions = {
        k: options.k,
        ...(options.source !== undefined ? { source: options.source } : {}),
      };
      /** `line`: the question's line number in standard input, for the warning of a question cut short. */
      const answer = (question: string, line?: number) => {
        if (cleanUserText(question).truncated) {
          const where = line === undefined ? '' : `line ${line}: `;
          printError(`facts: ${where}${messages.questionTooLong(MAX_QUESTION_LENGTH)}\n`);
        }
        const result = index.ask(question, askOptions);
        if (options.json) printJson(result);
        // Nothing to ask is not a question the sources fail to answer: say what to ask, as the bots do.
        else if (result.query === '') print(`${messages.emptyQuestion}\n\n`);
        // Questions from standard input are echoed, so that each answer shows its question.
        else print(`${line === undefined ? '' : `? ${result.query}\n`}${renderText(result)}\n\n`);
      };
      if (words.length > 0) {
        answer(words.join(' '));
        return;
      }
      for await (const { text, line } of stdinLines()) answer(text, line);
    });

  program
    .command('console')
    .description('an interactive prompt that answers typed questions (also reads piped input)')
    .action(async () => {
      const index = await openIndex(corpusDir(program));
      await runConsole({
        service: new FactsService({ index: () => index }),
        input: process.stdin,
        output: process.stdout,
      });
    });

  program
    .command('sources')
    .description('list the articles of the corpus')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const index = await openIndex(corpusDir(program));
      const sources = index.sources();
      if (options.json) {
        printJson({ corpusVersion: index.version, sources });
        return;
      }
      for (const s of sources) {
        print(
          `${s.id}\n  ${s.title}\n  ${[s.publisher, dateLabel(s.published), counted(s.passages, 'passage')].filter(Boolean).join(' · ')}\n` +
            `  ${s.url ?? '(no link)'}\n`,
        );
      }
      print(`${counted(sources.length, 'source')}, corpus version ${index.version}\n`);
    });

  program
    .command('check')
    .description('validate a corpus folder; exits 1 on any problem, and warns of what the index cannot use')
    .argument('[dir]', 'the folder (default: --corpus)')
    .action(async (dir: string | undefined) => {
      const target = dir ?? corpusDir(program);
      try {
        const index = await loadFacts(target);
        for (const warning of index.warnings) printError(`warning: ${warning}\n`);
        const sources = index.sources();
        const passages = sources.reduce((n, s) => n + s.passages, 0);
        print(
          `ok: ${counted(sources.length, 'source')}, ${counted(passages, 'passage')}, version ${index.version}\n`,
        );
      } catch (error) {
        printError(`${(error as Error).message}\n`);
        process.exitCode = EXIT_FAILURE;
      }
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  loadDotenv({ quiet: true });
  // A reader that stops early (`facts ask < questions | head -1`) closes the pipe: that ends the run, quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help asked for ("--help", "help [command]") and the version exit with 0, help shown because no
    // command was given with 1; that and any other parse error is wrong usage (commander printed why).
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
}

await main(process.argv);
