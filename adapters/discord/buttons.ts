/**
 * The buttons under an answer. **More** shows the next excerpts of the same question; **Share** posts the
 * answer publicly, crediting who shared it. Both read the question back from the message they are attached
 * to and everything else from their custom_id, so nothing is kept in memory.
 */
import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { messages } from '../../src/present.js';
import type { CommandContext } from './command.js';
import { decodeButton, sourceFromKey } from './custom-id.js';
import { PAGE_SIZE, questionFromContent, renderAnswer } from './render.js';
import { replyEphemeral } from './respond.js';

/** Handles a click on a More or Share button; any other button is answered as expired. */
export async function handleButton(interaction: ButtonInteraction, { service, request }: CommandContext) {
  const state = decodeButton(interaction.customId);
  const question = questionFromContent(interaction.message.content);
  const sourceIds = service.sources().map((s) => s.id);
  const source = state ? sourceFromKey(state.source, sourceIds) : undefined;
  if (!state || state.corpusVersion !== service.corpusVersion || question === null || source === undefined) {
    return replyEphemeral(interaction, messages.expired);
  }
  // Turning a page or sharing an answer asks no new question: it does not count against the user's rate.

  const onEphemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  if (state.action === 'more' && onEphemeral) {
    // The asker's own answer: turn the page in place.
    await interaction.deferUpdate();
  } else if (state.action === 'more') {
    // A public answer: the next page goes to whoever clicked, leaving the shared message as it was.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  } else {
    await interaction.deferReply();
  }
  const result = service.ask(
    'discord',
    question,
    { k: PAGE_SIZE, offset: state.offset, ...(source ? { source } : {}) },
    request.requestId,
  );
  const sharing = state.action === 'share';
  await interaction.editReply(
    renderAnswer(result, {
      question,
      offset: state.offset,
      source: state.source,
      ephemeral: !sharing,
      ...(sharing ? { sharedBy: interaction.user.id } : {}),
    }),
  );
}
