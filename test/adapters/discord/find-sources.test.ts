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
import { BOT_USER } from '../../helpers/fake-discord.js';

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

  it('GIVEN a forwarded message THEN checks the text it forwards', async () => {
    const claim = 'Alibaba used 25,000 fraudulent accounts to generate exchanges with Claude.';
    const forward = {
      ...userMessage(''),
      message_reference: { type: 1, message_id: '1100000000000000500', channel_id: '1100000000000000501' },
      message_snapshots: [
        {
          message: {
            type: 0,
            content: claim,
            embeds: [],
            attachments: [],
            timestamp: '2026-06-27T09:00:00.000Z',
            edited_timestamp: null,
            flags: 0,
            mentions: [],
            mention_roles: [],
          },
        },
      ],
    };
    const interaction = messageCommand('Find sources', forward);
    bot.send(interaction);
    const edit = messageOf(await bot.fake.waitFor(isEditOriginal(interaction)));
    const expected = bot.index.findSources(claim).supporting;
    expect(expected.length).toBeGreaterThan(0);
    expected.slice(0, 3).forEach((answer, i) => {
      const embed = edit.embeds?.[i];
      if (embed) expectVerbatim(embed, answer);
    });
  });

  it('GIVEN a message that is only an embed (a news post, a link card) THEN checks its title, text and fields', async () => {
    const post = {
      ...userMessage(''),
      embeds: [
        {
          type: 'rich',
          title: 'Anthropic says Alibaba used 25,000 fake accounts',
          description: 'Elon Musk praised Anthropic.',
          fields: [{ name: 'Also', value: 'The moon is made of cheese.', inline: false }],
        },
      ],
    };
    const interaction = messageCommand('Find sources', post);
    bot.send(interaction);
    const edit = messageOf(await bot.fake.waitFor(isEditOriginal(interaction)));
    expect(edit.embeds?.length).toBeGreaterThan(0);
    const content = edit.content ?? '';
    expect(content).toContain(messages.unsupportedIntro);
    expect(content).toContain('Elon Musk praised Anthropic.');
    expect(content).toContain('The moon is made of cheese.');
  });

  it('GIVEN the bot’s own answer THEN says its excerpts are quoted from the sources, and checks nothing', async () => {
    const interaction = messageCommand(
      'Find sources',
      userMessage('**Question:** How many fake accounts?', BOT_USER),
    );
    bot.send(interaction);
    expect((await bot.fake.waitFor(isCallback(interaction))).body).toMatchObject({
      type: 4,
      data: { content: messages.ownMessage, flags: EPHEMERAL },
    });
  });

  it('GIVEN a message that pings @everyone THEN the answer pings nobody', async () => {
    const edit = await findSources(
      '@everyone Anthropic says 28.8 million exchanges came from Alibaba <@&1100000000000000009>',
    );
    expect(edit.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN a message with no text (only an image) THEN says there is nothing to check', async () => {
    const image = {
      ...userMessage(''),
      attachments: [
        {
          id: '1100000000000000600',
          filename: 'chart.png',
          size: 2048,
          url: 'https://cdn.discordapp.com/attachments/1/2/chart.png',
          proxy_url: 'https://media.discordapp.net/attachments/1/2/chart.png',
          content_type: 'image/png',
        },
      ],
    };
    const interaction = messageCommand('Find sources', image);
    bot.send(interaction);
    const callback = await bot.fake.waitFor(isCallback(interaction));
    expect(callback.body).toMatchObject({
      type: 4,
      data: { content: messages.emptyMessage, flags: EPHEMERAL, allowed_mentions: { parse: [] } },
    });
  });
});
