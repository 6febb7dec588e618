/**
 * What a command module exports: its registration data (read by the deploy script, so what is registered
 * and what is handled cannot drift) and its handlers.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { FactsService, RequestContext } from '../../src/service.js';

/** What every handler gets besides the interaction. */
export interface CommandContext {
  service: FactsService;
  request: RequestContext;
}

/** A slash command (`/facts`, `/sources`). */
export interface ChatInputCommand {
  kind: 'chat-input';
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  /** Answers autocomplete for the command's options; must respond within Discord's 3 s window. */
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
}

/** A message context-menu command ("Find sources"). */
export interface MessageCommand {
  kind: 'message';
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, context: CommandContext): Promise<void>;
}

export type Command = ChatInputCommand | MessageCommand;
