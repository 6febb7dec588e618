import { afterEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../../../src/present.js';
import { expectWithinDiscordLimits, messageOf } from '../../helpers/discord-assert.js';
import { useTestBot } from '../../helpers/discord-bot.js';
import {
  autocomplete,
  chatInput,
  isCallback,
  isEditOriginal,
  isFollowUp,
  newUser,
  requestsFor,
} from '../../helpers/discord-interactions.js';

const EPHEMERAL = 64;

describe('faults and abuse', () => {
  const bot = useTestBot({ RATE_LIMIT_PER_MINUTE: '2' });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('GIVEN a handler that throws after deferring THEN edits in "something went wrong" and keeps answering', async () => {
    const failure = new Error('index exploded');
    vi.spyOn(bot.service, 'ask').mockImplementation(() => {
      throw failure;
    });
    const errors: unknown[] = [];
    vi.spyOn(bot.service.logger, 'child').mockImplementation(
      () => ({ error: (obj: { err: unknown }) => errors.push(obj.err) }) as never,
    );
    const broken = chatInput('facts', { question: 'How many fake accounts were used?' });
    bot.send(broken);
    expect((await bot.fake.waitFor(isCallback(broken))).body).toEqual({
      type: 5,
      data: { flags: EPHEMERAL },
    });
    const edit = messageOf(await bot.fake.waitFor(isEditOriginal(broken)));
    expect(edit).toMatchObject({ content: messages.error, allowed_mentions: { parse: [] } });
    expectWithinDiscordLimits(edit);
    expect(errors).toContain(failure);

    vi.restoreAllMocks();
    const next = chatInput('facts', { question: 'How many fake accounts were used?' });
    bot.send(next);
    const answer = messageOf(await bot.fake.waitFor(isEditOriginal(next)));
    expect(answer.embeds?.length).toBeGreaterThan(0);
  });

  it('GIVEN a public answer that fails after its public defer THEN the error goes to the asker alone', async () => {
    vi.spyOn(bot.service, 'ask').mockImplementation(() => {
      throw new Error('index exploded');
    });
    const broken = chatInput('facts', { question: 'How many fake accounts were used?', public: true });
    bot.send(broken);
    expect((await bot.fake.waitFor(isCallback(broken))).body).toEqual({ type: 5, data: { flags: 0 } });
    const followUp = messageOf(await bot.fake.waitFor(isFollowUp(broken)));
    expect(followUp).toMatchObject({ content: messages.error, flags: EPHEMERAL });
    const requests = requestsFor(bot.fake.requests, broken).map(
      (r) => `${r.method} ${r.path.split('/').at(-1)}`,
    );
    // The public "thinking…" is removed, never edited into the error.
    expect(requests).toEqual(['POST callback', 'DELETE @original', `POST ${broken.token}`]);
  });

  it('GIVEN a handler that throws before replying THEN replies "something went wrong" ephemerally', async () => {
    vi.spyOn(bot.service, 'sources').mockImplementation(() => {
      throw new Error('no sources today');
    });
    const interaction = chatInput('sources');
    bot.send(interaction);
    expect((await bot.fake.waitFor(isCallback(interaction))).body).toMatchObject({
      type: 4,
      data: { content: messages.error, flags: EPHEMERAL, allowed_mentions: { parse: [] } },
    });
  });

  it('GIVEN autocomplete that throws THEN answers with no choices', async () => {
    vi.spyOn(bot.service, 'suggest').mockImplementation(() => {
      throw new Error('suggest exploded');
    });
    const interaction = autocomplete('facts', { question: 'how' }, 'question');
    bot.send(interaction);
    expect((await bot.fake.waitFor(isCallback(interaction))).body).toEqual({
      type: 8,
      data: { choices: [] },
    });
  });

  it('GIVEN a command the bot does not know THEN replies "something went wrong" ephemerally', async () => {
    const interaction = chatInput('no-such-command');
    bot.send(interaction);
    expect((await bot.fake.waitFor(isCallback(interaction))).body).toMatchObject({
      type: 4,
      data: { content: messages.error, flags: EPHEMERAL },
    });
  });

  it('GIVEN a user past the per-minute limit THEN tells them to wait, ephemerally, without answering', async () => {
    const user = newUser('eager');
    for (let i = 0; i < 2; i++) {
      const ok = chatInput('facts', { question: 'When did the campaign run?', public: true }, user);
      bot.send(ok);
      expect(((await bot.fake.waitFor(isCallback(ok))).body as { type: number }).type).toBe(5);
    }
    const limited = chatInput('facts', { question: 'When did the campaign run?', public: true }, user);
    bot.send(limited);
    const body = (await bot.fake.waitFor(isCallback(limited))).body as {
      type: number;
      data: { content: string; flags: number; allowed_mentions: unknown };
    };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    const seconds = Number(/wait (\d+) second/.exec(body.data.content)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(body.data.content).toBe(messages.rateLimited(seconds));

    // Another user is not affected.
    const other = chatInput('facts', { question: 'When did the campaign run?' });
    bot.send(other);
    expect(((await bot.fake.waitFor(isCallback(other))).body as { type: number }).type).toBe(5);
  });
});

describe('while shutting down', () => {
  const bot = useTestBot();

  it('GIVEN a command after the service closed THEN tells the user, ephemerally, to ask again shortly', async () => {
    bot.service.close();
    const interaction = chatInput('facts', { question: 'How many fake accounts were used?', public: true });
    bot.send(interaction);
    expect((await bot.fake.waitFor(isCallback(interaction))).body).toMatchObject({
      type: 4,
      data: { content: messages.restarting, flags: EPHEMERAL, allowed_mentions: { parse: [] } },
    });
  });
});
