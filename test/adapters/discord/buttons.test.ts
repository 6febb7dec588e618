import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter } from '../../../adapters/discord/index.js';
import { parseConfig } from '../../../src/config.js';
import { loadFacts } from '../../../src/facts.js';
import { messages } from '../../../src/present.js';
import { FactsService } from '../../../src/service.js';
import {
  buttonsOf,
  expectVerbatim,
  expectWithinDiscordLimits,
  type MessageJson,
  messageOf,
} from '../../helpers/discord-assert.js';
import { startTestBot, useTestBot } from '../../helpers/discord-bot.js';
import {
  buttonClick,
  chatInput,
  isCallback,
  isEditOriginal,
  isFollowUp,
  newUser,
  type RawInteraction,
  requestsFor,
  type SentMessage,
} from '../../helpers/discord-interactions.js';
import { APP_ID, TOKEN } from '../../helpers/fake-discord.js';

const EPHEMERAL = 64;
const CALLBACK = { reply: 4, deferReply: 5, deferUpdate: 6 } as const;

describe('answer buttons', () => {
  const bot = useTestBot({ RATE_LIMIT_PER_MINUTE: '1000' });

  /** Sends an interaction and returns its callback body and, when it defers, the edited message. */
  async function exchange(interaction: RawInteraction) {
    bot.send(interaction);
    const callback = (await bot.fake.waitFor(isCallback(interaction))).body as {
      type: number;
      data?: MessageJson;
    };
    if (callback.type === CALLBACK.reply) return { callback, message: callback.data ?? {} };
    const message = messageOf(await bot.fake.waitFor(isEditOriginal(interaction)));
    expectWithinDiscordLimits(message);
    return { callback, message };
  }

  async function askFacts(question: string, options: Record<string, string | boolean> = {}) {
    return (await exchange(chatInput('facts', { question, ...options }))).message;
  }

  const asSent = (message: MessageJson): SentMessage => message as SentMessage;

  it('GIVEN More clicked until it disappears THEN pages through every answer in order, in place', async () => {
    const question = 'Alibaba Claude';
    let page = await askFacts(question);
    const shown: string[] = [];
    let offset = 0;
    for (let pages = 1; ; pages++) {
      const expected = bot.index.ask(question, { k: 3, offset });
      expect(page.embeds?.length).toBe(expected.answers.length);
      expected.answers.forEach((answer, i) => {
        const embed = page.embeds?.[i];
        if (embed) expectVerbatim(embed, answer);
        // Numbered across pages, as the footer counts them.
        expect(embed?.title?.startsWith(`${offset + i + 1}. `)).toBe(true);
      });
      expect(page.embeds?.at(-1)?.footer?.text).toContain(
        `Passages ${offset + 1}–${offset + expected.answers.length}`,
      );
      shown.push(...expected.answers.map((a) => a.excerpt));
      offset += expected.answers.length;

      const more = buttonsOf(page).More;
      if (!expected.hasMore) {
        expect(more).toBeUndefined();
        expect(pages).toBeGreaterThan(1);
        break;
      }
      if (!more) throw new Error('More button missing while hasMore');
      expect(more.length).toBeLessThanOrEqual(100);
      const { callback, message } = await exchange(buttonClick(more, asSent(page), EPHEMERAL));
      expect(callback.type).toBe(CALLBACK.deferUpdate);
      page = message;
    }
    expect(new Set(shown).size).toBe(shown.length);
    const all: string[] = [];
    for (let page = bot.index.ask(question, { k: 3 }); ; ) {
      all.push(...page.answers.map((a) => a.excerpt));
      if (!page.hasMore) break;
      page = bot.index.ask(question, { k: 3, offset: all.length });
    }
    expect(shown).toEqual(all);
  });

  it('GIVEN Share clicked on an ephemeral answer THEN posts the same answer publicly, crediting the sharer', async () => {
    const question = 'When did the campaign run?';
    const answer = await askFacts(question);
    const share = buttonsOf(answer).Share;
    if (!share) throw new Error('Share button missing');
    const sharer = newUser('sharer');
    const click = buttonClick(share, asSent(answer), EPHEMERAL, sharer);
    bot.send(click);
    expect((await bot.fake.waitFor(isCallback(click))).body).toEqual({ type: CALLBACK.deferUpdate });
    // The asker's copy loses its Share button first, so that a second click cannot post it twice…
    const own = messageOf(await bot.fake.waitFor(isEditOriginal(click)));
    expect(Object.keys(buttonsOf(own))).toEqual(Object.keys(buttonsOf(answer)).filter((l) => l !== 'Share'));
    // …then the answer is posted in the channel.
    const message = messageOf(await bot.fake.waitFor(isFollowUp(click)));
    expectWithinDiscordLimits(message);
    expect(message.flags ?? 0).toBe(0);
    const lines = message.content?.split('\n') ?? [];
    expect(lines[0]).toBe(`Shared by <@${sharer.id}>`);
    expect(lines.slice(1)).toEqual(answer.content?.split('\n'));
    expect(message.embeds).toEqual(answer.embeds);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(Object.keys(buttonsOf(message))).toEqual(
      Object.keys(buttonsOf(answer)).filter((l) => l !== 'Share'),
    );
  });

  it('GIVEN Share fails THEN the error goes to the sharer alone, not to the channel', async () => {
    const answer = await askFacts('When did the campaign run?');
    const share = buttonsOf(answer).Share;
    if (!share) throw new Error('Share button missing');
    const spy = vi.spyOn(bot.service, 'ask').mockImplementation(() => {
      throw new Error('index exploded');
    });
    try {
      const click = buttonClick(share, asSent(answer), EPHEMERAL, newUser('sharer'));
      bot.send(click);
      expect((await bot.fake.waitFor(isCallback(click))).body).toMatchObject({ type: CALLBACK.deferUpdate });
      const followUp = await bot.fake.waitFor(isFollowUp(click));
      const requests = requestsFor(bot.fake.requests, click).map(
        (r) => `${r.method} ${r.path.split('/').at(-1)}`,
      );
      expect(requests).toEqual(['POST callback', `POST ${click.token}`]);
      expect(messageOf(followUp)).toMatchObject({ content: messages.error, flags: EPHEMERAL });
    } finally {
      spy.mockRestore();
    }
  });

  it('GIVEN More clicked on a public answer THEN the next page goes to the clicker only', async () => {
    const question = 'How many exchanges with Claude were there?';
    const answer = await askFacts(question, { public: true });
    const more = buttonsOf(answer).More;
    if (!more) throw new Error('More button missing');
    const { callback, message } = await exchange(buttonClick(more, asSent(answer), 0));
    expect(callback).toEqual({ type: CALLBACK.deferReply, data: { flags: EPHEMERAL } });
    const expected = bot.index.ask(question, { k: 3, offset: 3 });
    expect(message.embeds?.length).toBe(expected.answers.length);
    expected.answers.forEach((a, i) => {
      const embed = message.embeds?.[i];
      if (embed) expectVerbatim(embed, a);
    });
  });

  describe('expired answers', () => {
    it('GIVEN the corpus changed since the answer THEN More and Share say the answer has expired', async () => {
      const answer = await askFacts('How many fake accounts were used?');
      const dir = mkdtempSync(join(tmpdir(), 'facts-corpus-'));
      try {
        cpSync('seeds', dir, { recursive: true });
        const first = readdirSync(dir).find((f) => f.endsWith('.txt'));
        if (!first) throw new Error('no seed file');
        writeFileSync(
          join(dir, 'zz-extra.txt'),
          '# Another article\n\nA paragraph that changes the corpus.\n',
        );
        const changed = await loadFacts(dir);
        expect(changed.version).not.toBe(bot.service.corpusVersion);
        bot.swapIndex(changed);

        for (const label of ['More', 'Share']) {
          const id = buttonsOf(answer)[label];
          if (!id) throw new Error(`${label} button missing`);
          const { callback } = await exchange(buttonClick(id, asSent(answer), EPHEMERAL));
          expect(callback).toEqual({
            type: CALLBACK.reply,
            data: expect.objectContaining({
              content: messages.expired,
              flags: EPHEMERAL,
              allowed_mentions: { parse: [] },
            }),
          });
        }
      } finally {
        bot.swapIndex(bot.index);
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it.each([
      ['an unknown button', 'other:thing', '**Question:** How many?', messages.buttonUnusable],
      ['a malformed id', 'facts:more:x:abc:-', '**Question:** How many?', messages.buttonUnusable],
      ['a message without its question', 'facts:more:3:VERSION:-', 'something else', messages.buttonUnusable],
      [
        'a source no longer in the corpus',
        'facts:more:3:VERSION:gone',
        '**Question:** How many?',
        messages.expired,
      ],
    ])('GIVEN %s THEN says so: %s', async (_name, customId, content, notice) => {
      const id = customId.replace('VERSION', bot.service.corpusVersion);
      const { callback } = await exchange(buttonClick(id, { content }, EPHEMERAL));
      expect(callback).toMatchObject({ type: CALLBACK.reply, data: { content: notice, flags: EPHEMERAL } });
    });
  });
});

describe('answer buttons across a restart', () => {
  it('GIVEN a user at the rate limit THEN More and Share still work: they ask no new question', async () => {
    const limited = await startTestBot({ RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const user = newUser('asker');
      const ask = chatInput('facts', { question: 'How many fake accounts were used?' }, user);
      limited.send(ask);
      const answer = messageOf(await limited.fake.waitFor(isEditOriginal(ask)));
      const { More: more, Share: share } = buttonsOf(answer);
      if (!more || !share) throw new Error('More or Share button missing');
      for (const button of [more, share]) {
        const click = buttonClick(button, answer as SentMessage, EPHEMERAL, user);
        limited.send(click);
        expect((await limited.fake.waitFor(isCallback(click))).body).toEqual({ type: CALLBACK.deferUpdate });
        const shown = await limited.fake.waitFor(button === more ? isEditOriginal(click) : isFollowUp(click));
        expect(messageOf(shown).embeds?.length).toBeGreaterThan(0);
      }
      const again = chatInput('facts', { question: 'How many fake accounts were used?' }, user);
      limited.send(again);
      const refused = (await limited.fake.waitFor(isCallback(again))).body as { data?: { content?: string } };
      expect(refused.data?.content).toMatch(/^You are asking too quickly/);
    } finally {
      await limited.close();
    }
  });

  it('GIVEN a button from before the bot restarted THEN it still works (nothing was kept in memory)', async () => {
    const before = await startTestBot();
    const ask = chatInput('facts', { question: 'How many fake accounts were used?' });
    before.send(ask);
    const answer = messageOf(await before.fake.waitFor(isEditOriginal(ask)));
    const more = buttonsOf(answer).More;
    if (!more) throw new Error('More button missing');
    await before.adapter.stop();

    const config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: before.fake.apiUrl,
    });
    const index = await loadFacts('seeds');
    const after = createDiscordAdapter({ config, service: new FactsService({ index: () => index }) });
    await after.start();
    try {
      const click = buttonClick(more, answer as SentMessage, EPHEMERAL);
      before.send(click);
      expect((await before.fake.waitFor(isCallback(click))).body).toEqual({ type: CALLBACK.deferUpdate });
      const page = messageOf(await before.fake.waitFor(isEditOriginal(click)));
      expectWithinDiscordLimits(page);
      const expected = index.ask('How many fake accounts were used?', { k: 3, offset: 3 });
      expect(page.embeds?.length).toBe(expected.answers.length);
      expect(page.embeds?.at(-1)?.footer?.text).toMatch(/^Passages 4–/);
    } finally {
      await after.stop();
      await before.fake.close();
    }
  });
});
