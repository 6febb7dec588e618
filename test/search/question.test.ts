import { describe, expect, it } from 'vitest';
import { analyzeTerm } from '../../src/search/analyze.js';
import { asksForOverview, measureOf, namesKind, questionKind } from '../../src/search/question.js';

describe('questionKind', () => {
  it.each([
    ['How many fake accounts were used?', 'number'],
    ['How fast was the wind?', 'number'],
    ['When did the campaign start?', 'date'],
    ['How long ago did the campaign start?', 'date'],
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

describe('asksForOverview', () => {
  it.each([
    'What is this about?',
    "what's this all about??",
    'whats this about',
    'tl;dr',
    'TL;DR?',
    'Give me a quick summary, please.',
    'summarize the articles',
    'What happened?',
    "What's going on?",
    'TL;DR:',
    'tl;dr pls',
    "what's the tl;dr?",
    'what is this article about?',
    'Hey, what is this about exactly?',
    'so what happened?',
    "what's happening?",
    'summarise this for me',
    'In a nutshell?',
    '<@123> **tl;dr**',
  ])('reads %j as asking what the story is', (question) => {
    expect(asksForOverview(question)).toBe(true);
  });

  it.each([
    "What happened to Alibaba's shares?",
    'What is distillation?',
    "Summary of the letter's demands?",
    'What is the letter about?',
    'What happened next?',
    'What happened in February?',
    "What's the story with Qwen?",
    "What's going on with Alibaba's stock?",
    'What is it about distillation that worries Anthropic?',
    'And what happened then?',
  ])('reads %j as asking for a fact', (question) => {
    expect(asksForOverview(question)).toBe(false);
  });
});

describe('namesKind', () => {
  it('names the words a passage need not hold, as the kind says them already', () => {
    expect(namesKind('date', analyzeTerm('dates') ?? '')).toBe(true);
    expect(namesKind('reason', analyzeTerm('reason') ?? '')).toBe(true);
    expect(namesKind('other', analyzeTerm('reason') ?? '')).toBe(false);
  });
});

describe('measureOf', () => {
  it('reads the measure of a "how …" question with the words that give it', () => {
    expect(measureOf('How fast was the wind?')).toEqual({
      term: analyzeTerm('fast'),
      magnitude: false,
      units: expect.arrayContaining([analyzeTerm('mph')]),
      verbs: [],
    });
    expect(measureOf('How big was the campaign?')).toEqual({
      term: analyzeTerm('big'),
      magnitude: true,
      units: [],
      verbs: [],
    });
    expect(measureOf('How long did the campaign last?')?.verbs).toEqual([analyzeTerm('last')]);
    expect(measureOf('Were the crews fast?')).toBeNull();
    expect(measureOf('How far did the stock drop?')).toBeNull();
    expect(measureOf('How long ago did the storm hit?')).toBeNull();
  });
});
