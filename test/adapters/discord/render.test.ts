import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeText,
  escapeUserText,
  questionFromContent,
  questionLine,
  quoteExcerpt,
  renderAnswer,
  renderFindSources,
  renderSources,
  toChoices,
  unescapeText,
} from '../../../adapters/discord/render.js';
import type { Answer, AskResult, SourceSummary } from '../../../src/answer.js';
import { MAX_MESSAGE_LENGTH, messages } from '../../../src/present.js';
import {
  buttonsOf,
  expectWithinDiscordLimits,
  type MessageJson,
  shownExcerpt,
} from '../../helpers/discord-assert.js';

// Synthetic answers: these tests are about layout and limits, whatever the corpus holds.
const markdownChar = fc.constantFrom(
  '*',
  '_',
  '`',
  '~',
  '|',
  '>',
  '#',
  '-',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '@',
  '<',
  ':',
  '/',
);
const word = fc
  .array(fc.oneof(fc.constantFrom(...'abcxyz0189é’“”'), markdownChar), { minLength: 1, maxLength: 24 })
  .map((chars) => chars.join(''));
const text = (maxWords: number) =>
  fc
    .array(fc.tuple(word, fc.constantFrom(' ', '  ', '\n', '\n\n', '\t')), {
      minLength: 1,
      maxLength: maxWords,
    })
    .map((parts) =>
      parts
        .map(([w, s]) => w + s)
        .join('')
        .trim(),
    );

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function answer(excerpt: string, title: string, corroborating: string[]): Answer {
  return {
    excerpt,
    score: 1,
    location: { start: 0, end: excerpt.length, paragraph: 7, section: null },
    source: { id: 'a', title, url: null, publisher: 'Pub', published: '2026-06-26', path: 'seeds/a.txt' },
    link: 'https://example.com/a#:~:text=x',
    corroboratedBy: corroborating.map((t, i) => ({ id: `c${i}`, title: t, link: null })),
    figure: { text: '28.8 million', value: '28800000', kind: 'number', start: 0, end: 1 },
    corpusVersion: '0123456789ab',
  };
}

function result(answers: Answer[], extra: Partial<AskResult> = {}): AskResult {
  return {
    query: 'q',
    answers,
    disagreement: {
      kind: 'number',
      values: [
        { value: '1', text: '28.8 million', answers: [0] },
        { value: '2', text: '**29** million', answers: [1, 2] },
      ],
    },
    hasMore: true,
    suggestions: [],
    corpusVersion: '0123456789ab',
    ...extra,
  };
}

/** The shown excerpt is the excerpt's words, whole, in order: all of them, or a prefix ending in "…". */
function expectShownWords(shown: string, excerpt: string) {
  const full = collapse(excerpt);
  if (shown === full) return;
  expect(shown.endsWith('…')).toBe(true);
  const kept = shown.slice(0, -1);
  expect(full.startsWith(kept)).toBe(true);
  expect(full.charAt(kept.length)).toBe(' ');
}

describe('renderAnswer', () => {
  it('GIVEN any excerpts, titles and corroborations THEN stays within every Discord limit and shows only whole words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text(1200), text(60), fc.array(text(40), { maxLength: 6 })), {
          minLength: 1,
          maxLength: 3,
        }),
        text(120),
        (rows, raw) => {
          const question = collapse(raw);
          const answers = rows.map(([excerpt, title, corroborating]) =>
            answer(excerpt, title, corroborating),
          );
          const payload = renderAnswer(result(answers), {
            question,
            offset: 0,
            source: null,
            ephemeral: true,
          });
          const message = { ...payload, allowed_mentions: payload.allowedMentions } as unknown as MessageJson;
          expectWithinDiscordLimits(message);
          payload.embeds.forEach((embed, i) => {
            expectShownWords(shownExcerpt(embed as never), answers[i]?.excerpt ?? '');
          });
          expect(questionFromContent(payload.content)).toBe(question || null);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('GIVEN a title with markdown THEN shows it as written, within the title limit', () => {
    const title = `Crane *Report* ||spoiler|| [x](https://evil.example) ${'_long_ '.repeat(60)}`;
    const payload = renderAnswer(result([answer('The crane fell.', title, [])]), {
      question: 'q',
      offset: 0,
      source: null,
      ephemeral: true,
    });
    const shown = payload.embeds[0]?.title ?? '';
    expect(shown.length).toBeLessThanOrEqual(256);
    expect(shown).toMatch(
      /^1\. Crane \\\*Report\\\* \\\|\\\|spoiler\\\|\\\| \\\[x\\\]\(https:\/\/evil\.example\) \\_long\\_/,
    );
    expect(title.startsWith(unescapeText(shown).replace(/…$/, '').slice(3).trimEnd())).toBe(true);
  });

  it('GIVEN a 20 000-character excerpt THEN shortens it at a word boundary with "…"', () => {
    const excerpt = 'Anthropic said the **campaign** ran for weeks. '.repeat(430);
    const payload = renderAnswer(result([answer(excerpt, 'T', [])]), {
      question: 'q',
      offset: 0,
      source: null,
      ephemeral: false,
    });
    const description = payload.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    const shown = shownExcerpt(payload.embeds[0] as never);
    expect(shown.endsWith('…')).toBe(true);
    expectShownWords(shown, excerpt);
    expect(description).toContain('\\*\\*campaign\\*\\*');
  });

  it('GIVEN a public answer THEN has More but no Share; GIVEN the last page THEN no More', () => {
    const answers = [answer('x y', 'T', [])];
    const view = { question: 'q', offset: 3, source: 'src', ephemeral: false };
    expect(Object.keys(buttonsOf(renderAnswer(result(answers), view) as never))).toEqual(['More']);
    expect(buttonsOf(renderAnswer(result(answers), view) as never).More).toBe(
      'facts:more:4:0123456789ab:src',
    );
    expect(buttonsOf(renderAnswer(result(answers, { hasMore: false }), view) as never)).toEqual({});
  });

  it('GIVEN a page past the last answer THEN says there are no more passages', () => {
    const payload = renderAnswer(result([], { hasMore: false }), {
      question: 'q',
      offset: 9,
      source: null,
      ephemeral: true,
    });
    expect(payload.content).toBe('**Question:** q\nNo more passages answer this question.');
    expect(payload.components).toEqual([]);
  });
});

describe('quoteExcerpt', () => {
  it.each([
    ['**bold** and _it_', '> \\*\\*bold\\*\\* and \\_it\\_'],
    ['> quoted', '> \\> quoted'],
    ['1. first', '> 1\\. first'],
    ['a [link](http://x)', '> a \\[link\\](http://x)'],
    [
      'the [report](https://ok.example) and the [statement](https://evil.example)',
      '> the \\[report\\](https://ok.example) and the \\[statement\\](https://evil.example)',
    ],
  ])('GIVEN %j THEN quotes it escaped: %j', (excerpt, quoted) => {
    expect(quoteExcerpt(excerpt, 4096)).toBe(quoted);
  });
});

describe('escapeText / unescapeText', () => {
  it.each([
    ['<@123> and <@&456> see <#789>', '\\<@123> and \\<@&456> see \\<#789>'],
    ['due <t:1700000000:R>', 'due \\<t:1700000000:R>'],
    ['-# small print', '\\-# small print'],
    ['line\n> quoted', 'line\n\\> quoted'],
  ])('GIVEN %j THEN escapes the tag or line markup: %j', (raw, escaped) => {
    expect(escapeText(raw)).toBe(escaped);
  });

  it('GIVEN any text THEN unescaping the escaped text gives it back', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          text(30),
          fc.webUrl().map((url) => `see ${url} \\${url}`),
        ),
        (s) => {
          expect(unescapeText(escapeText(s))).toBe(s);
          expect(unescapeText(escapeUserText(s))).toBe(s);
        },
      ),
    );
  });

  it.each([
    ['see https://fake-news.example/retracts', 'see https\\://fake-news.example/retracts'],
    ['<https://evil.example>', '\\<https\\://evil.example>'],
    ['[label](http://evil.example/x_y)', '\\[label\\](http\\://evil.example/x_y)'],
  ])(
    'GIVEN a link a user typed (%j) THEN it is shown unlinked, so Discord adds no preview of it',
    (raw, escaped) => {
      expect(escapeUserText(raw)).toBe(escaped);
      expect(questionLine(raw)).toBe(`**Question:** ${escaped}`);
    },
  );

  it('GIVEN a question line THEN reads the question back', () => {
    fc.assert(
      fc.property(text(30), (question) => {
        const q = collapse(question);
        fc.pre(q.length > 0);
        expect(questionFromContent(`Shared by <@1>\n${questionLine(q)}\nmore`)).toBe(q);
      }),
    );
  });
});

describe('renderFindSources', () => {
  it('GIVEN a message cut at the limit THEN says only its start was checked, whatever the verdict', () => {
    const notice = messages.messageTooLong(MAX_MESSAGE_LENGTH);
    const base = { text: 't', truncated: true, moreBacked: 0, unsupported: [], corpusVersion: 'v' };
    for (const result of [
      { ...base, claims: 0, supporting: [], nearest: [] },
      { ...base, claims: 1, supporting: [{ ...answer('supported', 'T', []), claims: ['c'] }], nearest: [] },
      { ...base, claims: 1, supporting: [], nearest: [answer('near', 'T', [])] },
    ]) {
      expect(renderFindSources(result).content.split('\n')).toContain(notice);
      expect(renderFindSources({ ...result, truncated: false }).content).not.toContain(notice);
    }
  });

  it('GIVEN claims nothing supports THEN quotes them back, escaped, under their label', () => {
    const payload = renderFindSources({
      text: 't',
      claims: 2,
      truncated: false,
      moreBacked: 0,
      supporting: [{ ...answer('supported', 'T', []), claims: ['It is supported.'] }],
      unsupported: ['@everyone **the moon** is cheese.'],
      nearest: [],
      corpusVersion: 'v',
    });
    expect(payload.content).toBe('Not found in the sources:\n> @everyone \\*\\*the moon\\*\\* is cheese.');
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  it('GIVEN passages that back claims THEN shows each with the claims it backs, escaped', () => {
    const payload = renderFindSources({
      text: 't',
      claims: 3,
      truncated: false,
      moreBacked: 0,
      supporting: [
        { ...answer('one', 'T', []), claims: ['First **claim**.', 'Second claim.'] },
        { ...answer('two', 'T', []), claims: ['Third claim.'] },
      ],
      unsupported: [],
      nearest: [],
      corpusVersion: 'v',
    });
    expect(payload.embeds).toHaveLength(2);
    expect(payload.embeds[0]?.description).toContain(
      '**Supports: “First \\*\\*claim\\*\\*.” · “Second claim.”**',
    );
    expect(payload.embeds[1]?.description).toContain('**Supports: “Third claim.”**');
  });

  it('GIVEN ten passages with long titles, outlets and claims THEN stays within 6000 characters and every quote keeps words', () => {
    const outlets = Array.from({ length: 12 }, (_, i) => `Outlet number ${i} with a long name`);
    const supporting = Array.from({ length: 10 }, (_, i) => ({
      ...answer(
        `Passage ${i} ${'states a fact at some length '.repeat(20)}`,
        `Title ${'t'.repeat(300)}`,
        outlets,
      ),
      claims: [`Claim ${i} ${'c'.repeat(400)}`, `Another ${'d'.repeat(400)}`],
    }));
    const payload = renderFindSources({
      text: 't',
      claims: 20,
      truncated: false,
      supporting,
      moreBacked: 4,
      unsupported: [],
      nearest: [],
      corpusVersion: 'v',
    });
    expectWithinDiscordLimits({
      ...payload,
      allowed_mentions: payload.allowedMentions,
    } as unknown as MessageJson);
    expect(payload.embeds).toHaveLength(10);
    for (const embed of payload.embeds) {
      expect(embed.description).toMatch(/^> Passage \d+ states a fact/);
      expect(embed.description).toContain('**Supports: “Claim');
    }
    expect(payload.content).toBe(messages.moreBacked(4));
  });

  it('GIVEN no support THEN says so and shows the nearest passages', () => {
    const nearest = [answer('near one', 'T', [])];
    const payload = renderFindSources({
      text: 't',
      claims: 2,
      truncated: false,
      moreBacked: 0,
      supporting: [],
      unsupported: [],
      nearest,
      corpusVersion: 'v',
    });
    expect(payload.content).toBe(
      'No passage in the sources confirms this message.\nNearest passages (they do not confirm it; read them to judge):',
    );
    expect(payload.embeds).toHaveLength(1);
  });
});

describe('renderSources', () => {
  it('GIVEN 300 sources with long titles THEN fits in at most 10 embeds and 6000 characters', () => {
    const sources: SourceSummary[] = Array.from({ length: 300 }, (_, i) => ({
      id: `s${i}`,
      title: `[${i}] ${'Very long headline about the story '.repeat(8)}`,
      url: `https://example.com/${i}_(x)`,
      publisher: 'Publisher',
      published: null,
      path: `seeds/s${i}.txt`,
      passages: 3,
    }));
    const payload = renderSources(sources, 'v');
    expectWithinDiscordLimits({
      ...payload,
      allowed_mentions: payload.allowedMentions,
    } as unknown as MessageJson);
    expect(payload.embeds[0]?.description).toContain('(https://example.com/0_%28x%29)');
    expect(payload.embeds[0]?.description).toContain('\\[0\\]');
    // Every source is listed, or counted in the last line.
    const lines = payload.embeds.flatMap((e) => e.description?.split('\n') ?? []);
    const listed = lines.filter((l) => /^\d+\. /.test(l)).length;
    expect(listed).toBeGreaterThan(0);
    expect(lines.at(-1)).toBe(
      `…and ${300 - listed} more sources: type a few words of a title in /facts' source option to find it.`,
    );
  });

  it('GIVEN sources that all fit THEN lists them all, with no "more" line', () => {
    const sources: SourceSummary[] = Array.from({ length: 5 }, (_, i) => ({
      id: `s${i}`,
      title: `Title ${i}`,
      url: null,
      publisher: null,
      published: null,
      path: `seeds/s${i}.txt`,
      passages: 3,
    }));
    const description = renderSources(sources, 'v')
      .embeds.map((e) => e.description)
      .join('\n');
    expect(description.split('\n')).toEqual(sources.map((s, i) => `${i + 1}. ${s.title} — date unknown`));
  });

  it('GIVEN a title with a link of its own THEN escapes each bracket once', () => {
    const source: SourceSummary = {
      id: 's',
      title: 'See [the letter](https://example.com/x) \\[sic]',
      url: 'https://example.com/s',
      publisher: null,
      published: null,
      path: 'seeds/s.txt',
      passages: 1,
    };
    const description = renderSources([source], 'v').embeds[0]?.description ?? '';
    expect(description).toContain(
      '[See \\[the letter\\](https://example.com/x) \\\\\\[sic\\]](https://example.com/s)',
    );
  });
});

describe('toChoices', () => {
  it('GIVEN 40 long suggestions with duplicates THEN keeps 25 distinct, each at most 100 characters', () => {
    const long = Array.from({ length: 40 }, (_, i) => ({
      name: `${'word '.repeat(40)}${i % 30}`,
      value: `v${i % 30}`,
    }));
    const choices = toChoices(long);
    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((c) => c.value)).size).toBe(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});

describe('embed links', () => {
  it('GIVEN a text-fragment link over 2048 characters THEN links the article instead', () => {
    const long = answer('x', 'T', []);
    long.link = `https://example.com/a#:~:text=${'x'.repeat(2100)}`;
    long.source.url = 'https://example.com/a';
    const payload = renderAnswer(result([long]), { question: 'q', offset: 0, source: null, ephemeral: true });
    expect(payload.embeds[0]?.url).toBe('https://example.com/a');
  });
});
