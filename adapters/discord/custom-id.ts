/**
 * Button ids. Buttons are stateless: everything a button needs is in its `custom_id` (≤ 100 characters) or
 * in the message it is attached to (the question line), so they keep working across restarts. The corpus
 * version in the id lets a button say the answer has expired once the sources change.
 *
 *   facts:<action>:<offset>:<corpusVersion>:<source>
 *
 * `<source>` is `-` for none, the source id, or `#<n>` (its position in `FactsIndex.sources()`) when the id
 * would make the custom_id too long — positions are stable for a given corpus version.
 */

/** Longest custom_id Discord accepts. */
export const MAX_CUSTOM_ID = 100;

const PREFIX = 'facts';

export type ButtonAction = 'more' | 'share';

export interface ButtonState {
  action: ButtonAction;
  /** Offset of the first answer to show. */
  offset: number;
  corpusVersion: string;
  /** Encoded source filter (an id or `#<n>`), or null. */
  source: string | null;
}

/** The custom_id of a button. Throws if it cannot fit, which `sourceKey` rules out. */
export function encodeButton(state: ButtonState): string {
  const id = [PREFIX, state.action, String(state.offset), state.corpusVersion, state.source ?? '-'].join(':');
  if (id.length > MAX_CUSTOM_ID)
    throw new Error(`Discord adapter: custom_id longer than ${MAX_CUSTOM_ID}: ${id}`);
  return id;
}

/** Reads a custom_id written by `encodeButton`; null for anything else. */
export function decodeButton(customId: string): ButtonState | null {
  const [prefix, action, offset, corpusVersion, ...rest] = customId.split(':');
  const source = rest.join(':');
  if (prefix !== PREFIX || (action !== 'more' && action !== 'share')) return null;
  if (!offset || !/^\d{1,6}$/.test(offset) || !corpusVersion || !source) return null;
  return { action, offset: Number(offset), corpusVersion, source: source === '-' ? null : source };
}

/** Room left for the source part in the longest id we write (6-digit offset). */
const SOURCE_ROOM = (corpusVersion: string) =>
  MAX_CUSTOM_ID - `${PREFIX}:share:999999:${corpusVersion}:`.length;

/** The `<source>` part for a source id: the id itself when it fits, else its position among `sourceIds`. */
export function sourceKey(
  sourceId: string | null,
  sourceIds: string[],
  corpusVersion: string,
): string | null {
  if (sourceId === null) return null;
  if (sourceId.length <= SOURCE_ROOM(corpusVersion) && !sourceId.startsWith('#') && sourceId !== '-') {
    return sourceId;
  }
  return `#${sourceIds.indexOf(sourceId)}`;
}

/** The source id for a `<source>` part; undefined when it names no source of the current corpus. */
export function sourceFromKey(key: string | null, sourceIds: string[]): string | null | undefined {
  if (key === null) return null;
  if (key.startsWith('#')) return sourceIds[Number(key.slice(1))];
  return sourceIds.includes(key) ? key : undefined;
}
