/** A direct message to the bot: answered in the conversation (in its thread when it was in one). */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { intentMessage, parseIntent, runRequest, type Send, type SlackDeps, userKey } from '../request.js';

export function directMessage(deps: SlackDeps) {
  return async ({ message, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    // Only what a person typed in a DM: no edits, joins or other subtypes, no bots (including this one).
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id) return;
    const { channel, user } = message;
    const send: Send = (reply) =>
      client.chat.postMessage({
        channel,
        ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
        ...reply,
        unfurl_links: false,
        unfurl_media: false,
      });
    const intent = parseIntent(message.text, context.botUserId);
    const rateKey = intent.kind === 'ask' ? userKey(context.teamId, user) : undefined;
    await runRequest(deps, { rateKey, privately: send }, async (request) => {
      await send(intentMessage(deps, intent, request));
    });
  };
}
