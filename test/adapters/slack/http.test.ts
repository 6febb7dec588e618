/**
 * The Slack adapter end to end: the real Bolt app and its HTTP receiver on 127.0.0.1, signed requests as Slack
 * sends them, the real index over the bundled seeds, and a fake Slack Web API recording what Slack would have
 * received. `processBeforeResponse` makes each POST resolve after its listener, so nothing polls or sleeps.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { EXCERPT_MAX } from '../../../adapters/slack/blocks.js';
import type { Answer } from '../../../src/answer.js';
import { loadFacts } from '../../../src/facts.js';
import { messages, shorten } from '../../../src/present.js';
import type { FactsIndex } from '../../../src/search/facts-index.js';
import { FactsService } from '../../../src/service.js';
import { DISAGREEING_QUESTION, disagreeingIndex } from '../../helpers/disagreeing-corpus.js';
import type { RecordedCall } from '../../helpers/fake-slack.js';
import {
  button,
  buttons,
  mrkdwnTexts,
  quotes,
  slackLimitProblems,
  unescapeMrkdwn,
} from '../../helpers/slack-blocks.js';
import { type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.js';
import { buttonClick, eventCallback, messageShortcut, slashCommand } from '../../helpers/slack-sign.js';

const ANSWERED = 'How many fake accounts were used?';
const OFF_TOPIC = 'What is the capital of France?';

let index: FactsIndex;
let harness: SlackHarness;
let service: FactsService;

beforeAll(async () => {
  index = await loadFacts('seeds');
});

beforeEach(async () => {
  service = new FactsService({ index: () => index, rateLimitPerMinute: 1000 });
  harness = await startSlackHarness(service);
});

afterEach(async () => {
  await harness.close();
});

/** The only call of `method` since the test began, or a failure listing what was called. */
function only(method: string): RecordedCall {
  const calls = harness.fake.posts;
  expect(calls.map((c) => c.method)).toEqual([method]);
  return calls[0] as RecordedCall;
}

/** Each quote shown is the excerpt of the matching answer, shortened for display, and that excerpt is verbatim. */
function expectVerbatim(shown: string[], answers: Answer[]): void {
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toHaveLength(answers.length);
  shown.forEach((quote, i) => {
    const answer = answers[i] as Answer;
    const fileText = readFileSync(answer.source.path, 'utf8');
    expect(answer.excerpt).toBe(fileText.slice(answer.location.start, answer.location.end));
    expect(quote).toBe(shorten(answer.excerpt, EXCERPT_MAX));
    const flat = answer.excerpt.replace(/\s+/g, ' ').trim();
    expect(flat.startsWith(quote.replace(/…$/, ''))).toBe(true);
  });
}

describe('/facts <question>', () => {
  it('acks at once with an empty 200, then answers ephemerally with verbatim, cited excerpts', async () => {
    const response = await harness.post(
      slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl() }),
    );
    expect(response).toEqual({ status: 200, text: '' });

    const call = only('response_url');
    expect(call.body.response_type).toBe('ephemeral');
    expect(slackLimitProblems(call.body)).toEqual([]);
    expectVerbatim(quotes(call.body), service.ask('slack', ANSWERED).answers);

    const text = mrkdwnTexts(call.body).join('\n');
    expect(text).toContain(`:mag: ${ANSWERED}`);
    // A context line per answer: linked title (when the source has a URL), details with the paragraph.
    expect(text).toMatch(/\*1\.\* .+ · .*¶ \d+/);
    expect(buttons(call.body).map((b) => b.label)).toEqual(['More', 'Share in channel']);
  });

  it('labels disagreeing figures with the values quoted from the excerpts', async () => {
    const { index: disagreeing, cleanup } = await disagreeingIndex();
    await harness.close();
    service = new FactsService({ index: () => disagreeing, rateLimitPerMinute: 1000 });
    harness = await startSlackHarness(service);
    onTestFinished(cleanup);
    const result = service.ask('slack', DISAGREEING_QUESTION);
    expect(result.disagreement).not.toBeNull();
    await harness.post(slashCommand({ text: DISAGREEING_QUESTION, responseUrl: harness.fake.responseUrl() }));
    const text = unescapeMrkdwn(mrkdwnTexts(only('response_url').body).join('\n'));
    expect(text).toContain('Sources differ on this figure');
    for (const value of result.disagreement?.values ?? []) expect(text).toContain(`“${value.text}”`);
  });

  it.each([[''], ['help'], ['  HELP ']])('explains usage for %j', async (text) => {
    await harness.post(slashCommand({ text, responseUrl: harness.fake.responseUrl() }));
    const call = only('response_url');
    expect(call.body.response_type).toBe('ephemeral');
    expect(mrkdwnTexts(call.body).join('\n')).toContain('`/facts sources`');
    expect(quotes(call.body)).toEqual([]);
  });

  it('lists the corpus for `/facts sources`', async () => {
    await harness.post(slashCommand({ text: 'sources', responseUrl: harness.fake.responseUrl() }));
    const call = only('response_url');
    expect(slackLimitProblems(call.body)).toEqual([]);
    const text = unescapeMrkdwn(mrkdwnTexts(call.body).join('\n'));
    for (const source of service.sources()) expect(text).toContain(source.title);
  });

  it('refuses an off-topic question with suggestions and no excerpt', async () => {
    await harness.post(slashCommand({ text: OFF_TOPIC, responseUrl: harness.fake.responseUrl() }));
    const call = only('response_url');
    expect(quotes(call.body)).toEqual([]);
    const text = unescapeMrkdwn(mrkdwnTexts(call.body).join('\n'));
    expect(text).toContain(messages.refusal);
    const { suggestions } = service.ask('slack', OFF_TOPIC);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(text).toContain(messages.suggestionsIntro);
    for (const suggestion of suggestions) expect(text).toContain(suggestion);
    expect(slackLimitProblems(call.body)).toEqual([]);
  });

  it('echoes the question as Slack shows it, as plain text: <!channel>, <!here> and <@U…> notify nobody', async () => {
    const question =
      '<!channel> <!here> <@U999> <@U998|alice> in <#C42|general>: how many fake accounts & exchanges <https://example.com/x|per this report>?';
    await harness.post(slashCommand({ text: question, responseUrl: harness.fake.responseUrl() }));
    const call = only('response_url');
    // Button values carry the question back to us; Slack never renders or parses them.
    const shown = JSON.stringify(call.body, (key, value) => (key === 'value' ? undefined : value));
    expect(shown).not.toMatch(/<!channel>|<!here>|<@U99[89]|<#C42|<https:\/\/example/);
    expect(mrkdwnTexts(call.body).join('\n')).toContain(
      '@channel @here @someone @alice in #general: how many fake accounts &amp; exchanges per this report?',
    );
  });

  it('tells a user over the rate limit to wait, privately, without answering', async () => {
    await harness.close();
    service = new FactsService({ index: () => index, rateLimitPerMinute: 1 });
    harness = await startSlackHarness(service);
    await harness.post(slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl('first') }));
    await harness.post(slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl('second') }));
    const [first, second] = harness.fake.callsTo('response_url');
    expect(quotes(first?.body ?? {}).length).toBeGreaterThan(0);
    expect(second?.path).toBe('/response/second');
    expect(second?.body.response_type).toBe('ephemeral');
    expect(quotes(second?.body ?? {})).toEqual([]);
    expect(String(second?.body.text)).toMatch(/^You are asking too quickly\. Please wait \d+ seconds?/);
  });
});

describe('buttons', () => {
  async function firstAnswer(): Promise<RecordedCall> {
    await harness.post(slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl('ask') }));
    const call = only('response_url');
    harness.fake.clear();
    return call;
  }

  it('More posts the next excerpts as a new ephemeral message', async () => {
    const answer = await firstAnswer();
    const more = button(answer.body, 'facts_more');
    await harness.post(buttonClick({ button: more, responseUrl: harness.fake.responseUrl('more') }));
    const call = only('response_url');
    expect(call.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(slackLimitProblems(call.body)).toEqual([]);
    const first = service.ask('slack', ANSWERED);
    const next = service.ask('slack', ANSWERED, { offset: first.answers.length });
    expectVerbatim(quotes(call.body), next.answers);
    expect(quotes(call.body)).not.toEqual(quotes(answer.body));
    // Numbered on from the first page.
    const numbers = mrkdwnTexts(call.body).flatMap((t) => t.match(/^\*\d+\.\*/) ?? []);
    expect(numbers).toEqual(next.answers.map((_, i) => `*${first.answers.length + i + 1}.*`));
  });

  it('Share in channel removes the ephemeral copy, with its button, then posts the answer publicly, crediting who shared', async () => {
    const answer = await firstAnswer();
    const share = button(answer.body, 'facts_share');
    await harness.post(
      buttonClick({ button: share, user: 'U1', responseUrl: harness.fake.responseUrl('share') }),
    );
    const [removed, shared] = harness.fake.callsTo('response_url');
    expect(shared?.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(quotes(shared?.body ?? {})).toEqual(quotes(answer.body));
    expect(mrkdwnTexts(shared?.body ?? {}).join('\n')).toContain('Shared by <@U1>');
    expect(buttons(shared?.body ?? {})).toEqual([]);
    expect(slackLimitProblems(shared?.body ?? {})).toEqual([]);
    expect(removed?.body).toEqual({ delete_original: true });
  });

  it('keeps More and Share in the thread of the answer they were clicked on', async () => {
    const answer = await firstAnswer();
    for (const [action, url] of [
      ['facts_more', 'more'],
      ['facts_share', 'share'],
    ] as const) {
      await harness.post(
        buttonClick({
          button: button(answer.body, action),
          threadTs: '7.0',
          responseUrl: harness.fake.responseUrl(url),
        }),
      );
    }
    const [more, removed, shared] = harness.fake.callsTo('response_url');
    expect(more?.body).toMatchObject({ response_type: 'ephemeral', thread_ts: '7.0' });
    expect(shared?.body).toMatchObject({ response_type: 'in_channel', thread_ts: '7.0' });
    expect(removed?.body).toEqual({ delete_original: true });
  });

  it('answers "expired" when the corpus changed since the button was rendered', async () => {
    const answer = await firstAnswer();
    const more = button(answer.body, 'facts_more');
    const stale = { ...more, value: more.value.replace(index.version, '000000000000') };
    await harness.post(buttonClick({ button: stale, responseUrl: harness.fake.responseUrl('more') }));
    expect(only('response_url').body.text).toBe(messages.expired);
  });

  it('asks a suggested question of a refusal', async () => {
    await harness.post(slashCommand({ text: OFF_TOPIC, responseUrl: harness.fake.responseUrl('ask') }));
    const refusal = only('response_url');
    harness.fake.clear();
    const suggestion = button(refusal.body, 'facts_suggest_0');
    const question = service.ask('slack', OFF_TOPIC).suggestions[0] ?? '';
    await harness.post(buttonClick({ button: suggestion, responseUrl: harness.fake.responseUrl('s') }));
    const call = only('response_url');
    expectVerbatim(quotes(call.body), service.ask('slack', question).answers);
  });

  it('asks a suggested question even when the sources changed since it was suggested', async () => {
    await harness.post(slashCommand({ text: OFF_TOPIC, responseUrl: harness.fake.responseUrl('ask') }));
    const refusal = only('response_url');
    harness.fake.clear();
    const suggestion = button(refusal.body, 'facts_suggest_0');
    const stale = { ...suggestion, value: suggestion.value.replace(index.version, '000000000000') };
    const question = service.ask('slack', OFF_TOPIC).suggestions[0] ?? '';
    await harness.post(buttonClick({ button: stale, responseUrl: harness.fake.responseUrl('s') }));
    expectVerbatim(quotes(only('response_url').body), service.ask('slack', question).answers);
  });

  it('does not count turning a page or sharing against the rate limit', async () => {
    await harness.close();
    service = new FactsService({ index: () => index, rateLimitPerMinute: 1 });
    harness = await startSlackHarness(service);
    const answer = await firstAnswer();
    await harness.post(
      buttonClick({
        button: button(answer.body, 'facts_more'),
        responseUrl: harness.fake.responseUrl('more'),
      }),
    );
    await harness.post(
      buttonClick({
        button: button(answer.body, 'facts_share'),
        responseUrl: harness.fake.responseUrl('share'),
      }),
    );
    const [more, , shared] = harness.fake.callsTo('response_url');
    expect(quotes(more?.body ?? {}).length).toBeGreaterThan(0);
    expect(quotes(shared?.body ?? {})).toEqual(quotes(answer.body));

    harness.fake.clear();
    await harness.post(slashCommand({ text: OFF_TOPIC, responseUrl: harness.fake.responseUrl('ask') }));
    expect(String(only('response_url').body.text)).toMatch(/^You are asking too quickly/);
  });
});

describe('@facts mentions', () => {
  it('answers in a thread under the message, with the bot mention stripped from the question', async () => {
    const response = await harness.post(
      eventCallback({
        type: 'app_mention',
        user: 'U1',
        text: `<@UBOT> ${ANSWERED}`,
        ts: '1760000001.000100',
        channel: 'C1',
      }),
    );
    expect(response.status).toBe(200);
    const call = only('chat.postMessage');
    expect(call.body).toMatchObject({ channel: 'C1', thread_ts: '1760000001.000100' });
    expect(call.authorization).toBe('Bearer xoxb-test-token');
    expect(slackLimitProblems(call.body)).toEqual([]);
    expectVerbatim(quotes(call.body), service.ask('slack', ANSWERED).answers);
    expect(JSON.stringify(call.body)).not.toContain('UBOT');
  });

  it('answers inside the thread it was asked in', async () => {
    await harness.post(
      eventCallback({
        type: 'app_mention',
        user: 'U1',
        text: `<@UBOT> ${ANSWERED}`,
        ts: '1760000002.000200',
        thread_ts: '1760000000.000001',
        channel: 'C1',
      }),
    );
    expect(only('chat.postMessage').body).toMatchObject({ channel: 'C1', thread_ts: '1760000000.000001' });
  });

  it('answers a retried event once: a delivery with X-Slack-Retry-Num is acked and dropped', async () => {
    const event = eventCallback({
      type: 'app_mention',
      user: 'U1',
      text: `<@UBOT> ${ANSWERED}`,
      ts: '1.1',
      channel: 'C1',
    });
    expect((await harness.post(event)).status).toBe(200);
    expect((await harness.post(event, { retryNum: 1 })).status).toBe(200);
    expect((await harness.post(event, { retryNum: 2 })).status).toBe(200);
    expect(harness.fake.posts.map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it('drops a timed-out retry even on a fresh replica that never saw the first delivery', async () => {
    const event = eventCallback({
      type: 'app_mention',
      user: 'U1',
      text: `<@UBOT> ${ANSWERED}`,
      ts: '1.2',
      channel: 'C1',
    });
    expect((await harness.post(event, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    expect(harness.fake.posts).toEqual([]);
  });

  it.each(['http_error', 'connection_failed', 'ssl_error', 'too_many_redirects'])(
    'answers a retry whose first delivery was never taken (reason %s), once',
    async (retryReason) => {
      const event = eventCallback({
        type: 'app_mention',
        user: 'U1',
        text: `<@UBOT> ${ANSWERED}`,
        ts: '1.3',
        channel: 'C1',
      });
      await harness.post(event, { retryNum: 1, retryReason });
      await harness.post(event, { retryNum: 2, retryReason: 'http_timeout' });
      expect(harness.fake.posts.map((c) => c.method)).toEqual(['chat.postMessage']);
    },
  );

  it('does not answer again when the message is edited', async () => {
    const mention = {
      type: 'app_mention',
      user: 'U1',
      text: `<@UBOT> ${ANSWERED}`,
      ts: '1.4',
      channel: 'C1',
    };
    await harness.post(eventCallback(mention));
    await harness.post(
      eventCallback({ ...mention, text: `<@UBOT> ${ANSWERED}!`, edited: { user: 'U1', ts: '1.5' } }),
    );
    expect(harness.fake.posts.map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it('limits a bot that mentions it by its bot id, without a notice', async () => {
    await harness.close();
    service = new FactsService({ index: () => index, rateLimitPerMinute: 1 });
    harness = await startSlackHarness(service);
    for (const ts of ['1.6', '1.7']) {
      await harness.post(
        eventCallback({ type: 'app_mention', bot_id: 'B1', text: `<@UBOT> ${ANSWERED}`, ts, channel: 'C1' }),
      );
    }
    // The first is answered; the second, over the limit, gets nothing: no notice a bot could loop on.
    expect(harness.fake.posts.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(quotes(harness.fake.posts[0]?.body ?? {}).length).toBeGreaterThan(0);
  });

  it('calls auth.test once, at start, however many requests follow', async () => {
    for (const ts of ['2.1', '2.2', '2.3']) {
      await harness.post(
        eventCallback({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${ANSWERED}`, ts, channel: 'C1' }),
      );
    }
    expect(harness.fake.callsTo('auth.test')).toHaveLength(1);
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(3);
  });
});

describe('direct messages', () => {
  it.each([
    ['as typed', {}, undefined],
    ['with a file attached', { subtype: 'file_share', files: [{ id: 'F1' }] }, undefined],
    [
      'a thread reply also sent to the conversation',
      { subtype: 'thread_broadcast', thread_ts: '2.9' },
      '2.9',
    ],
  ])('answers a message in the DM %s', async (_, fields, thread) => {
    await harness.post(
      eventCallback({
        type: 'message',
        channel_type: 'im',
        channel: 'D1',
        user: 'U1',
        text: ANSWERED,
        ts: '3.3',
        ...fields,
      }),
    );
    const call = only('chat.postMessage');
    expect(call.body.channel).toBe('D1');
    expect(call.body.thread_ts).toBe(thread);
    expectVerbatim(quotes(call.body), service.ask('slack', ANSWERED).answers);
  });

  it.each([
    ['the bot’s own message', { bot_id: 'BBOT', user: 'UBOT' }],
    ['a file shared by a bot', { subtype: 'file_share', bot_id: 'B2', user: 'U5' }],
    ['another bot', { bot_id: 'B2', user: 'U5' }],
    ['an edit', { subtype: 'message_changed' }],
    ['a deletion', { subtype: 'message_deleted' }],
  ])('ignores %s', async (_, fields) => {
    await harness.post(
      eventCallback({
        type: 'message',
        channel_type: 'im',
        channel: 'D1',
        user: 'U1',
        text: ANSWERED,
        ts: '3.2',
        ...fields,
      }),
    );
    expect(harness.fake.posts).toEqual([]);
  });
});

describe('message shortcut "Find sources"', () => {
  const CLAIM = 'Alibaba used 25,000 fraudulent accounts to generate 28.8 million exchanges with Claude.';

  it('replies in the message’s thread with the passages that support it, taken from the payload text', async () => {
    const response = await harness.post(
      messageShortcut({ text: CLAIM, ts: '1760000005.000500', responseUrl: harness.fake.responseUrl() }),
    );
    expect(response).toEqual({ status: 200, text: '' });
    const call = only('chat.postMessage');
    expect(call.body).toMatchObject({ channel: 'C1', thread_ts: '1760000005.000500' });
    expect(slackLimitProblems(call.body)).toEqual([]);
    expectVerbatim(quotes(call.body), service.findSources('slack', CLAIM).supporting);
    // Posted in someone else's thread: it says who asked for the check.
    expect(mrkdwnTexts(call.body)).toContain('Requested by <@U2>');
  });

  it('posts what backs the message in its thread, and tells the asker alone which sentences nothing states', async () => {
    const text = `${CLAIM} Elon Musk praised Anthropic.`;
    await harness.post(messageShortcut({ text, responseUrl: harness.fake.responseUrl() }));
    expect(harness.fake.posts.map((c) => c.method)).toEqual(['chat.postMessage', 'response_url']);
    const [thread, reply] = harness.fake.posts;
    const inThread = mrkdwnTexts(thread?.body ?? {}).join('\n');
    expect(inThread).not.toContain(messages.unsupportedIntro);
    expect(inThread).not.toContain('Elon Musk');
    expect(inThread).toContain(messages.notFoundCount(1));
    expectVerbatim(quotes(thread?.body ?? {}), service.findSources('slack', text).supporting);
    expect(reply?.body.response_type).toBe('ephemeral');
    const said = unescapeMrkdwn(mrkdwnTexts(reply?.body ?? {}).join('\n'));
    expect(said).toContain(messages.unsupportedIntro);
    expect(said).toContain('Elon Musk praised Anthropic.');
  });

  it('replies in the thread the message is in', async () => {
    await harness.post(
      messageShortcut({ text: CLAIM, ts: '5.2', threadTs: '5.0', responseUrl: harness.fake.responseUrl() }),
    );
    expect(only('chat.postMessage').body.thread_ts).toBe('5.0');
  });

  it('tells the asker alone that no passage confirms a message, with the nearest passages labelled so', async () => {
    // Near the story (fake accounts) but not supported by it: another company, another figure.
    const claim = 'Google used 50,000 fake accounts against Claude.';
    await harness.post(messageShortcut({ text: claim, responseUrl: harness.fake.responseUrl() }));
    // Not in the thread: under someone's message it would read as a public verdict.
    const call = only('response_url');
    expect(call.body.response_type).toBe('ephemeral');
    const text = unescapeMrkdwn(mrkdwnTexts(call.body).join('\n'));
    expect(text).toContain(messages.noSupport);
    const { nearest } = service.findSources('slack', claim);
    expect(nearest.length).toBeGreaterThan(0);
    expect(text).toContain(messages.nearestIntro);
    expectVerbatim(quotes(call.body), nearest);
  });

  it('answers the user privately when the bot may not post in that channel', async () => {
    harness.fake.answerNext('chat.postMessage', { ok: false, error: 'not_in_channel' });
    await harness.post(messageShortcut({ text: CLAIM, responseUrl: harness.fake.responseUrl() }));
    expect(harness.fake.posts.map((c) => c.method)).toEqual(['chat.postMessage', 'response_url']);
    const reply = harness.fake.callsTo('response_url')[0];
    expect(reply?.body.response_type).toBe('ephemeral');
    // At the channel's root: no thread exists to show it in.
    expect(reply?.body).not.toHaveProperty('thread_ts');
    expectVerbatim(quotes(reply?.body ?? {}), service.findSources('slack', CLAIM).supporting);
  });

  it.each([
    ['a bare link', '<https://example.com/story>'],
    ['a mention and an emoji', '<@U9> lol :+1:'],
    ['a bare name', 'Alibaba did it.'],
  ])(
    'tells the user privately, and posts nothing in the thread, when the message makes no claim: %s',
    async (_, text) => {
      await harness.post(messageShortcut({ text, responseUrl: harness.fake.responseUrl() }));
      expect(only('response_url').body).toMatchObject({ response_type: 'ephemeral', text: messages.noClaim });
    },
  );

  it.each([
    ['its bot id', { bot_id: 'BBOT' }],
    ['its user id', { user: 'UBOT' }],
  ])('tells the user privately, and checks nothing, on the bot’s own answer (by %s)', async (_, author) => {
    await harness.post(messageShortcut({ text: CLAIM, author, responseUrl: harness.fake.responseUrl() }));
    expect(only('response_url').body).toMatchObject({
      response_type: 'ephemeral',
      text: messages.ownMessage,
    });
  });

  it('tells the user privately when the message has no text', async () => {
    await harness.post(messageShortcut({ text: '', responseUrl: harness.fake.responseUrl() }));
    expect(only('response_url').body).toMatchObject({
      response_type: 'ephemeral',
      text: messages.emptyMessage,
    });
  });
});

describe('request verification', () => {
  it('rejects a bad signature with 401 and posts nothing', async () => {
    const response = await harness.post(
      slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl() }),
      {
        signature: `v0=${'0'.repeat(64)}`,
      },
    );
    expect(response.status).toBe(401);
    expect(harness.fake.posts).toEqual([]);
  });

  it('rejects a request signed with another secret with 401', async () => {
    const response = await harness.post(
      slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl() }),
      {
        secret: 'not-the-secret',
      },
    );
    expect(response.status).toBe(401);
    expect(harness.fake.posts).toEqual([]);
  });

  it('rejects a correctly signed but stale request (over 5 minutes old) with 401', async () => {
    const response = await harness.post(
      slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl() }),
      {
        timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
      },
    );
    expect(response.status).toBe(401);
    expect(harness.fake.posts).toEqual([]);
  });

  const mention = (ts: string) =>
    eventCallback({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${ANSWERED}`, ts, channel: 'C1' });

  it('answers 503 once stopped and posts nothing', async () => {
    await harness.adapter.stop();
    for (const request of [
      mention('8.1'),
      slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl() }),
    ]) {
      expect((await harness.post(request)).status).toBe(503);
    }
    expect(harness.fake.posts).toEqual([]);
  });

  it('while shutting down, answers an event 503 (Slack retries it elsewhere) and tells a slash command’s user the bot is restarting (Slack retries no command)', async () => {
    service.close();
    expect((await harness.post(mention('8.2'))).status).toBe(503);
    expect(harness.fake.posts).toEqual([]);

    const response = await harness.post(
      slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl() }),
    );
    expect(response.status).toBe(200);
    expect(only('response_url').body).toMatchObject({
      response_type: 'ephemeral',
      text: messages.restarting,
    });
  });

  it('refuses anything but POST on the events path', async () => {
    const response = await fetch(harness.eventsUrl);
    expect(response.status).toBe(405);
  });
});

describe('failures', () => {
  it('answers a throwing listener with a short error, privately, and keeps answering', async () => {
    await harness.close();
    let broken = true;
    const flaky: FactsIndex = {
      get version() {
        return index.version;
      },
      get passageCount() {
        return index.passageCount;
      },
      warnings: [],
      ask: (question, options) => {
        if (broken) throw new Error('index exploded');
        return index.ask(question, options);
      },
      findSources: (text) => index.findSources(text),
      suggest: (prefix, limit) => index.suggest(prefix, limit),
      sources: () => index.sources(),
    };
    const errors: unknown[] = [];
    service = new FactsService({
      index: () => flaky,
      telemetry: { question() {}, rateLimited() {}, error: (_platform, error) => errors.push(error) },
    });
    harness = await startSlackHarness(service);

    const response = await harness.post(
      slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl('a') }),
    );
    expect(response.status).toBe(200);
    expect(only('response_url').body).toMatchObject({ response_type: 'ephemeral', text: messages.error });
    await harness.post(
      eventCallback({
        type: 'app_mention',
        user: 'U1',
        text: `<@UBOT> ${ANSWERED}`,
        ts: '9.1',
        channel: 'C1',
      }),
    );
    // Slack shows an ephemeral in a thread only once the thread exists: under a mention at the channel's
    // root, the notice goes to the channel.
    const ephemeral = harness.fake.callsTo('chat.postEphemeral')[0];
    expect(ephemeral?.body).toMatchObject({ channel: 'C1', user: 'U1', text: messages.error });
    expect(ephemeral?.body).not.toHaveProperty('thread_ts');
    harness.fake.clear();
    await harness.post(
      eventCallback({
        type: 'app_mention',
        user: 'U1',
        text: `<@UBOT> ${ANSWERED}`,
        ts: '9.3',
        thread_ts: '9.2',
        channel: 'C1',
      }),
    );
    expect(only('chat.postEphemeral').body).toMatchObject({
      channel: 'C1',
      user: 'U1',
      thread_ts: '9.2',
      text: messages.error,
    });
    expect(errors).toHaveLength(3);

    broken = false;
    harness.fake.clear();
    await harness.post(slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl('b') }));
    expect(quotes(only('response_url').body).length).toBeGreaterThan(0);
    expect(harness.adapter.ready()).toBe(true);
  });
});

describe('acknowledgement before the work (processBeforeResponse off, as in production)', () => {
  it('acks the slash command first and answers when the in-flight request settles', async () => {
    await harness.close();
    harness = await startSlackHarness(service, { processBeforeResponse: false });
    const response = await harness.post(
      slashCommand({ text: ANSWERED, responseUrl: harness.fake.responseUrl() }),
    );
    expect(response).toEqual({ status: 200, text: '' });
    expect(await service.drain(5000)).toBe(true);
    expectVerbatim(quotes(only('response_url').body), service.ask('slack', ANSWERED).answers);
  });
});
