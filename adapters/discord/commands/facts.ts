/** `/facts question:<text> [source:<id>] [public:<bool>]`: verbatim, cited excerpts that answer a question. */
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { cleanUserText, MAX_QUESTION_LENGTH, messages, shorten } from '../../../src/present.js';
import type { ChatInputCommand } from '../command.js';
import { sourceKey } from '../custom-id.js';
import { escapeUserText, PAGE_SIZE, renderAnswer, toChoices } from '../render.js';
import { allowQuestion, replyEphemeral } from '../respond.js';

export const OPTION_QUESTION = 'question';
export const OPTION_SOURCE = 'source';
export const OPTION_PUBLIC = 'public';

export const facts = {
  kind: 'chat-input',
  data: new SlashCommandBuilder()
    .setName('facts')
    .setDescription('Answer a question about the story with verbatim, cited excerpts of its sources')
    .addStringOption((option) =>
      option
        .setName(OPTION_QUESTION)
        .setDescription('What you want to know')
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_LENGTH)
        .setAutocomplete(true),
    )
    .addStringOption((option) =>
      option.setName(OPTION_SOURCE).setDescription('Only answer from this source').setAutocomplete(true),
    )
    .addBooleanOption((option) =>
      option
        .setName(OPTION_PUBLIC)
        .setDescription('Show the answer to the whole channel (default: only you)'),
    )
    .toJSON(),

  async execute(interaction, { service, request }) {
    const question = cleanUserText(interaction.options.getString(OPTION_QUESTION, true));
    if (!question.text) return replyEphemeral(interaction, messages.emptyQuestion);

    const sourceOption = interaction.options.getString(OPTION_SOURCE)?.trim() || null;
    const sourceIds = service.sources().map((s) => s.id);
    if (sourceOption !== null && !sourceIds.includes(sourceOption)) {
      return replyEphemeral(interaction, messages.unknownSource(escapeUserText(shorten(sourceOption, 100))));
    }
    if (!(await allowQuestion(interaction, service))) return;

    const isPublic = interaction.options.getBoolean(OPTION_PUBLIC) ?? false;
    // Ranking is in-process and quick, but a large corpus or a busy process could pass the 3 s window.
    await interaction.deferReply(isPublic ? {} : { flags: MessageFlags.Ephemeral });
    const result = service.ask(
      'discord',
      question.text,
      { k: PAGE_SIZE, offset: 0, ...(sourceOption ? { source: sourceOption } : {}) },
      request.requestId,
    );
    await interaction.editReply(
      renderAnswer(result, {
        question: question.text,
        offset: 0,
        source: sourceKey(sourceOption, sourceIds, result.corpusVersion),
        ephemeral: !isPublic,
        notices: question.truncated ? [messages.questionTooLong(MAX_QUESTION_LENGTH)] : [],
      }),
    );
  },

  async autocomplete(interaction, { service }) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === OPTION_SOURCE) {
      const typed = focused.value.trim().toLowerCase();
      const sources = service
        .sources()
        .filter((s) => !typed || `${s.id} ${s.title} ${s.publisher ?? ''}`.toLowerCase().includes(typed));
      await interaction.respond(
        toChoices(
          sources.map((s) => ({
            name: [s.title, s.publisher, s.published].filter(Boolean).join(' · '),
            value: s.id,
          })),
        ),
      );
      return;
    }
    const typed = cleanUserText(focused.value).text;
    const suggestions = service.suggest(typed, 25);
    await interaction.respond(toChoices(suggestions.map((s) => ({ name: s, value: s }))));
  },
} satisfies ChatInputCommand;
