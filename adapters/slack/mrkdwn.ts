/**
 * Slack's text conventions: the three characters mrkdwn treats as control characters, the escaping Slack
 * applies to message text it sends us, links, and mentions of the bot.
 */

/** Escapes `&`, `<` and `>` so that text shows as typed: `<!channel>` or `<@U…>` in it notifies nobody. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undoes Slack's escaping of `&`, `<` and `>` in message and command text (`&amp;` last, so `&amp;lt;` stays `&lt;`). */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Removes mentions of the bot (`<@U123>` or `<@U123|facts>`) from raw message text. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text;
  const id = botUserId.replace(/[^A-Z0-9]/gi, '');
  return text.replace(new RegExp(`<@${id}(\\|[^>]*)?>`, 'g'), ' ');
}

/**
 * A mrkdwn link `<url|label>` with the label escaped, or the escaped label alone when `url` is not an
 * http(s) address. Characters that would end the link early are percent-encoded.
 */
export function mrkdwnLink(url: string | null, label: string): string {
  const text = escapeMrkdwn(label);
  if (!url || !/^https?:\/\//i.test(url)) return text;
  const safe = url.replace(/[|<>\s]/g, (c) => encodeURIComponent(c));
  return `<${safe}|${text}>`;
}

/** A Slack user mention for an id Slack gave us, or `null` when it does not look like one. */
export function userMention(userId: string | undefined): string | null {
  return userId && /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : null;
}
