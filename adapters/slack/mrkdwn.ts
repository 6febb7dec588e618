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

/**
 * Slack's markup in a user's text as Slack shows it, for echoing it back: `<@U1|ann>` as "@ann",
 * `<#C1|general>` as "#general", `<!here>` as "@here", `<https://…|label>` as "label". Shown as plain text
 * (escaped, in verbatim text objects), none of it mentions, links or notifies anyone.
 */
export function shownAsSlackShowsIt(text: string): string {
  return text.replace(SLACK_MARKUP, (whole, ...args) => {
    const { user, channel, special, url, label } = args.at(-1) as Record<string, string | undefined>;
    if (user) return `@${label || 'someone'}`;
    if (channel) return `#${label || 'a channel'}`;
    if (special?.startsWith('subteam^')) return label ? `@${label.replace(/^@/, '')}` : '@a group';
    if (special) return label || (/^(here|channel|everyone)$/.test(special) ? `@${special}` : whole);
    return label || url || whole;
  });
}

/** `<@U…|label>`, `<#C…|label>`, `<!here>`, `<!subteam^…|label>`, `<!date^…|label>`, `<https://…|label>`. */
const SLACK_MARKUP =
  /<(?:@(?<user>[UW][A-Z0-9]+)|#(?<channel>C[A-Z0-9]+)|!(?<special>[a-z][^<>|]*)|(?<url>[a-z][a-z0-9+.-]*:[^<>|\s]+))(?:\|(?<label>[^<>]*))?>/g;

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
