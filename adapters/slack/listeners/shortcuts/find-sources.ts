/**
 * Message shortcut "Find sources": the passages that support the claims of a message, replied in its thread.
 * The text comes from the shortcut payload; no history is fetched (no history scopes needed).
 */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { cleanMessage, messages } from '../../../../src/present.js';
import { findSourcesMessage, noticeMessage, unsupportedMessage } from '../../blocks.js';
import { decodeSlackText } from '../../mrkdwn.js';
import { inThread, runRequest, type Send, type SlackDeps, userKey } from '../request.js';

/** The shortcut's callback id, as declared in manifest.json. */
export const FIND_SOURCES_CALLBACK_ID = 'find_sources';

/** Errors of chat.postMessage that mean the bot may not post there; the reply then goes to the user alone. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export function findSourcesShortcut(deps: SlackDeps) {
  return async ({
    shortcut,
    ack,
    respond,
    client,
    context,
  }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const { message } = shortcut;
    const channel = shortcut.channel.id;
    const thread_ts: string = typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
    // Shown in the thread only if the message is in one: an ephemeral under a thread that does not exist yet
    // would not be shown at all.
    const privately: Send = (reply) =>
      respond({
        response_type: 'ephemeral',
        ...inThread(message.thread_ts),
        ...reply,
      });
    const toThread: Send = async (reply) => {
      try {
        return await client.chat.postMessage({
          channel,
          thread_ts,
          ...reply,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        if (!CANNOT_POST.has(platformError(error))) throw error;
        // Not a member of that conversation: the one who asked still gets the answer.
        return privately(reply);
      }
    };
    const text = decodeSlackText(message.text ?? '');
    await runRequest(
      deps,
      { rateKey: userKey(shortcut.team?.id, shortcut.user.id), privately },
      async (request) => {
        // The bot's own answer is made of excerpts: checking it would only quote them back.
        const own = [message.bot_id, message.user].some(
          (id) => typeof id === 'string' && (id === context.botId || id === context.botUserId),
        );
        if (own || !cleanMessage(text).text) {
          await privately(noticeMessage(own ? messages.ownMessage : messages.emptyMessage));
          return;
        }
        const result = deps.service.findSources('slack', text, request.requestId);
        // Passages that back the message go to its thread. What no passage confirms goes to the asker
        // alone: posted under someone's message it would read as a public verdict, though a true claim
        // worded far from its source is not confirmed either (and a message with no claim has none).
        if (result.supporting.length === 0) {
          await privately(findSourcesMessage(result));
          return;
        }
        await toThread(findSourcesMessage(result, { requestedBy: shortcut.user.id }));
        if (result.unsupported.length > 0) await privately(unsupportedMessage(result.unsupported));
      },
    );
  };
}

/** The `error` string of a Web API platform error (`{ ok: false, error }`), or ''. */
function platformError(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('data' in error)) return '';
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : '';
}
