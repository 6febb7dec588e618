/**
 * Message command **Find sources** (right-click a message → Apps): the passages that support the claims in
 * that message, or the note that none does with the nearest passages. Discord hands message commands the
 * target message's content, embeds and forwarded snapshots, so no privileged intent is needed.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder, type Message, MessageFlags } from 'discord.js';
import { cleanMessage, messages } from '../../../src/present.js';
import type { MessageCommand } from '../command.js';
import { renderFindSources } from '../render.js';
import { allowQuestion, replyEphemeral } from '../respond.js';

export const findSources = {
  kind: 'message',
  data: new ContextMenuCommandBuilder()
    .setName('Find sources')
    .setType(ApplicationCommandType.Message)
    .toJSON(),

  async execute(interaction, { service, request }) {
    const message = interaction.targetMessage;
    // The bot's own answer is made of excerpts: checking it against the sources would only quote them back.
    if (message.author.id === interaction.client.user.id)
      return replyEphemeral(interaction, messages.ownMessage);
    const text = messageText(message);
    if (!cleanMessage(text).text) return replyEphemeral(interaction, messages.emptyMessage);
    if (!(await allowQuestion(interaction, service))) return;

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const result = service.findSources('discord', text, request.requestId);
    await interaction.editReply(renderFindSources(result));
  },
} satisfies MessageCommand;

/**
 * All the text a message shows: what it says, what it forwards (a forwarded message's text is in its
 * snapshot, not its content), and its embeds' titles, descriptions and fields (a news bot's post or a
 * link's card), one per line.
 */
function messageText(message: Message): string {
  const shown = [message, ...message.messageSnapshots.values()];
  return shown
    .flatMap(({ content, embeds }) => [
      content ?? '',
      ...(embeds ?? []).flatMap((embed) => [
        embed.title ?? '',
        embed.description ?? '',
        ...embed.fields.flatMap((field) => [field.name, field.value]),
      ]),
    ])
    .join('\n');
}
