import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/present.js';
import { expectVerbatim, expectWithinDiscordLimits, messageOf } from '../../helpers/discord-assert.js';
import { useTestBot } from '../../helpers/discord-bot.js';
import {
  isCallback,
  isEditOriginal,
  messageCommand,
  userMessage,
} from '../../helpers/discord-interactions.js';

const EPHEMERAL = 64;

describe('Find sources (message command)', () => {
  const bot = useTestBot();

  async function findSources(content: string) {
    const interaction = messageCommand('Find sources', userMessage(content));
    bot.send(interaction);
    const callback = (await bot.fake.waitFor(isCallback(interaction))).body as {
      type: number;
      data?: object;
    };
    expect(callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = messageOf(await bot.fake.waitFor(isEditOriginal(interaction)));
    expectWithinDiscordLimits(edit);
    return edit;
  }

  it('GIVEN a message whose claims the sources support THEN shows the supporting passages verbatim', async () => {
    const text = 'Alibaba used 25,000 fraudulent accounts to generate exchanges with Claude.';
    const expected = bot.index.findSources(text);
    expect(expected.supporting.length).toBeGreaterThan(0);
    const edit = await findSources(text);
    expect(edit.embeds?.length).toBe(Math.min(3, expected.supporting.length));
    expected.supporting.slice(0, 3).forEach((answer, i) => {
      const embed = edit.embeds?.[i];
      if (embed) expectVerbatim(embed, answer);
    });
    expect(edit.content ?? '').not.toContain(messages.noSupport);
  });

  it('GIVEN a message nothing supports THEN says so and labels the nearest passages as not supporting it', async () => {
    const text = 'The moon landing was filmed in a studio in Nevada in 1969.';
    const expected = bot.index.findSources(text);
    expect(expected.supporting).toEqual([]);
    const edit = await findSources(text);
    const lines = edit.content?.split('\n') ?? [];
    expect(lines[0]).toBe(messages.noSupport);
    if (expected.nearest.length > 0) {
      expect(lines[1]).toBe(messages.nearestIntro);
      expected.nearest.slice(0, 3).forEach((answer, i) => {
        const embed = edit.embeds?.[i];
        if (embed) expectVerbatim(embed, answer);
      });
    } else {
      expect(edit.embeds).toEqual([]);
    }
  });

  it.each([
    'https://startupfortune.com/alibabas-theft-of-288-million-claude-exchanges/',
    '<@123456789012345678> lol 👍',
    'Alibaba did it.',
  ])(
    'GIVEN a message that makes no claim (%s) THEN says so, with no verdict and no passage',
    async (text) => {
      const edit = await findSources(text);
      expect(edit.content).toBe(messages.noClaim);
      expect(edit.embeds).toEqual([]);
    },
  );

  it('GIVEN a message that pings @everyone THEN the answer pings nobody', async () => {
    const edit = await findSources(
      '@everyone Anthropic says 28.8 million exchanges came from Alibaba <@&1100000000000000009>',
    );
    expect(edit.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN a message with no text (only an image) THEN says there is nothing to check', async () => {
    const interaction = messageCommand('Find sources', userMessage(''));
    bot.send(interaction);
    const callback = await bot.fake.waitFor(isCallback(interaction));
    expect(callback.body).toMatchObject({
      type: 4,
      data: { content: messages.emptyMessage, flags: EPHEMERAL, allowed_mentions: { parse: [] } },
    });
  });
});
