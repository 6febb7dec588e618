/** Every command the bot registers and handles. */
import type { Command } from '../command.js';
import { facts } from './facts.js';
import { findSources } from './find-sources.js';
import { sources } from './sources.js';

export const commands: readonly Command[] = [facts, sources, findSources];

/** The bodies the deploy script registers (`PUT /applications/{id}/commands`). */
export function commandBodies() {
  return commands.map((command) => command.data);
}
