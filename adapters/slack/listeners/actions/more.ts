/**
 * Buttons "More" (the next excerpts) and the suggested questions of a refusal. Stateless: the question, page
 * and corpus version travel in the button's value, so any replica can answer the click.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { cleanUserText, messages } from '../../../../src/present.js';
import { answerMessage, noticeMessage } from '../../blocks.js';
import { decodeButtonValue } from '../../button-value.js';
import { runRequest, type Send, type SlackDeps, userKey } from '../request.js';

export type ButtonClickArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function moreAction(deps: SlackDeps) {
  return async ({ ack, body, action, respond }: ButtonClickArgs): Promise<void> => {
    await ack();
    // A new message only the clicker sees; the message clicked stays as it was.
    const privately: Send = (message) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    await runRequest(deps, { rateKey: userKey(body.team?.id, body.user.id), privately }, async (request) => {
      const value = decodeButtonValue(action.value);
      if (!value)
        throw new Error(`Slack: button ${action.action_id} carries a value this version cannot read`);
      if (value.v !== deps.service.corpusVersion) {
        await privately(noticeMessage(messages.expired));
        return;
      }
      const question = cleanUserText(value.q);
      const options = { offset: value.o, ...(value.s ? { source: value.s } : {}) };
      const result = deps.service.ask('slack', question.text, options, request.requestId);
      if (result.answers.length === 0 && value.o > 0) {
        await privately(noticeMessage(messages.noMore));
        return;
      }
      await privately(answerMessage(result, { question, offset: value.o, source: value.s, shareable: true }));
    });
  };
}
