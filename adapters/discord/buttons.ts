/**
 * The buttons under an answer. **More** shows the next excerpts of the same question; **Share** posts the
 * answer publicly, crediting who shared it. Both read the question back from the message they are attached
 * to and everything else from their custom_id, so nothing is kept in memory.
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type ButtonInteraction,
  ComponentType,
  type Message,
  MessageFlags,
} from 'discord.js';
import { messages } from '../../src/present.js';
import type { CommandContext } from './command.js';
import { decodeButton, sourceFromKey } from './custom-id.js';
import { PAGE_SIZE, questionFromContent, renderAnswer } from './render.js';
import { replyEphemeral } from './respond.js';

/**
 * Handles a click on a More or Share button: one from before the sources changed is answered as expired,
 * one this version cannot read (another bot's, or an edited message's) as no longer working.
 */
export async function handleButton(interaction: ButtonInteraction, { service, request }: CommandContext) {
  const state = decodeButton(interaction.customId);
  const question = questionFromContent(interaction.message.content);
  if (!state || question === null) return replyEphemeral(interaction, messages.buttonUnusable);
  const source = sourceFromKey(
    state.source,
    service.sources().map((s) => s.id),
  );
  if (state.corpusVersion !== service.corpusVersion || source === undefined) {
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
    await interaction.deferUpdate();
  }
  const result = service.ask(
    'discord',
    question,
    { k: PAGE_SIZE, offset: state.offset, ...(source ? { source } : {}) },
    request.requestId,
  );
  const view = { question, offset: state.offset, source: state.source };
  if (state.action === 'more') {
    await interaction.editReply(renderAnswer(result, { ...view, ephemeral: true }));
    return;
  }
  // Share: the button goes from the asker's copy first, so that a second click cannot post it twice; then
  // the answer is posted in the channel as a message of its own.
  await interaction.editReply({ components: withoutButton(interaction.message, interaction.customId) });
  await interaction.followUp(
    renderAnswer(result, { ...view, ephemeral: false, sharedBy: interaction.user.id }),
  );
}

/** The message's rows of components without the button `customId` (and without rows left empty). */
function withoutButton(
  message: Message,
  customId: string,
): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  return message.components
    .map((row) => row.toJSON())
    .filter(
      (row): row is APIActionRowComponent<APIComponentInMessageActionRow> =>
        row.type === ComponentType.ActionRow,
    )
    .map((row) => ({
      ...row,
      components: row.components.filter((c) => !('custom_id' in c) || c.custom_id !== customId),
    }))
    .filter((row) => row.components.length > 0);
}
