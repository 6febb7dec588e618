/**
 * Turns the core's results into Discord message payloads: embeds, buttons and content within every limit
 * Discord sets. Every sentence and citation piece comes from `src/present.ts`; this file only lays them out.
 */
import {
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type MessageMentionOptions,
} from 'discord.js';
import type { Answer, AskResult, FindSourcesResult, SourceSummary } from '../../src/answer.js';
import {
  citationParts,
  counted,
  dateLabel,
  disagreementLine,
  figureLabel,
  type Label,
  labelWithin,
  MAX_MESSAGE_LENGTH,
  messages,
  shorten,
  supportLabel,
} from '../../src/present.js';
import { encodeButton } from './custom-id.js';

/** Discord's limits on what a bot sends (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  customId: 100,
  url: 2048,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Excerpts shown per page of an answer. */
export const PAGE_SIZE = 3;

/** Never ping anyone: not from an echoed question, not from a quoted excerpt. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

/** Interface labels (not statements about the story). */
export const labels = {
  question: '**Question:**',
  more: 'More',
  share: 'Share',
  sharedBy: (userId: string) => `Shared by <@${userId}>`,
  footer: (corpusVersion: string, first: number, last: number) =>
    `Passages ${first}–${last} · corpus ${corpusVersion}`,
  sourcesFooter: (corpusVersion: string, count: number) =>
    `${counted(count, 'source')} · corpus ${corpusVersion}`,
  moreSources: (count: number) =>
    `…and ${counted(count, 'more source')}: type a few words of a title in /facts' source option to find it.`,
} as const;

const COLOR_ANSWER = 0x5865f2;
const COLOR_NEAREST = 0x99aab5;

/** What a message shows, in the shape every discord.js send/reply/edit call accepts. */
export interface Payload {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowedMentions: MessageMentionOptions;
}

/**
 * Escapes Discord markdown in text we did not write (questions, excerpts, titles), so it shows as typed:
 * the backslashes are markup, the words the user sees are unchanged.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true });
  // A leading ">" would turn into a quote of its own, a leading "-#" into small print; "<" would start a
  // mention, channel, command or timestamp tag ("<@123>", "<t:1700000000:R>") rendered as such. Every
  // bracket is escaped, not only the first masked link of a line as discord.js does ("[a](x) and [b](y)"
  // would leave a live "b" pointing anywhere), and none can end the text of a link we write around it.
  return escaped
    .replace(/^>/gm, '\\>')
    .replace(/^-#/gm, '\\-#')
    .replace(/[<[\]]/g, '\\$&');
}

/**
 * `escapeText` for what a user typed, echoed in a message: a link in it is shown but not linked, so that
 * Discord does not add its preview (a page's own title and description, under the bot's cited answer).
 * A `<…>` wrapper would do it too, but "<" is escaped here; an escaped ":" of "://" is no link at all.
 */
export function escapeUserText(text: string): string {
  return escapeText(text).replace(/:(?=\/\/)/g, '\\:');
}

/** Inverse of `escapeText` and `escapeUserText` (both escape backslashes too, so removing one backslash per pair is exact). */
export function unescapeText(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** The question line of an answer's content, from which buttons recover the question after a restart. */
export function questionLine(question: string): string {
  return `${labels.question} ${escapeUserText(question)}`;
}

/** The question an answer message was given for, read back from its content; null when absent. */
export function questionFromContent(content: string | null | undefined): string | null {
  const prefix = `${labels.question} `;
  const line = content?.split('\n').find((l) => l.startsWith(prefix));
  if (!line) return null;
  const question = unescapeText(line.slice(prefix.length)).trim();
  return question.length > 0 ? question : null;
}

/** `text` escaped, shortened at a word boundary (before escaping) so that it fits in `max`. */
function escapedWithin(text: string, max: number): string {
  let budget = max;
  while (budget > 1) {
    const escaped = escapeText(shorten(text, budget));
    const over = escaped.length - max;
    if (over <= 0) return escaped;
    budget -= over;
  }
  return '…';
}

/** `text` escaped and quoted, shortened at a word boundary (before escaping) so that it fits in `max`. */
export function quoteExcerpt(excerpt: string, max: number): string {
  return `> ${escapedWithin(excerpt, max - 2)}`;
}

/** Characters Discord counts towards an embed's share of the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** A shortened, escaped line for under the quote, or null. */
function infoLine(text: string | null, max: number): string | null {
  return text ? escapeText(shorten(text, max)) : null;
}

interface EmbedOptions {
  /** Number shown before the title, counted across pages (the disagreement line refers to it). */
  number: number;
  color: number;
  /** A line in bold under the citation: the figure an answer gives, or the claims a passage supports. */
  label: Label | null;
}

/** One embed per answer, all of them together within the 6000-character total. */
function answerEmbeds(
  answers: Answer[],
  options: (answer: Answer, i: number) => EmbedOptions,
  footer: string,
) {
  // Each embed's citation lines get a share of the message's room, so that ten of them, however long their
  // titles and labels, leave the quotes room within the 6000 characters.
  const room = Math.floor((LIMITS.embedTotal - footer.length) / Math.max(1, answers.length));
  const part = (max: number, share: number) => Math.min(max, Math.max(40, Math.floor(room * share)));
  const shells = answers.map((answer, i) => {
    const cite = citationParts(answer);
    const opts = options(answer, i);
    const info = [
      infoLine(cite.details, part(300, 1 / 8)),
      opts.label ? `**${infoLine(labelWithin(opts.label, part(600, 1 / 5)), part(600, 1 / 5))}**` : null,
      infoLine(cite.corroboration, part(600, 1 / 8)),
    ].filter((line): line is string => line !== null);
    const number = `${opts.number}. `;
    const embed: APIEmbed = {
      title: `${number}${escapedWithin(cite.title, part(LIMITS.title, 1 / 8) - number.length)}`,
      color: opts.color,
    };
    // Discord rejects embed URLs over 2048 characters; a long text fragment falls back to the article.
    const url = cite.link && cite.link.length <= LIMITS.url ? cite.link : answer.source.url;
    if (url && url.length <= LIMITS.url) embed.url = url;
    if (i === answers.length - 1) embed.footer = { text: shorten(footer, LIMITS.footer) };
    return { embed, info: `\n\n${info.join('\n')}`, excerpt: answer.excerpt };
  });
  const fixed = shells.reduce((sum, s) => sum + embedLength(s.embed) + s.info.length, 0);
  const share = Math.floor((LIMITS.embedTotal - fixed) / Math.max(1, shells.length));
  return shells.map(({ embed, info, excerpt }) => {
    const max = Math.min(LIMITS.description - info.length, share);
    return { ...embed, description: `${quoteExcerpt(excerpt, max)}${info}` };
  });
}

/** How a page of an answer is shown. */
export interface AnswerView {
  /** The cleaned question, echoed (escaped) in the content and read back by the buttons. */
  question: string;
  /** Offset of this page's first answer. */
  offset: number;
  /** Source filter as encoded in button ids (see `custom-id.ts`), or null. */
  source: string | null;
  /** Whether the message is only visible to the asker (then it gets a Share button). */
  ephemeral: boolean;
  /** Notices about the input, e.g. that the question was cut. */
  notices?: string[];
  /** Id of the user who shared the answer publicly. */
  sharedBy?: string;
}

/** The message for one page of an answer, or a refusal with suggested questions. */
export function renderAnswer(result: AskResult, view: AnswerView): Payload {
  const lines: string[] = [];
  if (view.sharedBy) lines.push(labels.sharedBy(view.sharedBy));
  lines.push(questionLine(view.question), ...(view.notices ?? []));
  if (result.answers.length === 0) {
    if (view.offset > 0) {
      lines.push(messages.noMore);
    } else {
      lines.push(messages.refusal);
      if (result.suggestions.length > 0) {
        lines.push(
          messages.suggestionsIntro,
          ...result.suggestions.map((s) => `- ${escapeText(shorten(s, 200))}`),
        );
      }
    }
    return { content: fitContent(lines), embeds: [], components: [], allowedMentions: NO_MENTIONS };
  }
  // Numbered across pages, as the footer's "Passages 4–6" and the buttons count them.
  const differ = disagreementLine(result.disagreement, view.offset);
  if (differ) lines.push(escapeText(shorten(differ, 600)));
  const first = view.offset + 1;
  const last = view.offset + result.answers.length;
  const embeds = answerEmbeds(
    result.answers.slice(0, LIMITS.embeds),
    (answer, i) => ({ number: first + i, color: COLOR_ANSWER, label: figureLabel(answer, result) }),
    labels.footer(result.corpusVersion, first, last),
  );
  const buttons: APIButtonComponentWithCustomId[] = [];
  if (result.hasMore) {
    buttons.push(button('more', labels.more, ButtonStyle.Secondary, last, result.corpusVersion, view.source));
  }
  if (view.ephemeral) {
    buttons.push(
      button('share', labels.share, ButtonStyle.Primary, view.offset, result.corpusVersion, view.source),
    );
  }
  const components: Payload['components'] =
    buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  return { content: fitContent(lines), embeds, components, allowedMentions: NO_MENTIONS };
}

function button(
  action: 'more' | 'share',
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary,
  offset: number,
  corpusVersion: string,
  source: string | null,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style,
    label,
    custom_id: encodeButton({ action, offset, corpusVersion, source }),
  };
}

/** The answer to "Find sources": supporting passages, or the note that none supports the message. */
export function renderFindSources(result: FindSourcesResult): Payload {
  const cut = result.truncated ? [messages.messageTooLong(MAX_MESSAGE_LENGTH)] : [];
  // "No passage in the sources confirms this message" would read as a verdict on a message that asserts nothing.
  if (result.claims === 0) {
    const content = fitContent([messages.noClaim, ...cut]);
    return { content, embeds: [], components: [], allowedMentions: NO_MENTIONS };
  }
  if (result.supporting.length > 0) {
    const shown = result.supporting.slice(0, LIMITS.embeds);
    const embeds = answerEmbeds(
      shown,
      (_answer, i) => ({
        number: i + 1,
        color: COLOR_ANSWER,
        label: (max: number) => supportLabel(shown[i]?.claims ?? [], max),
      }),
      labels.footer(result.corpusVersion, 1, shown.length),
    );
    // The message's own sentences that nothing supports, quoted back (escaped: they are user text).
    const unsupported = result.unsupported
      .slice(0, 5)
      .map((claim) => `> ${escapeUserText(shorten(claim, 300))}`);
    const more = result.moreBacked > 0 ? [messages.moreBacked(result.moreBacked)] : [];
    const content = fitContent([
      ...cut,
      ...more,
      ...(unsupported.length > 0 ? [messages.unsupportedIntro, ...unsupported] : []),
    ]);
    return { content, embeds, components: [], allowedMentions: NO_MENTIONS };
  }
  const nearest = result.nearest.slice(0, PAGE_SIZE);
  const lines: string[] = [messages.noSupport, ...cut];
  if (nearest.length > 0) lines.push(messages.nearestIntro);
  const embeds =
    nearest.length > 0
      ? answerEmbeds(
          nearest,
          (_answer, i) => ({ number: i + 1, color: COLOR_NEAREST, label: null }),
          labels.footer(result.corpusVersion, 1, nearest.length),
        )
      : [];
  return { content: fitContent(lines), embeds, components: [], allowedMentions: NO_MENTIONS };
}

/** `/sources`: every article with its title (linked), publisher and date, in as many embeds as needed. */
export function renderSources(sources: SourceSummary[], corpusVersion: string): Payload {
  const lines = sources.map((source, i) => {
    const title = escapeText(shorten(source.title, 200));
    const linked = source.url
      ? `[${title}](${source.url.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`
      : title;
    const details = [source.publisher, dateLabel(source.published)].filter((p): p is string => Boolean(p));
    return `${i + 1}. ${linked} — ${escapeText(details.join(' · '))}`;
  });
  const footer = labels.sourcesFooter(corpusVersion, sources.length);
  // Room is kept for the line that says how many did not fit, so that none is left out unsaid.
  const room = labels.moreSources(sources.length).length + 1;
  const embeds: APIEmbed[] = [];
  let total = footer.length + room;
  let current: string[] = [];
  let shown = 0;
  const flush = () => {
    if (current.length > 0) embeds.push({ description: current.join('\n'), color: COLOR_ANSWER });
    current = [];
  };
  for (const line of lines) {
    const fitted = shorten(line, LIMITS.description - room);
    if (total + fitted.length + 1 > LIMITS.embedTotal) break;
    if ([...current, fitted].join('\n').length > LIMITS.description - room) {
      if (embeds.length + 1 >= LIMITS.embeds) break;
      flush();
    }
    current.push(fitted);
    total += fitted.length + 1;
    shown++;
  }
  if (shown < lines.length) current.push(labels.moreSources(lines.length - shown));
  flush();
  const lastEmbed = embeds.at(-1);
  if (lastEmbed) lastEmbed.footer = { text: footer };
  else embeds.push({ footer: { text: footer }, color: COLOR_ANSWER });
  return { content: '', embeds, components: [], allowedMentions: NO_MENTIONS };
}

/** Autocomplete choices: at most 25, name and value at most 100 characters each, no duplicate values. */
export function toChoices(
  entries: Array<{ name: string; value: string }>,
): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const entry of entries) {
    const value = shorten(entry.value, LIMITS.choiceValue, '');
    const name = shorten(entry.name, LIMITS.choiceName);
    if (!value || !name || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name, value });
    if (choices.length === LIMITS.choices) break;
  }
  return choices;
}

/** A short message of the bot's own (errors, limits, notices). */
export function notice(text: string): Payload {
  return { content: fitContent([text]), embeds: [], components: [], allowedMentions: NO_MENTIONS };
}

function fitContent(lines: string[]): string {
  const content = lines.join('\n');
  if (content.length <= LIMITS.content) return content;
  // Keep line structure (the question line must survive for the buttons); cut at a word boundary.
  let out = '';
  for (const line of lines) {
    const room = LIMITS.content - out.length - (out ? 1 : 0);
    if (room <= 1) break;
    out += `${out ? '\n' : ''}${line.length <= room ? line : shorten(line, room)}`;
    if (line.length > room) break;
  }
  return out;
}
