/**
 * What the answer buttons ("More", "Share in channel") share: `ack()` first, then, as one request, read the
 * button's value, refuse a click from an older corpus version, and recompute the answer the value stands for.
 * Each button then only says what to do with that answer.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AskResult } from '../../../../src/answer.js';
import { type CleanText, cleanUserText, messages } from '../../../../src/present.js';
import { ACTION, noticeMessage } from '../../blocks.js';
import { type ButtonValue, decodeButtonValue } from '../../button-value.js';
import { inThread, runRequest, type Send, type SlackDeps, userKey } from '../request.js';

export type ButtonClickArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** One click on an answer button, with the answer its value stands for recomputed. */
export interface AnswerClick {
  /** The decoded button value (question, offset, source, corpus version). */
  value: ButtonValue;
  /** The question from the value, cleaned as typed questions are. */
  question: CleanText;
  /** The answer for `question` at the value's offset and source. */
  result: AskResult;
  /** Sends a new message only the clicker sees; the message clicked stays as it was. */
  privately: Send;
  /** `thread_ts` for a reply to the `response_url` that belongs in the clicked message's thread, if any. */
  inThread: { thread_ts?: string };
  args: ButtonClickArgs;
}

/** A Bolt action listener that runs the common part of an answer button's click, then `onClick`. */
export function answerButton(deps: SlackDeps, onClick: (click: AnswerClick) => Promise<void>) {
  return async (args: ButtonClickArgs): Promise<void> => {
    const { ack, body, action, respond } = args;
    await ack();
    // A reply to the response_url lands at the channel's root unless it names the thread.
    const thread = inThread(body.container?.thread_ts ?? body.message?.thread_ts);
    // A new message only the clicker sees; the message clicked stays as it was.
    const privately: Send = (message) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...thread, ...message });
    // A suggested question is a new question: it counts against the user's rate, and the sources having
    // changed since it was suggested does not stop it being asked. Turning a page or sharing does neither.
    const asking = action.action_id.startsWith(ACTION.suggest);
    const rateKey = asking ? userKey(body.team?.id, body.user.id) : undefined;
    await runRequest(deps, { rateKey, privately }, async (request) => {
      const value = decodeButtonValue(action.value);
      if (!value) {
        await privately(noticeMessage(messages.buttonUnusable));
        return;
      }
      if (!asking && value.v !== deps.service.corpusVersion) {
        await privately(noticeMessage(messages.expired));
        return;
      }
      const question = cleanUserText(value.q);
      const options = { offset: value.o, ...(value.s ? { source: value.s } : {}) };
      const result = deps.service.ask('slack', question.text, options, request.requestId);
      await onClick({ value, question, result, privately, inThread: thread, args });
    });
  };
}
