/**
 * Routes each interaction to its command or button handler inside `FactsService.handle` (request id,
 * in-flight tracking, error telemetry). Whatever a handler throws is logged and answered with a short
 * ephemeral error; the returned handler never rejects.
 */
import type { Interaction } from 'discord.js';
import type { FactsService } from '../../src/service.js';
import { handleButton } from './buttons.js';
import type { Command } from './command.js';
import { commands as allCommands } from './commands/index.js';
import { answerFailure } from './respond.js';

export function createInteractionHandler(
  service: FactsService,
  commands: readonly Command[] = allCommands,
): (interaction: Interaction) => Promise<void> {
  const byName = new Map(commands.map((command) => [command.data.name, command]));

  return async (interaction) => {
    try {
      await service.handle('discord', async (request) => {
        const context = { service, request };
        if (interaction.isButton()) return handleButton(interaction, context);
        if (!interaction.isCommand() && !interaction.isAutocomplete()) return;
        const command = byName.get(interaction.commandName);
        if (!command) throw new Error(`Discord adapter: no handler for command "${interaction.commandName}"`);
        if (interaction.isAutocomplete()) {
          if (command.kind === 'chat-input' && command.autocomplete)
            await command.autocomplete(interaction, context);
          else await interaction.respond([]);
        } else if (interaction.isChatInputCommand() && command.kind === 'chat-input') {
          await command.execute(interaction, context);
        } else if (interaction.isMessageContextMenuCommand() && command.kind === 'message') {
          await command.execute(interaction, context);
        } else {
          throw new Error(`Discord adapter: "${interaction.commandName}" is registered with another type`);
        }
      });
    } catch (error) {
      // Already logged and counted by FactsService.handle.
      await answerFailure(interaction, service.logger, error);
    }
  };
}
