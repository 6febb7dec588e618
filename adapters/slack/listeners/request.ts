/**
 * What every listener does around its own work: a request id and in-flight tracking (FactsService.handle),
 * the per-user rate limit, and a short private error when anything throws. Also the reading of a user's
 * text into help, sources or a question, shared by the slash command, mentions and direct messages.
 */
import type { AskOptions } from '../../../src/answer.js';
import { type CleanText, cleanUserText, messages } from '../../../src/present.js';
import { type FactsService, failureNotice, type RequestContext } from '../../../src/service.js';
import {
  type AnswerView,
  answerMessage,
  helpMessage,
  noticeMessage,
  type SlackMessage,
  sourcesMessage,
} from '../blocks.js';
import { decodeSlackText, stripBotMention } from '../mrkdwn.js';

/** What the listeners need. */
export interface SlackDeps {
  service: FactsService;
}

/** Sends a message somewhere (a thread, an ephemeral reply, a `response_url`). */
export type Send = (message: SlackMessage) => Promise<unknown>;

/** What a user's text asks for. */
export type Intent = { kind: 'help' } | { kind: 'sources' } | { kind: 'ask'; question: CleanText };

/**
 * Reads slash-command or message text: mentions of the bot removed, Slack's escaping undone, then
 * `help` (or nothing), `sources`, or a question cleaned by `cleanUserText`.
 */
export function parseIntent(raw: string | undefined, botUserId?: string): Intent {
  const text = decodeSlackText(stripBotMention(raw ?? '', botUserId));
  const question = cleanUserText(text);
  const word = question.text.toLowerCase();
  if (word === '' || word === 'help') return { kind: 'help' };
  if (word === 'sources') return { kind: 'sources' };
  return { kind: 'ask', question };
}

/**
 * The `thread_ts` of a reply that belongs in the thread `threadTs` names: `{ thread_ts }`, or `{}` when the
 * message is at a channel's root (a reply given a thread that does not exist yet is not shown).
 */
export function inThread(threadTs: unknown): { thread_ts?: string } {
  return typeof threadTs === 'string' && threadTs ? { thread_ts: threadTs } : {};
}

/** The rate-limit key of a Slack user: ids are unique per workspace only. */
export function userKey(teamId: string | null | undefined, userId: string): string {
  return `${teamId ?? 'unknown-team'}:${userId}`;
}

export interface RunOptions {
  /** Rate-limit key (see `userKey`); omit for requests that ask the index nothing (help, sources). */
  rateKey?: string | undefined;
  /** Sends a message only the user sees: the rate-limit notice and the error reply go there. */
  privately: Send;
}

/**
 * Runs one listener's work inside `service.handle`. A refused rate limit answers privately and skips the
 * work; an exception (already logged and counted by `handle`) is answered privately with a short error.
 * Never throws, so Bolt and the process carry on.
 */
export async function runRequest(
  deps: SlackDeps,
  options: RunOptions,
  work: (request: RequestContext) => Promise<void>,
): Promise<void> {
  const { service } = deps;
  try {
    await service.handle('slack', async (request) => {
      if (options.rateKey !== undefined) {
        const decision = await service.allow('slack', options.rateKey);
        if (!decision.allowed) {
          await options.privately(noticeMessage(messages.rateLimited(decision.retryAfterSeconds)));
          return;
        }
      }
      await work(request);
    });
  } catch (failure) {
    try {
      await options.privately(noticeMessage(failureNotice(failure)));
    } catch (error) {
      service.logger.error({ err: error, platform: 'slack' }, 'could not send the error reply');
    }
  }
}

/** The message that answers an intent. */
export function intentMessage(
  deps: SlackDeps,
  intent: Intent,
  request: RequestContext,
  view: Omit<AnswerView, 'question'> = {},
  options: AskOptions = {},
): SlackMessage {
  switch (intent.kind) {
    case 'help':
      return helpMessage();
    case 'sources':
      return sourcesMessage(deps.service.sources());
    case 'ask': {
      const result = deps.service.ask('slack', intent.question.text, options, request.requestId);
      return answerMessage(result, { ...view, question: intent.question });
    }
  }
}
