/** Small in-process fakes for the runtime's unit tests: an index, a capturing logger, a deferred promise. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../../src/logger.js';
import type { FactsIndex } from '../../src/search/facts-index.js';

/** An index that refuses everything; only its version and passage count matter to the runtime. */
export function fakeIndex(version: string, passageCount = 3): FactsIndex {
  return {
    version,
    passageCount,
    warnings: [],
    ask: (query) => ({
      query,
      answers: [],
      disagreement: null,
      hasMore: false,
      suggestions: [],
      corpusVersion: version,
    }),
    findSources: (text) => ({
      text,
      claims: 0,
      truncated: false,
      moreBacked: 0,
      supporting: [],
      unsupported: [],
      nearest: [],
      corpusVersion: version,
    }),
    suggest: () => [],
    sources: () => [],
  };
}

/** A pino logger whose lines are kept, parsed, in `lines`. */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n'))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
