/** `@facts <question>` in a channel: answered in a thread under the message, or in the thread it was in. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import {
  inThread,
  intentMessage,
  parseIntent,
  runRequest,
  type Send,
  type SlackDeps,
  userKey,
} from '../request.js';

export function appMention(deps: SlackDeps) {
  return async ({ event, context, client }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs) => {
    // Editing a message that mentions the bot sends its app_mention again, with `edited`: it was answered
    // when it was posted, and a typo fixed must not post the answer twice.
    if ((event as { edited?: unknown }).edited) return;
    const { channel, user } = event;
    const thread_ts = event.thread_ts ?? event.ts;
    const reply: Send = (message) =>
      client.chat.postMessage({ channel, thread_ts, ...message, unfurl_links: false, unfurl_media: false });
    // What concerns only the asker (usage help, "please wait", errors) is shown to them alone; a bot or a
    // workflow gets none of it, so that a bot looping on the bot gets no answer at all.
    // Slack shows an ephemeral message in a thread only once the thread exists: under a mention at the
    // channel's root, it goes to the channel.
    const privately: Send = user
      ? (message) =>
          client.chat.postEphemeral({
            channel,
            user,
            ...inThread(event.thread_ts),
            ...message,
          })
      : async () => undefined;
    const intent = parseIntent(event.text, context.botUserId);
    // A bot or workflow that mentions the bot has no user: it is limited by its bot id.
    const asker = user ?? event.bot_id;
    const rateKey = intent.kind === 'ask' && asker ? userKey(context.teamId, asker) : undefined;
    await runRequest(deps, { rateKey, privately }, async (request) => {
      // Usage help concerns only the asker; answers and the source list are for the thread.
      await (intent.kind === 'help' ? privately : reply)(intentMessage(deps, intent, request));
    });
  };
}
