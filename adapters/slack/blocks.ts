/**
 * Renders the core's results as Block Kit. Every sentence about the story is a verbatim excerpt, and every
 * sentence of the bot's own comes from src/present.ts; this file only lays them out within Slack's limits.
 *
 * Excerpts are shown in `rich_text` quotes: rich text is not parsed as mrkdwn, so an excerpt's `*`, `_` or
 * `<!channel>` shows as written and triggers nothing. Everything in mrkdwn (citations, echoed questions,
 * suggestions) goes through `escapeMrkdwn`, in text objects marked `verbatim`.
 */
import type { types } from '@slack/bolt';
import type { Answer, AskResult, FindSourcesResult, SourceSummary } from '../../src/answer.js';
import {
  type CleanText,
  citationParts,
  counted,
  dateLabel,
  disagreementLine,
  figureLabel,
  type Label,
  labelWithin,
  MAX_MESSAGE_LENGTH,
  MAX_QUESTION_LENGTH,
  messages,
  shorten,
  supportLabel,
} from '../../src/present.js';
import { type ButtonValue, encodeButtonValue } from './button-value.js';
import { escapeMrkdwn, mrkdwnLink, shownAsSlackShowsIt, userMention } from './mrkdwn.js';

/** Slack's limits, as documented for Block Kit and chat.postMessage. */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** Characters of a section's (or context element's) text. */
  sectionText: 3000,
  /** Elements of a context block. */
  contextElements: 10,
  /** Characters of a button's label. */
  buttonText: 75,
  /** Elements of an actions block. */
  actionsElements: 25,
} as const;

/** Longest excerpt shown; longer ones are shortened at a word boundary with "…". */
export const EXCERPT_MAX = SLACK_LIMITS.sectionText;
/** Longest notification text (the `text` beside the blocks); Slack truncates past 4000. */
const FALLBACK_MAX = 300;
/** Longest passage link rendered; a longer one (an unusually long text fragment) leaves the title unlinked. */
const MAX_LINK = 1500;
/** Suggested questions listed with a refusal (each at most 200 characters: the section stays under 3000). */
const MAX_SUGGESTIONS = 10;
/** Answers shown in one message: two blocks each, leaving room for the blocks around them. */
export const MAX_ANSWERS_SHOWN = 20;
/**
 * Text the answers of one message may hold in all, quotes and citations, shared among them. Slack refuses a
 * message whose blocks hold more than about 12,000 characters of text in all (`msg_blocks_too_long`, not
 * documented; slackapi/bolt-js#2509 and #2867), and what else a message holds (the question, the claims no
 * passage states, notices) stays under about 2,500.
 */
export const ANSWERS_TEXT_MAX = 7500;
/** The least room a citation gets, however many answers share a message. */
const CITATION_MIN = 240;

/** Action ids of our buttons; the listeners are registered on the same constants. */
export const ACTION = {
  more: 'facts_more',
  share: 'facts_share',
  /** Prefix: one button per suggested question (`facts_suggest_0`, …). */
  suggest: 'facts_suggest',
} as const;

/** A message body for chat.postMessage, chat.postEphemeral or a `response_url`. */
export interface SlackMessage {
  /** Notification and accessibility text (mrkdwn, escaped). */
  text: string;
  blocks: types.KnownBlock[];
}

/** How an answer message is shown. */
export interface AnswerView {
  /** The question as cleaned; echoed (escaped) above the answers. */
  question: CleanText;
  /** Answers skipped before this page (buttons use it to ask for the next page). Default 0. */
  offset?: number;
  /** Source filter the question was asked with. */
  source?: string;
  /** Show "Share in channel": only on answers only the asker sees. Default false. */
  shareable?: boolean;
  /** Show "More" and the suggestion buttons. Default true. */
  interactive?: boolean;
  /** User id of who shared the answer into the channel. */
  sharedBy?: string;
}

/** The answer to a question, or a refusal with the questions the sources do answer. */
export function answerMessage(result: AskResult, view: AnswerView): SlackMessage {
  const offset = view.offset ?? 0;
  const interactive = view.interactive ?? true;
  const blocks: types.KnownBlock[] = [questionBlock(view)];
  if (view.question.truncated) blocks.push(contextBlock(messages.questionTooLong(MAX_QUESTION_LENGTH)));

  if (result.answers.length === 0) {
    blocks.push(sectionBlock(`*${escapeMrkdwn(messages.refusal)}*`));
    if (result.suggestions.length > 0) {
      const list = result.suggestions
        .slice(0, MAX_SUGGESTIONS)
        .map((s) => `• ${escapedWithin(s, 200)}`)
        .join('\n');
      blocks.push(sectionBlock(`${escapeMrkdwn(messages.suggestionsIntro)}\n${list}`));
      if (interactive) {
        const buttons = result.suggestions
          .slice(0, 5)
          .map((q, i) =>
            button(`${ACTION.suggest}_${i}`, q, { q, o: 0, v: result.corpusVersion, ...sourceOf(view) }),
          )
          .filter((b): b is types.Button => b !== null);
        if (buttons.length > 0)
          blocks.push({ type: 'actions', block_id: 'facts_suggestions', elements: buttons });
      }
    }
    return { text: fallback(messages.refusal), blocks: withinBlockLimit(blocks) };
  }

  // Numbered across pages: "More" continues the count.
  const differ = disagreementLine(result.disagreement, offset);
  if (differ) blocks.push(sectionBlock(`:warning: ${escapedWithin(differ, 2900)}`));
  const answers = result.answers.slice(0, MAX_ANSWERS_SHOWN);
  answers.forEach((answer, i) => {
    blocks.push(...answerBlocks(answer, offset + i + 1, figureLabel(answer, result), roomFor(answers)));
  });

  const shared = userMention(view.sharedBy);
  if (shared) blocks.push(contextBlock(`Shared by ${shared}`, false));

  const actions: types.Button[] = [];
  if (interactive && result.hasMore) {
    const more = button(ACTION.more, 'More', {
      q: view.question.text,
      o: offset + result.answers.length,
      v: result.corpusVersion,
      ...sourceOf(view),
    });
    if (more) actions.push(more);
  }
  if (view.shareable) {
    const share = button(
      ACTION.share,
      'Share in channel',
      { q: view.question.text, o: offset, v: result.corpusVersion, ...sourceOf(view) },
      'primary',
    );
    if (share) actions.push(share);
  }
  if (actions.length > 0) blocks.push({ type: 'actions', block_id: 'facts_actions', elements: actions });

  const first = result.answers[0];
  return {
    text: first ? fallback(`“${first.excerpt}” — ${first.source.title}`) : '',
    blocks: withinBlockLimit(blocks),
  };
}

/**
 * The passages that support a message, or the note that none does with the nearest passages; a notice when
 * the message makes no claim to check.
 */
export function findSourcesMessage(
  result: FindSourcesResult,
  /** Posted in the message's thread: who asked, and the sentences nothing states only counted. */
  thread?: { requestedBy: string },
): SlackMessage {
  // "No passage in the sources confirms this message" would read as a verdict on a message that asserts nothing.
  const cut = result.truncated ? [contextBlock(messages.messageTooLong(MAX_MESSAGE_LENGTH))] : [];
  if (result.claims === 0) {
    const notice = noticeMessage(messages.noClaim);
    return { ...notice, blocks: [...notice.blocks, ...cut] };
  }
  const blocks: types.KnownBlock[] = [...cut];
  // Posted in someone else's thread: the thread sees who asked for the check.
  const requester = userMention(thread?.requestedBy);
  if (requester) blocks.push(contextBlock(`Requested by ${requester}`, false));
  if (result.supporting.length > 0) {
    const supports = result.supporting.slice(0, MAX_ANSWERS_SHOWN);
    supports.forEach((support, i) => {
      const label = (max: number) => supportLabel(support.claims.map(shownAsSlackShowsIt), max);
      blocks.push(...answerBlocks(support, i + 1, label, roomFor(supports)));
    });
    if (result.moreBacked > 0) blocks.push(contextBlock(messages.moreBacked(result.moreBacked)));
    // In the thread, the sentences nothing states are counted, not quoted: quoted under someone's message
    // they would read as a public verdict (the one who asked is shown them).
    if (result.unsupported.length > 0 && thread)
      blocks.push(contextBlock(messages.notFoundCount(result.unsupported.length)));
    else if (result.unsupported.length > 0) blocks.push(...unsupportedMessage(result.unsupported).blocks);
    const first = result.supporting[0];
    return {
      text: first ? fallback(`“${first.excerpt}” — ${first.source.title}`) : '',
      blocks: withinBlockLimit(blocks),
    };
  }
  blocks.push(sectionBlock(`*${escapeMrkdwn(messages.noSupport)}*`));
  if (result.nearest.length > 0) {
    blocks.push(contextBlock(messages.nearestIntro));
    const nearest = result.nearest.slice(0, MAX_ANSWERS_SHOWN);
    nearest.forEach((answer, i) => {
      blocks.push(...answerBlocks(answer, i + 1, null, roomFor(nearest)));
    });
  }
  return { text: fallback(messages.noSupport), blocks: withinBlockLimit(blocks) };
}

/** The message's own sentences that no passage states, quoted back (escaped: they are user text). */
export function unsupportedMessage(unsupported: string[]): SlackMessage {
  const claims = unsupported
    .slice(0, 5)
    .map((claim) => `> ${escapedWithin(shownAsSlackShowsIt(claim), 300)}`);
  const text = [`*${messages.unsupportedIntro}*`, ...claims].join('\n');
  return { text: fallback(messages.unsupportedIntro), blocks: [sectionBlock(text)] };
}

/** The corpus: one line per source, packed into as few sections as fit. */
export function sourcesMessage(sources: SourceSummary[]): SlackMessage {
  const lines = sources.map((s) => {
    const details = [s.publisher, dateLabel(s.published), counted(s.passages, 'passage'), `id ${s.id}`]
      .filter((part): part is string => Boolean(part))
      .map(escapeMrkdwn);
    return `• ${mrkdwnLink(s.url, shorten(s.title, 500))} · ${details.join(' · ')}`;
  });
  const blocks: types.KnownBlock[] = [sectionBlock(`*Sources (${sources.length})*`)];
  let current = '';
  let total = 0;
  let shown = 0;
  for (const line of lines) {
    // Within the text a message may hold in all (see ANSWERS_TEXT_MAX); the rest is counted, not left out unsaid.
    if (total + line.length + 1 > ANSWERS_TEXT_MAX) break;
    if (current && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      blocks.push(sectionBlock(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
    total += line.length + 1;
    shown++;
  }
  if (current) blocks.push(sectionBlock(current));
  if (shown < lines.length)
    blocks.push(contextBlock(`…and ${counted(lines.length - shown, 'more source')}.`));
  return { text: `Sources (${sources.length})`, blocks: withinBlockLimit(blocks) };
}

/** How to use the bot in Slack. */
export function helpMessage(): SlackMessage {
  const usage = [
    '*Ask about the story; every answer is a verbatim, cited excerpt of its source articles.*',
    '• `/facts <question>`: the answer, visible only to you, with *Share in channel*',
    '• `/facts sources`: the articles the answers come from',
    '• `@facts <question>` in a channel or thread, or a direct message to the bot: the answer in the thread',
    '• Message menu *⋮ → Find sources*: the passages that support that message',
  ].join('\n');
  return {
    text: 'How to use /facts',
    blocks: [sectionBlock(usage), contextBlock(messages.emptyQuestion)],
  };
}

/** One of the bot's own short messages (errors, rate limit, expiry), alone. */
export function noticeMessage(text: string): SlackMessage {
  const escaped = escapedWithin(text, SLACK_LIMITS.sectionText);
  return { text: escaped, blocks: [sectionBlock(escaped)] };
}

/**
 * An excerpt as a quote, then its citation: linked title, details, a label (the figure it gives, or the
 * claims it supports), "also reported by".
 */
function answerBlocks(answer: Answer, n: number, label: Label | null, room: number): types.KnownBlock[] {
  const cite = citationParts(answer);
  // The quote takes up to 60% of the answer's room; its citation what is left.
  const quote = shorten(answer.excerpt, Math.min(EXCERPT_MAX, Math.floor(room * 0.6)));
  const citationMax = Math.min(SLACK_LIMITS.sectionText, Math.max(CITATION_MIN, room - quote.length));
  // The title links to the passage, or to the article when that link is too long for half the room. The
  // other parts share what the link leaves, so that all of them show however long a title, a label or a
  // list of outlets is.
  const fits = (url: string | null) => url !== null && url.length <= Math.min(MAX_LINK, citationMax / 2);
  const link = fits(cite.link) ? cite.link : fits(answer.source.url) ? answer.source.url : null;
  const rest = citationMax - (link?.length ?? 0) - 20;
  const part = (max: number) => Math.min(max, Math.max(20, Math.floor(rest / 4)));
  const title = mrkdwnLink(link, shorten(cite.title, part(300)));
  const lines = [`*${n}.* ${title} · ${escapedWithin(cite.details, part(300))}`];
  if (label) lines.push(escapedWithin(labelWithin(label, part(800)), part(800)));
  if (cite.corroboration) lines.push(escapedWithin(cite.corroboration, part(800)));
  const citation: types.ContextBlock = {
    type: 'context',
    elements: [mrkdwn(clip(lines.join('\n'), citationMax))],
  };
  // Slack rejects an empty text element; an excerpt of whitespace alone shows as its citation only.
  if (!quote) return [citation];
  return [
    { type: 'rich_text', elements: [{ type: 'rich_text_quote', elements: [{ type: 'text', text: quote }] }] },
    citation,
  ];
}

function questionBlock(view: AnswerView): types.KnownBlock {
  return contextBlock(`:mag: ${escapedWithin(shownAsSlackShowsIt(view.question.text), 2900)}`, false);
}

/**
 * A mrkdwn text object that Slack shows as written: `verbatim` stops it from turning names, URLs and
 * mentions an echoed question holds ("@here", "#general") into links or pings. The links and mentions
 * written here in Slack's markup (`<url|title>`, `<@U123>`) still show.
 */
function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function sectionBlock(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(clip(text)) };
}

/** A context line; `plain` is false when the text is already mrkdwn. */
function contextBlock(text: string, plain = true): types.ContextBlock {
  return {
    type: 'context',
    elements: [mrkdwn(plain ? escapedWithin(text, SLACK_LIMITS.sectionText) : clip(text))],
  };
}

function button(actionId: string, label: string, value: ButtonValue, style?: 'primary'): types.Button | null {
  const encoded = encodeButtonValue(value);
  if (encoded === null) return null;
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: shorten(label, SLACK_LIMITS.buttonText), emoji: false },
    value: encoded,
    ...(style ? { style } : {}),
  };
}

function sourceOf(view: AnswerView): { s?: string } {
  return view.source ? { s: view.source } : {};
}

/** Notification text: flattened, shortened, escaped. */
function fallback(text: string): string {
  return escapedWithin(text, FALLBACK_MAX);
}

/** `text` escaped for mrkdwn and shortened (at a word boundary, before escaping) so the result fits `max`. */
export function escapedWithin(text: string, max: number): string {
  let room = max;
  for (;;) {
    const escaped = escapeMrkdwn(shorten(text, room));
    if (escaped.length <= max || room <= 1) return escaped.length <= max ? escaped : '…';
    room = Math.max(1, Math.min(room - 1, Math.floor((room * max) / escaped.length)));
  }
}

/**
 * Mrkdwn that is still too long after its parts were shortened (escaping adds characters): cut at a word
 * boundary, never inside an entity or a link.
 */
/** The room of each of `answers` shown in one message (see ANSWERS_TEXT_MAX). */
function roomFor(answers: readonly unknown[]): number {
  return Math.floor(ANSWERS_TEXT_MAX / Math.max(1, answers.length));
}

function clip(mrkdwn: string, max: number = SLACK_LIMITS.sectionText): string {
  if (mrkdwn.length <= max) return mrkdwn;
  const cut = shorten(mrkdwn, max);
  // A cut inside "<url|label>" or "&amp;" would break the markup: drop the broken tail.
  return cut.replace(/<[^>]*…$/, '…').replace(/&[a-z]*…$/, '…');
}

/** Keeps a message within Slack's block limit (the renderers stay below it; this is the guarantee). */
function withinBlockLimit(blocks: types.KnownBlock[]): types.KnownBlock[] {
  return blocks.length <= SLACK_LIMITS.blocks ? blocks : blocks.slice(0, SLACK_LIMITS.blocks);
}
