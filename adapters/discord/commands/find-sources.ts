/**
 * Message command **Find sources** (right-click a message → Apps): the passages that support the claims in
 * that message, or the note that none does with the nearest passages. Discord hands message commands the
 * target message's content, so no privileged intent is needed.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder, MessageFlags } from 'discord.js';
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
    const text = interaction.targetMessage.content ?? '';
    if (!cleanMessage(text).text) return replyEphemeral(interaction, messages.emptyMessage);
    if (!(await allowQuestion(interaction, service))) return;

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const result = service.findSources('discord', text, request.requestId);
    await interaction.editReply(renderFindSources(result));
  },
} satisfies MessageCommand;
