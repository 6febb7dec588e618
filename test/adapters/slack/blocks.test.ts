/**
 * Block Kit rendering, on results built to stress it: excerpts far over Slack's limits, markup and mentions
 * inside excerpts, titles and questions; the answer counts the index allows. Everything stays within Slack's
 * limits, excerpts are only shortened (at a word boundary, with "…"), and user text never becomes markup.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerMessage,
  EXCERPT_MAX,
  findSourcesMessage,
  helpMessage,
  noticeMessage,
  sourcesMessage,
} from '../../../adapters/slack/blocks.js';
import { BUTTON_VALUE_MAX, decodeButtonValue } from '../../../adapters/slack/button-value.js';
import { parseIntent } from '../../../adapters/slack/listeners/request.js';
import {
  escapeMrkdwn,
  mrkdwnLink,
  shownAsSlackShowsIt,
  stripBotMention,
} from '../../../adapters/slack/mrkdwn.js';
import type { Answer, AskResult, SourceSummary } from '../../../src/answer.js';
import { cleanUserText, MAX_MESSAGE_LENGTH, messages, shorten } from '../../../src/present.js';
import { buttons, mrkdwnTexts, quotes, slackLimitProblems } from '../../helpers/slack-blocks.js';

function answer(
  overrides: Partial<Answer> = {},
  excerpt = 'Roughly 25,000 fraudulent accounts were used.',
): Answer {
  return {
    excerpt,
    score: 1,
    location: { start: 0, end: excerpt.length, paragraph: 3, section: null },
    source: {
      id: 'a',
      title: 'A <b>title</b> & more | pipes',
      url: 'https://example.com/a',
      publisher: 'Example News',
      published: '2026-06-26',
      path: 'seeds/a.txt',
    },
    link: 'https://example.com/a#:~:text=Roughly%2025%2C000',
    corroboratedBy: [],
    figure: null,
    corpusVersion: 'abcdef123456',
    ...overrides,
  };
}

function result(answers: Answer[], overrides: Partial<AskResult> = {}): AskResult {
  return {
    query: 'q',
    answers,
    disagreement: null,
    hasMore: false,
    suggestions: [],
    corpusVersion: 'abcdef123456',
    ...overrides,
  };
}

/** Every `<` in our mrkdwn opens a link we made or the mention of who shared: nothing else is markup. */
function onlyOurMarkup(texts: string[]): boolean {
  return texts.every((text) =>
    [...text.matchAll(/</g)].every((m) => /^<(https?:\/\/|@U)/.test(text.slice(m.index))),
  );
}

const question = cleanUserText('How many fake accounts were used?');

describe('answerMessage', () => {
  it('stays within Slack’s limits with the most answers the index returns, each far too long', () => {
    const long = `<!channel> *bold* _it_ & ${'word '.repeat(2000)}end`;
    const many = Array.from({ length: 20 }, (_, i) =>
      answer(
        {
          corroboratedBy: Array.from({ length: 40 }, (_, j) => ({
            id: `c${j}`,
            title: `Title ${j} `.repeat(10),
            link: null,
          })),
          figure: { text: `${i},000`, value: `${i}000`, kind: 'number', start: 0, end: 1 },
          source: { ...answer().source, title: `T${'x'.repeat(5000)}` },
        },
        long,
      ),
    );
    const message = answerMessage(
      result(many, {
        hasMore: true,
        disagreement: {
          kind: 'number',
          values: many.map((_, i) => ({ value: `${i}`, text: `${i},000`, answers: [i] })),
        },
      }),
      { question: cleanUserText('x'.repeat(900)), shareable: true, offset: 40 },
    );
    expect(slackLimitProblems(message as never)).toEqual([]);
    for (const quote of quotes(message as never)) {
      expect(quote.length).toBeLessThanOrEqual(EXCERPT_MAX);
      expect(quote.endsWith('word…')).toBe(true);
      expect(long.replace(/\s+/g, ' ').startsWith(quote.slice(0, -1))).toBe(true);
    }
    expect(mrkdwnTexts(message as never).join('\n')).toContain(messages.questionTooLong(500));
  });

  it('shows excerpts as rich-text quotes, as written: nothing in them is parsed as mrkdwn', () => {
    const text = 'Officials said <!channel> & <@U123> were *not* notified.';
    const message = answerMessage(result([answer({}, text)]), { question });
    expect(quotes(message as never)).toEqual([text]);
    expect(onlyOurMarkup(mrkdwnTexts(message as never))).toBe(true);
    expect(message.text).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt;');
  });

  it('links the title to the passage and escapes it; lists details, figure and corroboration', () => {
    const a = answer({
      corroboratedBy: [{ id: 'b', title: 'Other <Outlet>', link: null }],
      figure: { text: 'roughly 25,000', value: '25000', kind: 'number', start: 0, end: 14 },
    });
    const r = result([a], {
      disagreement: { kind: 'number', values: [{ value: '25000', text: 'roughly 25,000', answers: [0] }] },
    });
    const context = mrkdwnTexts(answerMessage(r, { question }) as never).join('\n');
    expect(context).toContain(
      '*1.* <https://example.com/a#:~:text=Roughly%2025%2C000|A &lt;b&gt;title&lt;/b&gt; &amp; more | pipes> · Example News · 2026-06-26 · ¶ 3',
    );
    expect(context).toContain('Figure given here: “roughly 25,000”');
    expect(context).toContain('Also reported by: Other &lt;Outlet&gt;');
    expect(context).toContain('Sources differ on this figure: “roughly 25,000” (answer 1)');
  });

  it('offers More only when there are more answers, and Share only where asked', () => {
    const one = [answer()];
    expect(buttons(answerMessage(result(one), { question }) as never)).toEqual([]);
    const labels = buttons(
      answerMessage(result(one, { hasMore: true }), { question, shareable: true }) as never,
    ).map((b) => b.label);
    expect(labels).toEqual(['More', 'Share in channel']);
  });

  it('puts question, next offset, corpus version and source in the More button', () => {
    const message = answerMessage(result([answer(), answer()], { hasMore: true }), {
      question,
      offset: 4,
      source: 'a',
    });
    const more = buttons(message as never)[0];
    expect(decodeButtonValue(more?.value)).toEqual({ q: question.text, o: 6, v: 'abcdef123456', s: 'a' });
  });

  it('refuses with the suggestions as text and as buttons, and no excerpt', () => {
    const message = answerMessage(result([], { suggestions: ['How many <accounts>?', 'When?'] }), {
      question,
    });
    expect(quotes(message as never)).toEqual([]);
    const text = mrkdwnTexts(message as never).join('\n');
    expect(text).toContain(messages.refusal);
    expect(text).toContain('• How many &lt;accounts&gt;?');
    expect(buttons(message as never).map((b) => b.action_id)).toEqual(['facts_suggest_0', 'facts_suggest_1']);
  });

  it('credits who shared, and never renders a "mention" that is not a Slack user id', () => {
    const shared = answerMessage(result([answer()]), { question, interactive: false, sharedBy: 'U0123ABC' });
    expect(mrkdwnTexts(shared as never)).toContain('Shared by <@U0123ABC>');
    const forged = answerMessage(result([answer()]), { question, sharedBy: '!channel' });
    expect(JSON.stringify(forged)).not.toContain('Shared by');
  });

  it('renders any question and excerpt within limits, with no markup of the user’s (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 700 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 4000 }),
        (q, excerpt) => {
          const cleaned = cleanUserText(q);
          const message = answerMessage(result([answer({}, excerpt)], { hasMore: true }), {
            question: cleaned,
            shareable: true,
          });
          const shown = quotes(message as never);
          const flat = excerpt.replace(/\s+/g, ' ').trim();
          return (
            slackLimitProblems(message as never).length === 0 &&
            onlyOurMarkup(mrkdwnTexts(message as never)) &&
            (flat === '' ? shown.length === 0 : shown[0] === shorten(excerpt, EXCERPT_MAX)) &&
            buttons(message as never).every((b) => b.value.length <= BUTTON_VALUE_MAX)
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('findSourcesMessage', () => {
  it('says only the start of a message cut at the limit was checked, whatever the verdict', () => {
    const notice = messages.messageTooLong(MAX_MESSAGE_LENGTH);
    const base = { text: 't', truncated: true, moreBacked: 0, unsupported: [], corpusVersion: 'v' };
    for (const result of [
      { ...base, claims: 0, supporting: [], nearest: [] },
      { ...base, claims: 1, supporting: [{ ...answer(), claims: ['c'] }], nearest: [] },
      { ...base, claims: 1, supporting: [], nearest: [answer()] },
    ]) {
      expect(mrkdwnTexts(findSourcesMessage(result) as never)).toContain(notice);
      expect(mrkdwnTexts(findSourcesMessage({ ...result, truncated: false }) as never)).not.toContain(notice);
    }
  });

  it('quotes back, escaped, the claims nothing supports', () => {
    const message = findSourcesMessage({
      text: 't',
      claims: 2,
      truncated: false,
      moreBacked: 0,
      supporting: [{ ...answer(), claims: ['It is supported.'] }],
      unsupported: ['<!channel> the moon & the cheese'],
      nearest: [],
      corpusVersion: 'v',
    });
    const json = JSON.stringify(message);
    expect(json).toContain('Not found in the sources:');
    expect(json).toContain('@channel the moon &amp; the cheese');
    expect(json).not.toContain('<!channel>');
  });

  it('lists the supporting passages', () => {
    const message = findSourcesMessage({
      text: 't',
      claims: 2,
      truncated: false,
      moreBacked: 0,
      supporting: [{ ...answer(), claims: ['<@U1|ann> says it is *so*.', 'And so.'] }],
      unsupported: [],
      nearest: [],
      corpusVersion: 'v',
    });
    expect(quotes(message as never)).toEqual([answer().excerpt]);
    expect(JSON.stringify(message)).not.toContain(messages.noSupport);
    // Each passage says which sentences of the message it backs.
    expect(mrkdwnTexts(message as never).join('\n')).toContain(
      'Supports: “@ann says it is *so*.” · “And so.”',
    );
  });

  it('says no source supports the message and labels the nearest passages as not supporting it', () => {
    const message = findSourcesMessage({
      text: 't',
      claims: 2,
      truncated: false,
      moreBacked: 0,
      supporting: [],
      unsupported: [],
      nearest: [answer()],
      corpusVersion: 'v',
    });
    const text = mrkdwnTexts(message as never).join('\n');
    expect(text).toContain(messages.noSupport);
    expect(text).toContain(messages.nearestIntro);
    expect(quotes(message as never)).toEqual([answer().excerpt]);
  });
});

describe('sourcesMessage, helpMessage, noticeMessage', () => {
  it('packs any number of sources within the limits', () => {
    const sources: SourceSummary[] = Array.from({ length: 300 }, (_, i) => ({
      ...answer().source,
      id: `s${i}`,
      title: `Source <${i}> ${'t'.repeat(200)}`,
      passages: i,
    }));
    const message = sourcesMessage(sources);
    expect(slackLimitProblems(message as never)).toEqual([]);
    const text = mrkdwnTexts(message as never).join('\n');
    expect(text).toContain('Source &lt;0&gt;');
    expect(text).toContain(' · 1 passage · id s1');
    expect(text).toContain(' · 2 passages · id s2');
    const listed = (text.match(/^• /gm) ?? []).length;
    expect(listed).toBeLessThan(300);
    expect(text).toContain(`…and ${300 - listed} more sources.`);
  });

  it('keeps every citation its title, details and label when ten passages share a message', () => {
    const supporting = Array.from({ length: 10 }, (_, i) => ({
      ...answer(),
      excerpt: `Passage ${i} ${'states a fact at some length '.repeat(30)}`,
      // As long as the seeds' passage links (about 200 characters).
      link: `https://example.com/a#:~:text=${'x'.repeat(180)}`,
      source: { ...answer().source, title: `Title ${i} ${'t'.repeat(160)}` },
      claims: [
        `Claim ${i} is said here ${'at length '.repeat(15)}`,
        `Second claim ${i} ${'too '.repeat(40)}`,
      ],
    }));
    const message = findSourcesMessage({
      text: 't',
      claims: 10,
      truncated: false,
      moreBacked: 0,
      supporting,
      unsupported: [],
      nearest: [],
      corpusVersion: 'v',
    });
    expect(slackLimitProblems(message as never)).toEqual([]);
    const citations = mrkdwnTexts(message as never).filter((t) => /^\*\d+\.\*/.test(t));
    expect(citations).toHaveLength(10);
    citations.forEach((citation, i) => {
      // Linked to the passage, or to the article when the passage link is too long for the room.
      expect(citation).toMatch(new RegExp(`^\\*${i + 1}\\.\\* <https://example\\.com/a[^|]*\\|Title ${i}`));
      expect(citation).toContain('Example News');
      expect(citation).toContain(`Supports: “Claim ${i} is said`);
      // The second backed sentence shows, or is counted when the room holds one only.
      expect(citation).toMatch(new RegExp(`“Second claim ${i}|\\+1 more`));
    });
  });

  it('keeps a Find sources reply of ten long passages within the text Slack takes in one message', () => {
    const long = (i: number) => ({
      ...answer(),
      excerpt: `Passage ${i} ${'word '.repeat(700)}`,
      source: { ...answer().source, title: `Title ${'t'.repeat(400)}` },
      claims: [`Claim ${'c'.repeat(300)}`, `Another ${'d'.repeat(300)}`],
    });
    const message = findSourcesMessage({
      text: 't',
      claims: 12,
      truncated: true,
      moreBacked: 0,
      supporting: Array.from({ length: 10 }, (_, i) => long(i)),
      unsupported: Array.from({ length: 5 }, (_, i) => `Unsupported ${i} ${'u'.repeat(600)}`),
      nearest: [],
      corpusVersion: 'v',
    });
    expect(slackLimitProblems(message as never)).toEqual([]);
    expect(quotes(message as never)).toHaveLength(10);
  });

  it('explains every way to ask', () => {
    const text = mrkdwnTexts(helpMessage() as never).join('\n');
    for (const usage of ['/facts <question>', '/facts sources', '@facts', 'Find sources'])
      expect(text).toContain(usage);
  });

  it('escapes a notice', () => {
    expect(noticeMessage('a <b> & c').text).toBe('a &lt;b&gt; &amp; c');
  });

  it('marks every mrkdwn text verbatim, so Slack turns no echoed "@here" or "#general" into a link or ping', () => {
    const echoed = cleanUserText('@here #general how many fake accounts? https://example.com');
    const everyMessage = [
      answerMessage(result([answer()], { hasMore: true }), { question: echoed, shareable: true }),
      answerMessage(result([], { suggestions: ['How many fake accounts were used?'] }), { question: echoed }),
      findSourcesMessage({
        text: 't',
        claims: 1,
        truncated: false,
        moreBacked: 0,
        supporting: [{ ...answer(), claims: ['@here it is.'] }],
        unsupported: ['@here'],
        nearest: [],
        corpusVersion: 'v',
      }),
      findSourcesMessage({
        text: 't',
        claims: 1,
        truncated: false,
        moreBacked: 0,
        supporting: [],
        unsupported: [],
        nearest: [answer()],
        corpusVersion: 'v',
      }),
      sourcesMessage([{ ...answer().source, passages: 3 }]),
      helpMessage(),
      noticeMessage('@here'),
    ];
    const mrkdwnObjects: unknown[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if ((node as { type?: unknown }).type === 'mrkdwn') mrkdwnObjects.push(node);
        Object.values(node).forEach(walk);
      }
    };
    walk(everyMessage);
    expect(mrkdwnObjects.length).toBeGreaterThan(10);
    for (const object of mrkdwnObjects) expect(object).toMatchObject({ verbatim: true });
  });
});

describe('text helpers', () => {
  it.each([
    ['<@U1|ann> and <@W2>', '@ann and @someone'],
    ['<#C1|general> <#C2>', '#general #a channel'],
    ['<!here> <!channel> <!everyone>', '@here @channel @everyone'],
    ['<!subteam^S1|@devs> <!subteam^S2|ops>', '@devs @ops'],
    ['<!date^1781000000^{date}|June 9, 2026>', 'June 9, 2026'],
    ['<https://example.com/x|the report> <https://example.com/y>', 'the report https://example.com/y'],
    ['a < b > c', 'a < b > c'],
  ])('shows %j as Slack shows it: %j', (raw, shown) => {
    expect(shownAsSlackShowsIt(raw)).toBe(shown);
  });

  it.each([
    ['<@UBOT> how many?', 'how many?'],
    ['how many <@UBOT|facts> accounts?', 'how many accounts?'],
    ['<@UOTHER> how many?', '<@UOTHER> how many?'],
  ])('strips only the bot’s mention from %j', (raw, expected) => {
    expect(cleanUserText(stripBotMention(raw, 'UBOT')).text).toBe(expected);
  });

  it.each([
    ['', 'help'],
    ['help', 'help'],
    ['<@UBOT>', 'help'],
    ['Sources', 'sources'],
    ['how many &lt;accounts&gt; &amp; exchanges', 'ask'],
  ])('reads %j as %s', (raw, kind) => {
    const intent = parseIntent(raw, 'UBOT');
    expect(intent.kind).toBe(kind);
    if (intent.kind === 'ask') expect(intent.question.text).toBe('how many <accounts> & exchanges');
  });

  it('makes links only of http(s) URLs and keeps them from ending early', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink(null, 'a & b')).toBe('a &amp; b');
    expect(mrkdwnLink('https://e.com/a|b>c', 'T')).toBe('<https://e.com/a%7Cb%3Ec|T>');
  });

  it('escapes exactly &, < and >', () => {
    expect(escapeMrkdwn('<!here> & "q" *b*')).toBe('&lt;!here&gt; &amp; "q" *b*');
  });

  it('reads back only button values it wrote', () => {
    expect(decodeButtonValue('{"q":"x","o":0,"v":"v"}')).toEqual({ q: 'x', o: 0, v: 'v' });
    for (const bad of [undefined, '', 'not json', '{"q":"","o":0,"v":"v"}', '{"q":"x","o":-1,"v":"v"}']) {
      expect(decodeButtonValue(bad)).toBeNull();
    }
  });
});
