/** Assertions on what the bot sent Discord: limits, mentions, and excerpts verbatim from the corpus. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Answer } from '../../src/answer.js';
import type { RecordedRequest } from './fake-discord.js';

export interface EmbedJson {
  title?: string;
  description?: string;
  url?: string;
  footer?: { text: string };
  author?: { name: string };
  fields?: Array<{ name: string; value: string }>;
}

export interface MessageJson {
  content?: string;
  embeds?: EmbedJson[];
  components?: Array<{
    type: number;
    components: Array<{ custom_id?: string; label?: string; type: number }>;
  }>;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  flags?: number;
}

/** The message of a callback body (`{ type, data }`) or of a webhook edit/follow-up body. */
export function messageOf(request: RecordedRequest): MessageJson {
  const body = request.body as { type?: number; data?: MessageJson } & MessageJson;
  return request.path.endsWith('/callback') ? (body.data ?? {}) : body;
}

/** Everything Discord would check before accepting the message, and that nothing can ping anyone. */
export function expectWithinDiscordLimits(message: MessageJson): void {
  if (message.content !== undefined || message.embeds !== undefined) {
    expect(message.allowed_mentions?.parse).toEqual([]);
    expect(message.allowed_mentions?.users ?? []).toEqual([]);
    expect(message.allowed_mentions?.roles ?? []).toEqual([]);
  }
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(2000);
  const embeds = message.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0) +
      (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  for (const row of message.components ?? []) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const component of row.components) {
      expect(component.custom_id?.length ?? 0).toBeLessThanOrEqual(100);
    }
  }
}

/** The quoted excerpt of an embed, as the user reads it (markdown escapes removed). */
export function shownExcerpt(embed: EmbedJson): string {
  const quote = embed.description?.split('\n')[0] ?? '';
  expect(quote.startsWith('> ')).toBe(true);
  return quote.slice(2).replace(/\\(.)/g, '$1');
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The answer's excerpt is its source file's text at its offsets, and the embed shows exactly its words:
 * whitespace may be collapsed and the end cut at a word boundary with "…", nothing else.
 */
export function expectVerbatim(embed: EmbedJson, answer: Answer): void {
  const fileText = readFileSync(answer.source.path, 'utf8');
  expect(answer.excerpt).toBe(fileText.slice(answer.location.start, answer.location.end));
  const shown = shownExcerpt(embed);
  const full = collapse(answer.excerpt);
  if (shown.endsWith('…') && !full.endsWith('…')) {
    const kept = shown.slice(0, -1);
    expect(full.startsWith(kept)).toBe(true);
    // Cut between words, never inside one.
    expect(full.charAt(kept.length)).toMatch(/\s|^$/);
  } else {
    expect(shown).toBe(full);
  }
}

/** The custom_ids of the buttons of a message, by label. */
export function buttonsOf(message: MessageJson): Record<string, string> {
  const buttons: Record<string, string> = {};
  for (const row of message.components ?? []) {
    for (const component of row.components) {
      if (component.label && component.custom_id) buttons[component.label] = component.custom_id;
    }
  }
  return buttons;
}
