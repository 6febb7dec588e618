import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { MAX_QUESTION_LENGTH, messages } from '../../../src/present.js';
import { DISAGREEING_QUESTION, disagreeingIndex } from '../../helpers/disagreeing-corpus.js';
import {
  buttonsOf,
  expectVerbatim,
  expectWithinDiscordLimits,
  messageOf,
} from '../../helpers/discord-assert.js';
import { useTestBot } from '../../helpers/discord-bot.js';
import { autocomplete, chatInput, isCallback, isEditOriginal } from '../../helpers/discord-interactions.js';

const EPHEMERAL = 64;
const CALLBACK = { reply: 4, deferReply: 5, autocomplete: 8 } as const;

describe('/facts', () => {
  const bot = useTestBot();

  /** Sends `/facts` and returns the deferral and the edited answer. */
  async function ask(options: Record<string, string | boolean>) {
    const interaction = chatInput('facts', options);
    bot.send(interaction);
    const callback = await bot.fake.waitFor(isCallback(interaction));
    const edit = messageOf(await bot.fake.waitFor(isEditOriginal(interaction)));
    expectWithinDiscordLimits(edit);
    return { callback: callback.body as { type: number; data?: { flags?: number } }, edit };
  }

  it('GIVEN a question the sources answer THEN defers ephemerally and edits in one verbatim embed per excerpt', async () => {
    const question = 'How many fake accounts were used?';
    const { callback, edit } = await ask({ question });

    expect(callback).toEqual({ type: CALLBACK.deferReply, data: { flags: EPHEMERAL } });
    const expected = bot.index.ask(question, { k: 3 });
    expect(expected.answers.length).toBeGreaterThan(0);
    expect(edit.embeds).toHaveLength(expected.answers.length);
    expected.answers.forEach((answer, i) => {
      const embed = edit.embeds?.[i];
      if (!embed) throw new Error(`embed ${i} missing`);
      expectVerbatim(embed, answer);
      expect(embed.title).toBe(`${i + 1}. ${answer.source.title}`);
      expect(embed.url).toBe(answer.link ?? undefined);
    });
    expect(edit.content?.split('\n')[0]).toBe(`**Question:** ${question}`);
    expect(edit.embeds?.at(-1)?.footer?.text).toContain(`corpus ${bot.service.corpusVersion}`);
    expect(Object.keys(buttonsOf(edit))).toEqual(expected.hasMore ? ['More', 'Share'] : ['Share']);
  });

  it('GIVEN sources that disagree on the figure asked THEN shows each figure, labelled, side by side', async () => {
    // The bundled articles do not disagree; this answer comes from two articles that do.
    const { index: disagreeing, cleanup } = await disagreeingIndex();
    onTestFinished(cleanup);
    const question = DISAGREEING_QUESTION;
    const spy = vi
      .spyOn(bot.service, 'ask')
      .mockImplementation((_platform, q, options) => disagreeing.ask(q, options));
    onTestFinished(() => spy.mockRestore());
    const expected = disagreeing.ask(question, { k: 3 });
    expect(expected.disagreement).not.toBeNull();
    const { edit } = await ask({ question });

    const line = edit.content?.split('\n')[1] ?? '';
    expect(line).toMatch(/^Sources differ on this figure: /);
    for (const value of expected.disagreement?.values ?? []) expect(line).toContain(`“${value.text}”`);
    expected.answers.forEach((answer, i) => {
      if (answer.figure)
        expect(edit.embeds?.[i]?.description).toContain(`Figure given here: “${answer.figure.text}”`);
    });
  });

  it('GIVEN corroborating sources THEN the embed says who else reported it', async () => {
    const question = 'How many fake accounts were used?';
    const expected = bot.index.ask(question, { k: 3 });
    const corroborated = expected.answers.findIndex((a) => a.corroboratedBy.length > 0);
    expect(corroborated).toBeGreaterThanOrEqual(0);
    const { edit } = await ask({ question });
    expect(edit.embeds?.[corroborated]?.description).toContain('Also reported by: ');
  });

  it('GIVEN public:true THEN the answer is visible to the channel and has no Share button', async () => {
    const { callback, edit } = await ask({ question: 'When did the campaign run?', public: true });
    expect(callback.type).toBe(CALLBACK.deferReply);
    expect(callback.data?.flags ?? 0).toBe(0);
    expect(edit.embeds?.length).toBeGreaterThan(0);
    expect(Object.keys(buttonsOf(edit))).not.toContain('Share');
  });

  it('GIVEN a question the sources do not answer THEN refuses with suggested questions and no excerpt', async () => {
    const question = 'What is the capital of France?';
    const expected = bot.index.ask(question);
    expect(expected.answers).toEqual([]);
    const { edit } = await ask({ question });

    expect(edit.embeds).toEqual([]);
    expect(edit.components).toEqual([]);
    const lines = edit.content?.split('\n') ?? [];
    expect(lines[1]).toBe(messages.refusal);
    if (expected.suggestions.length > 0) {
      expect(lines[2]).toBe(messages.suggestionsIntro);
      expect(lines.slice(3)).toEqual(expected.suggestions.map((s) => `- ${s}`));
    }
  });

  it('GIVEN a source option THEN answers only from that source', async () => {
    const source = bot.index.sources()[0]?.id ?? '';
    const question = 'How many exchanges with Claude were there?';
    const expected = bot.index.ask(question, { k: 3, source });
    const { edit } = await ask({ question, source });
    expect(edit.embeds?.length).toBe(expected.answers.length);
    expected.answers.forEach((answer, i) => {
      expect(answer.source.id).toBe(source);
      const embed = edit.embeds?.[i];
      if (embed) expectVerbatim(embed, answer);
    });
    for (const id of Object.values(buttonsOf(edit))) expect(id.endsWith(`:${source}`)).toBe(true);
  });

  it('GIVEN an unknown source THEN says so ephemerally without asking the index', async () => {
    const interaction = chatInput('facts', { question: 'How many accounts?', source: 'no-such-source' });
    bot.send(interaction);
    const callback = await bot.fake.waitFor(isCallback(interaction));
    expect(callback.body).toMatchObject({
      type: CALLBACK.reply,
      data: {
        flags: EPHEMERAL,
        content: messages.unknownSource('no-such-source'),
        allowed_mentions: { parse: [] },
      },
    });
  });

  it('GIVEN an unknown source with markdown and a mention THEN echoes it escaped and pings nobody', async () => {
    const interaction = chatInput('facts', { question: 'How many accounts?', source: '**x** @everyone' });
    bot.send(interaction);
    const callback = await bot.fake.waitFor(isCallback(interaction));
    expect(callback.body).toMatchObject({
      type: CALLBACK.reply,
      data: { content: messages.unknownSource('\\*\\*x\\*\\* @everyone'), allowed_mentions: { parse: [] } },
    });
  });

  it('GIVEN an empty question THEN asks for a question, ephemerally', async () => {
    const interaction = chatInput('facts', { question: ' \u200b\n ' });
    bot.send(interaction);
    const callback = await bot.fake.waitFor(isCallback(interaction));
    expect(callback.body).toMatchObject({
      type: CALLBACK.reply,
      data: { flags: EPHEMERAL, content: messages.emptyQuestion, allowed_mentions: { parse: [] } },
    });
  });

  describe('hostile input', () => {
    it('GIVEN @everyone and a role mention THEN echoes them but pings nobody', async () => {
      const question = '@everyone <@&1100000000000000009> @here how many fake accounts were used?';
      const { edit } = await ask({ question, public: true });
      expect(edit.allowed_mentions).toEqual({ parse: [] });
      expect(edit.content).toContain('@everyone');
    });

    it('GIVEN markdown in the question THEN echoes it escaped, so it shows as typed', async () => {
      const question = '**bold** _it_ [link](https://evil.example) ||spoiler|| `code` # heading';
      const { edit } = await ask({ question });
      const echoed = edit.content?.split('\n')[0] ?? '';
      expect(echoed).toBe(
        '**Question:** \\*\\*bold\\*\\* \\_it\\_ \\[link\\](https\\://evil.example) \\|\\|spoiler\\|\\| \\`code\\` # heading',
      );
    });

    it('GIVEN a 6 kB question THEN reads the first 500 characters, says so, and stays within every limit', async () => {
      const question = 'how many fake accounts were used '.repeat(200).slice(0, 6000);
      expect(question.length).toBe(6000);
      const { edit } = await ask({ question });
      const lines = edit.content?.split('\n') ?? [];
      expect(lines[0]?.length).toBeLessThanOrEqual('**Question:** '.length + MAX_QUESTION_LENGTH);
      expect(lines[1]).toBe(messages.questionTooLong(MAX_QUESTION_LENGTH));
      // Cut between words.
      expect(lines[0]).toMatch(/ (how|many|fake|accounts|were|used)$/);
    });
  });

  describe('autocomplete', () => {
    async function complete(options: Record<string, string>, focused: string) {
      const interaction = autocomplete('facts', options, focused);
      bot.send(interaction);
      const callback = await bot.fake.waitFor(isCallback(interaction));
      const body = callback.body as {
        type: number;
        data: { choices: Array<{ name: string; value: string }> };
      };
      expect(body.type).toBe(CALLBACK.autocomplete);
      expect(body.data.choices.length).toBeLessThanOrEqual(25);
      for (const choice of body.data.choices) {
        expect(choice.name.length).toBeGreaterThan(0);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
      return body.data.choices;
    }

    it.each(['', 'how', 'when did', 'fake acc', '@everyone **x**', 'x'.repeat(6000)])(
      'GIVEN "%s" typed THEN answers with at most 25 choices from the corpus',
      async (typed) => {
        const choices = await complete({ question: typed }, 'question');
        const expected = bot.index.suggest(typed.slice(0, 500), 25);
        expect(choices.map((c) => c.value)).toEqual(expected.slice(0, 25));
      },
    );

    it('GIVEN the source option focused THEN offers the sources by title', async () => {
      const choices = await complete({ question: 'how', source: '' }, 'source');
      expect(choices.map((c) => c.value)).toEqual(
        bot.index
          .sources()
          .map((s) => s.id)
          .slice(0, 25),
      );
    });
  });
});
