import { describe, expect, it } from 'vitest';
import { expectWithinDiscordLimits, type MessageJson } from '../../helpers/discord-assert.js';
import { useTestBot } from '../../helpers/discord-bot.js';
import { chatInput, isCallback } from '../../helpers/discord-interactions.js';

describe('/sources', () => {
  const bot = useTestBot();

  it('GIVEN /sources THEN lists every article with its title, publisher, date and link, ephemerally', async () => {
    const interaction = chatInput('sources');
    bot.send(interaction);
    const body = (await bot.fake.waitFor(isCallback(interaction))).body as {
      type: number;
      data: MessageJson;
    };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expectWithinDiscordLimits(body.data);
    const text = (body.data.embeds ?? []).map((e) => e.description ?? '').join('\n');
    const sources = bot.index.sources();
    sources.forEach((source, i) => {
      const line = text.split('\n')[i] ?? '';
      expect(line.replace(/\\(.)/g, '$1')).toContain(source.title);
      if (source.url) expect(line).toContain(`](${source.url})`);
      if (source.publisher) expect(line).toContain(source.publisher);
      expect(line).toContain(source.published ?? 'date unknown');
    });
    expect(body.data.embeds?.at(-1)?.footer?.text).toContain(bot.service.corpusVersion);
  });
});
