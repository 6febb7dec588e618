/** The core's invariant: every excerpt is its source file's text at its offsets. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Answer } from '../../src/answer.js';

const files = new Map<string, string>();

export function expectVerbatim(answer: Answer): void {
  let text = files.get(answer.source.path);
  if (text === undefined) {
    text = readFileSync(answer.source.path, 'utf8');
    files.set(answer.source.path, text);
  }
  expect(answer.excerpt).toBe(text.slice(answer.location.start, answer.location.end));
  if (answer.figure) expect(text.slice(answer.figure.start, answer.figure.end)).toBe(answer.figure.text);
}
