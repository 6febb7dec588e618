/** Registers every listener on the app (one file per listener, as in the Bolt starter template). */
import type { App } from '@slack/bolt';
import { ACTION } from '../blocks.js';
import { moreAction } from './actions/more.js';
import { shareAction } from './actions/share.js';
import { FACTS_COMMAND, factsCommand } from './commands/facts.js';
import { appMention } from './events/app-mention.js';
import { directMessage } from './messages/direct-message.js';
import type { SlackDeps } from './request.js';
import { FIND_SOURCES_CALLBACK_ID, findSourcesShortcut } from './shortcuts/find-sources.js';

export function registerListeners(app: App, deps: SlackDeps): void {
  app.command(FACTS_COMMAND, factsCommand(deps));
  app.event('app_mention', appMention(deps));
  app.message(directMessage(deps));
  app.shortcut({ type: 'message_action', callback_id: FIND_SOURCES_CALLBACK_ID }, findSourcesShortcut(deps));
  app.action(new RegExp(`^(${ACTION.more}|${ACTION.suggest}_\\d+)$`), moreAction(deps));
  app.action(ACTION.share, shareAction(deps));
}
