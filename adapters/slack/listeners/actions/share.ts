/**
 * Button "Share in channel": removes the ephemeral copy, then posts the answer publicly, crediting who
 * shared it. The answer is recomputed from the button's value (stateless), from the same corpus version.
 */
import { answerMessage } from '../../blocks.js';
import type { SlackDeps } from '../request.js';
import { answerButton } from './answer-button.js';

export function shareAction(deps: SlackDeps) {
  return answerButton(deps, async ({ value, question, result, inThread, args: { body, respond } }) => {
    const shared = answerMessage(result, {
      question,
      offset: value.o,
      interactive: false,
      sharedBy: body.user.id,
    });
    // The asker's copy goes first, with its button: a second click on it then posts nothing twice.
    await respond({ delete_original: true });
    await respond({ response_type: 'in_channel', replace_original: false, ...inThread, ...shared });
  });
}
