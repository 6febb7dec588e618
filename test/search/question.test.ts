import { describe, expect, it } from 'vitest';
import { analyzeTerm } from '../../src/search/analyze.js';
import { kindTerms, questionKind } from '../../src/search/question.js';

describe('questionKind', () => {
  it.each([
    ['How many fake accounts were used?', 'number'],
    ['How fast was the wind?', 'number'],
    ['When did the campaign start?', 'date'],
    ['Why did the senators who got the letter wait?', 'reason'],
    ['Hey, can you tell me why the vote was delayed?', 'reason'],
    ["What's the reason the vote was delayed?", 'reason'],
    ['Who wrote the letter?', 'who'],
    ['What is distillation?', 'definition'],
    ['What made up the bulk of the exchanges?', 'other'],
  ])('reads %j as %s', (question, kind) => {
    expect(questionKind(question)).toBe(kind);
  });
});

describe('kindTerms', () => {
  it('names the words a passage need not hold: the kind, and the measure of "how …"', () => {
    expect(kindTerms('How fast was the wind?', 'number')).toContain(analyzeTerm('fast'));
    expect(kindTerms('Were the crews fast?', 'other')).not.toContain(analyzeTerm('fast'));
    expect(kindTerms("What's the reason for the delay?", 'reason')).toContain(analyzeTerm('reason'));
  });
});
