/**
 * Raw interaction payloads as Discord sends them in INTERACTION_CREATE, and predicates that find the
 * requests the bot made in answer to one of them.
 */
import {
  APP_ID,
  BOT_USER,
  CHANNEL_ID,
  GUILD_ID,
  plainMessageFields,
  type RecordedRequest,
  snowflake,
} from './fake-discord.js';

export interface RawInteraction {
  id: string;
  token: string;
  type: number;
  [key: string]: unknown;
}

export interface RawUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
}

/** A fresh user, so that tests do not share a rate-limit allowance unless they mean to. */
export function newUser(name = 'reader'): RawUser {
  return { id: snowflake(), username: name, discriminator: '0', global_name: name, avatar: null };
}

function base(type: number, user: RawUser, extra: Record<string, unknown>): RawInteraction {
  const id = snowflake();
  return {
    id,
    application_id: APP_ID,
    type,
    token: `token-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general' },
    member: {
      user,
      roles: [],
      permissions: '2248473465835073',
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { 0: GUILD_ID },
    context: 0,
    ...extra,
  };
}

type OptionValue = string | boolean;

function toOptions(options: Record<string, OptionValue>, focused?: string) {
  return Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : 3,
    value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

/** `/name option:value …` */
export function chatInput(
  name: string,
  options: Record<string, OptionValue> = {},
  user: RawUser = newUser(),
): RawInteraction {
  return base(2, user, {
    data: { id: snowflake(), name, type: 1, guild_id: GUILD_ID, options: toOptions(options) },
  });
}

/** Autocomplete while typing in option `focused` of `/name`. */
export function autocomplete(
  name: string,
  options: Record<string, string>,
  focused: string,
  user: RawUser = newUser(),
): RawInteraction {
  return base(4, user, { data: { id: snowflake(), name, type: 1, options: toOptions(options, focused) } });
}

/** A message of another user, as Discord resolves it for a message command. */
export function userMessage(content: string, author: RawUser = newUser('author')) {
  return {
    id: snowflake(),
    type: 0,
    channel_id: CHANNEL_ID,
    author,
    content,
    embeds: [] as object[],
    components: [],
    ...plainMessageFields(),
    timestamp: '2026-06-27T10:00:00.000Z',
    edited_timestamp: null,
    flags: 0,
  };
}

/** Apps → `name` on `message`. */
export function messageCommand(
  name: string,
  message: ReturnType<typeof userMessage>,
  user: RawUser = newUser(),
): RawInteraction {
  return base(2, user, {
    data: {
      id: snowflake(),
      name,
      type: 3,
      guild_id: GUILD_ID,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
    },
  });
}

/** What the bot sent for a message (a webhook edit or follow-up body), as the message Discord then holds. */
export interface SentMessage {
  content?: string;
  embeds?: unknown[];
  components?: Array<{ components: Array<{ custom_id?: string; label?: string }> }>;
  flags?: number;
}

/** A click on button `customId` of a message the bot sent (`sent`: the body it sent; `flags`: 64 if ephemeral). */
export function buttonClick(
  customId: string,
  sent: SentMessage,
  flags: number,
  user: RawUser = newUser(),
): RawInteraction {
  const message = {
    ...userMessage(sent.content ?? '', { ...BOT_USER, global_name: null }),
    embeds: sent.embeds ?? [],
    components: sent.components ?? [],
    flags,
    type: 20,
    webhook_id: APP_ID,
    application_id: APP_ID,
  };
  return base(3, user, { data: { custom_id: customId, component_type: 2 }, message });
}

/** The interaction callback (initial response) to `interaction`. */
export const isCallback =
  (interaction: RawInteraction) =>
  (request: RecordedRequest): boolean =>
    request.method === 'POST' &&
    request.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;

/** An edit of the original response to `interaction` (after a defer). */
export const isEditOriginal =
  (interaction: RawInteraction) =>
  (request: RecordedRequest): boolean =>
    request.method === 'PATCH' &&
    request.path === `/api/v10/webhooks/${APP_ID}/${interaction.token}/messages/@original`;

/** A follow-up message to `interaction`. */
export const isFollowUp =
  (interaction: RawInteraction) =>
  (request: RecordedRequest): boolean =>
    request.method === 'POST' && request.path === `/api/v10/webhooks/${APP_ID}/${interaction.token}`;

/** Every request made in answer to `interaction`. */
export function requestsFor(requests: RecordedRequest[], interaction: RawInteraction): RecordedRequest[] {
  return requests.filter((r) => r.path.includes(interaction.token));
}
