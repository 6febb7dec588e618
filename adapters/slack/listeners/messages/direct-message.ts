/** A direct message to the bot: answered in the conversation (in its thread when it was in one). */
import type { AllMiddlewareArgs, KnownEventFromType, SlackEventMiddlewareArgs, types } from '@slack/bolt';
import {
  inThread,
  intentMessage,
  parseIntent,
  runRequest,
  type Send,
  type SlackDeps,
  userKey,
} from '../request.js';

type Written = types.GenericMessageEvent | types.FileShareMessageEvent | types.ThreadBroadcastMessageEvent;

/** A message a person wrote: plain, with a file attached, or a thread reply also sent to the conversation. */
function written(message: KnownEventFromType<'message'>): message is Written {
  return (
    message.subtype === undefined ||
    message.subtype === 'file_share' ||
    message.subtype === 'thread_broadcast'
  );
}

export function directMessage(deps: SlackDeps) {
  return async ({ message, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    // Only what a person wrote in a DM (also with a file attached, or a thread reply sent to the
    // conversation too): no edits, deletions or other subtypes, no bots (including this one).
    if (message.channel_type !== 'im' || !written(message) || ('bot_id' in message && message.bot_id)) return;
    const { channel, user } = message;
    const send: Send = (reply) =>
      client.chat.postMessage({
        channel,
        ...inThread(message.thread_ts),
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
