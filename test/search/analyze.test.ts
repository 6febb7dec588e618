import { describe, expect, it } from 'vitest';
import {
  analyze,
  analyzeQuery,
  canonicalNumber,
  denials,
  withoutChatMarkup,
} from '../../src/search/analyze.js';

describe('analyze', () => {
  it.each([
    ['25,000', '25000'],
    ['25000', '25000'],
    ['28.8 million', '28800000'],
    ['28.8M', '28800000'],
    ['$100', '100'],
    ['14.4 billion', '14400000000'],
  ])('normalises the number %s', (text, term) => {
    expect(analyze(text)).toEqual([term]);
  });

  it('folds case, curly quotes and dashes, drops stop words and stems', () => {
    expect(analyze('Anthropic’s “Fraudulent” Accounts – and the U.S.')).toEqual([
      'anthrop',
      'fraudul',
      'account',
      'usa',
    ]);
  });

  it('keeps "make" out of the stop words: "who makes Claude?" asks for a maker', () => {
    expect(analyzeQuery('Who makes Claude?')).toEqual(['make', 'claud']);
  });

  it('brings comparatives and superlatives to their base form, not nouns and verbs that look like them', () => {
    expect(analyze('largest larger')).toEqual(analyze('large large'));
    expect(analyze('biggest bigger cheaper')).toEqual(analyze('big big cheap'));
    expect(analyze('broker lower cleaner')).toEqual(analyze('brokers lowered cleaners'));
    expect(analyze('Fuller')).not.toEqual(analyze('full'));
    expect(analyze('outer')).toHaveLength(1);
    // A capitalised word WordNet does not list may be a name; one it lists opens a sentence.
    expect(analyze('Kinder Shorter')).not.toEqual(analyze('kind short'));
    expect(analyze('Earlier')).toEqual(analyze('earlier'));
    // Nor does a comparative become a word that frames a question.
    expect(analyzeQuery('the farthest point')).toHaveLength(2);
  });

  it('drops the personal pronouns the stop-word list lacks', () => {
    expect(analyze('she herself itself themselves ourselves yours')).toEqual([]);
    expect(analyzeQuery('Is distillation itself legal?')).toEqual(analyzeQuery('Is distillation legal?'));
  });

  it('keeps the country apart from the pronoun and from "used"', () => {
    expect(analyze('US')).toEqual(['usa']);
    expect(analyze('used')).not.toEqual(['usa']);
    // Nor is "us" after "the" the country: "the us-versus-them rhetoric".
    expect(analyze('what they told us, the us-versus-them rhetoric')).not.toContain('usa');
    // Dotted in lower case, or with a possessive, as people type it.
    expect(analyze('the u.s. government')).toEqual(['usa', 'govern']);
    expect(analyze("the US's government")).toEqual(['usa', 'govern']);
    expect(analyze("THE US'S GOVERNMENT")).toEqual(['usa', 'govern']);
    expect(analyze("the U.S.'s government")).toEqual(['usa', 'govern']);
    expect(analyze("THE U.S.'S GOVERNMENT")).toEqual(['usa', 'govern']);
  });

  it('folds the modifier letter apostrophe as the typographic one', () => {
    expect(analyze('Alibaba hasnʼt replied')).toEqual(analyze('Alibaba has not replied'));
  });

  it('drops the words that only frame a question', () => {
    expect(analyzeQuery('Hey, can you tell me when the campaign started?')).toEqual(['campaign', 'start']);
    expect(analyzeQuery('When will the rest be done?')).toEqual(['rest']);
    expect(analyzeQuery('How did the vote go?')).toEqual(['vote']);
    expect(analyzeQuery('What is happening with the vote? What happens next?')).toEqual(['vote', 'next']);
    expect(analyze('went gone going will shall')).toEqual([]);
    expect(analyze('willing')).toHaveLength(1);
    expect(analyzeQuery('Why did the power go out, and whose fault was it?')).toEqual(['power', 'fault']);
  });

  it('reads a contraction as the words it stands for', () => {
    expect(analyzeQuery("Why didn't Alibaba reply?")).toEqual(analyzeQuery('Why did not Alibaba reply?'));
    expect(analyze('Alibaba hasn’t replied')).toEqual(analyze('Alibaba has not replied'));
    expect(analyzeQuery("I'm sure you're right, we've seen I'd say they'll agree")).toEqual(
      analyzeQuery('I am sure you are right, we have seen I would say they will agree'),
    );
    expect(analyzeQuery("I'm curious how many accounts")).toEqual(analyzeQuery('curious how many accounts'));
    // Typed without the apostrophe too.
    expect(analyzeQuery('Im curious, why didnt Alibaba reply')).toEqual(
      analyzeQuery('curious why Alibaba reply'),
    );
    expect(analyze('dont cannot')).toEqual(analyze('not not'));
    // A question word's contraction frames the question as the word does.
    expect(analyzeQuery("Why'd Alibaba do it?")).toEqual(analyzeQuery('Why did Alibaba do it?'));
    // A name is not a contraction.
    expect(analyze("Sa'd")).toEqual(analyze('Sad'));
  });

  it('keeps "not" in passages but does not search for it', () => {
    expect(analyze('Alibaba did not reply')).toContain('not');
    expect(analyzeQuery("Why didn't Alibaba reply?")).toEqual(analyzeQuery('Why did Alibaba reply?'));
  });
});

describe('canonicalNumber', () => {
  it('keeps decimals that are not whole after scaling', () => {
    expect(canonicalNumber('0.5')).toBe('0.5');
    expect(canonicalNumber('1.25', 'k')).toBe('1250');
  });
});

describe('denials', () => {
  it.each([
    ['Alibaba has not replied.', ['repli']],
    ["Alibaba hasn't yet replied.", ['repli']],
    ['Alibaba didnt reply and never commented.', ['repli', 'comment']],
    ['This is not a proven case.', ['prove']],
    ['No fake accounts were found.', ['fake']],
    ['Alibaba has not, in the public record, issued a denial.', ['issu']],
    ['The checks are no longer optional.', ['option']],
    ['It is not only cheap but fast.', []],
    ['No, Alibaba replied.', []],
    ['Not surprisingly, Alibaba replied.', []],
    ['No, Alibaba replied, saying the accounts were resellers’.', []],
    ['Not surprisingly, Alibaba responded within hours, calling it baseless.', []],
    ['Alibaba has denied wrongdoing.', []],
  ])('reads what "%s" denies', (text, heads) => {
    expect([...denials(text).heads]).toEqual(heads);
  });

  it('reaches past a parenthesis, not past the end of a clause or "but"', () => {
    const { reached } = denials(
      'Alibaba has not, in the public record, issued a denial; it spoke to Reuters.',
    );
    expect([...reached]).toEqual(['public', 'record', 'issu', 'denial']);
    expect([...denials('Anthropic did not sue - it wrote to the Senate.').reached]).toEqual(['sue']);
    expect([...denials('It is not cheap but it works.').reached]).toEqual(['cheap']);
  });

  it('knows the words a text says only the denial of', () => {
    expect([...denials('Distillation is legitimate; the issue is not distillation.').onlyDenied]).toEqual([]);
    expect([...denials('Alibaba had not replied to requests for comment.').onlyDenied]).toEqual(['repli']);
  });
});

describe('withoutChatMarkup', () => {
  it.each([
    ['<@U04ABC|bob> how many? :thinking_face: :+1::skin-tone-2:', 'how many?'],
    ['see <https://www.cnbc.com/2026/06/10/x.html|cnbc.com> and https://x.com/a_b', 'see and'],
    ['per <https://www.cnbc.com/x|CNBC> and [the letter](https://x.com/l)', 'per CNBC and the letter'],
    ['[28.8](https://cnbc.com/x) million [U.S.](https://x.com) senators', '28.8 million U.S. senators'],
    [
      'at 10:30am:ish, 10:30:45, Qwen2.5:7b:instruct, Re: Alibaba',
      'at 10:30am:ish, 10:30:45, Qwen2.5:7b:instruct, Re: Alibaba',
    ],
  ])('reads %j as %j', (text, plain) => {
    expect(withoutChatMarkup(text).replace(/\s+/g, ' ').trim()).toBe(plain);
  });
});
