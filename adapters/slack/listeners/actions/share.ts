/**
 * Button "Share in channel": posts the answer publicly, crediting who shared it, and removes the ephemeral
 * copy. The answer is recomputed from the button's value (stateless), from the same corpus version.
 */
import { cleanUserText, messages } from '../../../../src/present.js';
import { answerMessage, noticeMessage } from '../../blocks.js';
import { decodeButtonValue } from '../../button-value.js';
import { runRequest, type Send, type SlackDeps, userKey } from '../request.js';
import type { ButtonClickArgs } from './more.js';

export function shareAction(deps: SlackDeps) {
  return async ({ ack, body, action, respond }: ButtonClickArgs): Promise<void> => {
    await ack();
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
      const shared = answerMessage(result, {
        question,
        offset: value.o,
        interactive: false,
        sharedBy: body.user.id,
      });
      await respond({ response_type: 'in_channel', replace_original: false, ...shared });
      await respond({ delete_original: true });
    });
  };
}
