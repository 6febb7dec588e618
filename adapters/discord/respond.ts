/** Small replies every handler shares: ephemeral notices, the rate limit, and the answer to a failure. */
import { type Interaction, MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../../src/logger.js';
import { messages } from '../../src/present.js';
import { type FactsService, failureNotice } from '../../src/service.js';
import { notice } from './render.js';

/** Replies with a short message only the user sees. */
export async function replyEphemeral(interaction: RepliableInteraction, text: string): Promise<void> {
  await interaction.reply({ ...notice(text), flags: MessageFlags.Ephemeral });
}

/**
 * Spends one question of the user's allowance; when it is used up, tells the user (ephemerally) and
 * returns false.
 */
export async function allowQuestion(
  interaction: RepliableInteraction,
  service: FactsService,
): Promise<boolean> {
  const decision = await service.allow('discord', interaction.user.id);
  if (decision.allowed) return true;
  await replyEphemeral(interaction, messages.rateLimited(decision.retryAfterSeconds));
  return false;
}

/**
 * Tells the user that answering failed (or that the bot is restarting, when `error` says so), in whatever
 * way the interaction still allows. Never throws: a failure here is logged and dropped, so one interaction
 * can never take the process down.
 */
export async function answerFailure(interaction: Interaction, logger: Logger, error: unknown): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const payload = notice(failureNotice(error));
    if (interaction.deferred && !interaction.replied && interaction.ephemeral === false) {
      // A public "thinking…" (`/facts public:True`): editing it, or a first follow-up, would show the error
      // to the channel. Remove it, so that the follow-up is a message of its own, for the asker only.
      await interaction.deleteReply();
      await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
    } else if (interaction.deferred && !interaction.replied && !interaction.isMessageComponent()) {
      // A deferred command reply shows "thinking…" (to the asker alone) until edited: replace it with the error.
      await interaction.editReply({ ...payload });
    } else if (interaction.deferred || interaction.replied) {
      await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
    } else {
      await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
    }
  } catch (error) {
    logger.error({ err: error }, 'could not tell the user that answering failed');
  }
}
