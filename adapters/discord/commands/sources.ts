/** `/sources`: the articles the bot answers from. */
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommand } from '../command.js';
import { renderSources } from '../render.js';

export const sources = {
  kind: 'chat-input',
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the articles the answers are quoted from')
    .toJSON(),

  async execute(interaction, { service }) {
    await interaction.reply({
      ...renderSources(service.sources(), service.corpusVersion),
      flags: MessageFlags.Ephemeral,
    });
  },
} satisfies ChatInputCommand;
