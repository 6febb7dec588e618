/**
 * The local console: answers typed (or piped) questions exactly as the bots would, as plain text.
 * Used by `facts console` and by `npm start` when no chat platform is configured.
 */
import { createInterface } from 'node:readline';
import { cleanUserText, forTerminal, MAX_QUESTION_LENGTH, messages, renderText } from './present.js';
import type { FactsService } from './service.js';

export interface ConsoleOptions {
  service: FactsService;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

const GREETING = 'Ask a question about the story; every answer is a quote from the sources. Ctrl-D to quit.';

/** Resolves when the input ends (or the user types `exit`). */
export async function runConsole({ service, input, output }: ConsoleOptions): Promise<void> {
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const write = (text: string) => output.write(`${forTerminal(text)}\n`);
  // A reader that stops early (`npm start < questions | head -1`) closes the pipe: that ends the console,
  // quietly, as the end of its input does.
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    lines.close();
  });
  if (interactive) {
    write(GREETING);
    lines.setPrompt('facts> ');
    lines.prompt();
  }
  for await (const line of lines) {
    const question = line.trim();
    if (/^(exit|quit)$/i.test(question)) break;
    // A line of spaces or invisible characters alone holds no question, as in `facts ask`.
    if (cleanUserText(question).text.length > 0) {
      // Piped questions are echoed, so the transcript shows which answer belongs to which question.
      const result = service.ask('console', question);
      if (!interactive) write(`? ${result.query}`);
      if (cleanUserText(question).truncated) write(messages.questionTooLong(MAX_QUESTION_LENGTH));
      write(`${renderText(result)}\n`);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}
