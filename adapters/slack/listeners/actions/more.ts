/**
 * Buttons "More" (the next excerpts) and the suggested questions of a refusal. Stateless: the question, page
 * and corpus version travel in the button's value, so any replica can answer the click.
 */
import { messages } from '../../../../src/present.js';
import { answerMessage, noticeMessage } from '../../blocks.js';
import type { SlackDeps } from '../request.js';
import { answerButton } from './answer-button.js';

export function moreAction(deps: SlackDeps) {
  return answerButton(deps, async ({ value, question, result, privately }) => {
    if (result.answers.length === 0 && value.o > 0) {
      await privately(noticeMessage(messages.noMore));
      return;
    }
    await privately(answerMessage(result, { question, offset: value.o, source: value.s, shareable: true }));
  });
}
