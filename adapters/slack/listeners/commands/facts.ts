/** `/facts <question>`, `/facts help`, `/facts sources`: acknowledged at once, answered ephemerally. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { intentMessage, parseIntent, runRequest, type Send, type SlackDeps, userKey } from '../request.js';

export const FACTS_COMMAND = '/facts';

export function factsCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const privately: Send = (message) => respond({ response_type: 'ephemeral', ...message });
    const intent = parseIntent(command.text);
    const rateKey = intent.kind === 'ask' ? userKey(command.team_id, command.user_id) : undefined;
    await runRequest(deps, { rateKey, privately }, async (request) => {
      await privately(intentMessage(deps, intent, request, { shareable: true }));
    });
  };
}
