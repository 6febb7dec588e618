/** Reads Block Kit payloads the way a test needs: Slack's limits, the quoted excerpts, the mrkdwn, the buttons. */

type Json = Record<string, unknown>;

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const textOf = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Json).text === 'string')
    return (value as Json).text as string;
  return '';
};

/** Every breach of Slack's documented limits in a message body (empty when it is within them). */
export function slackLimitProblems(message: Json): string[] {
  const problems: string[] = [];
  const blocks = asArray(message.blocks);
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
  if (textOf(message.text).length > 4000) problems.push('text over 4000 characters');
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `block ${i} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section': {
        const text = textOf(block.text);
        if (text.length === 0 || text.length > 3000)
          problems.push(`${where}: text length ${text.length} (1..3000)`);
        break;
      }
      case 'context': {
        const elements = asArray(block.elements);
        if (elements.length === 0 || elements.length > 10)
          problems.push(`${where}: ${elements.length} elements`);
        for (const element of elements) {
          const text = textOf(element);
          if (text.length === 0 || text.length > 3000)
            problems.push(`${where}: element text length ${text.length}`);
        }
        break;
      }
      case 'rich_text':
        for (const text of richTexts(block)) {
          if (text.length === 0 || text.length > 3000)
            problems.push(`${where}: rich text length ${text.length}`);
        }
        break;
      case 'actions': {
        const elements = asArray(block.elements);
        if (elements.length === 0 || elements.length > 25)
          problems.push(`${where}: ${elements.length} elements`);
        for (const element of elements) {
          const label = textOf(element.text);
          if (label.length === 0 || label.length > 75)
            problems.push(`${where}: button label length ${label.length}`);
          if (typeof element.value === 'string' && element.value.length > 2000)
            problems.push(`${where}: value too long`);
          const id = String(element.action_id);
          if (id.length > 255) problems.push(`${where}: action_id too long`);
          if (actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
          actionIds.add(id);
        }
        break;
      }
      default:
        problems.push(`${where}: a block type these tests do not know`);
    }
  });
  // Slack refuses blocks holding more than about 12,000 characters of text in all (msg_blocks_too_long).
  const total = [...mrkdwnTexts({ blocks }), ...quotes({ blocks })].join('').length;
  if (total > 11_000) problems.push(`${total} characters of text in all (about 12,000 at most)`);
  return problems;
}

function richTexts(node: Json): string[] {
  const out: string[] = [];
  for (const element of asArray(node.elements)) {
    if (element.type === 'text' && typeof element.text === 'string') out.push(element.text);
    else out.push(...richTexts(element));
  }
  return out;
}

/** The quoted excerpts of a message, in order. */
export function quotes(message: Json): string[] {
  return asArray(message.blocks)
    .filter((block) => block.type === 'rich_text')
    .flatMap((block) => richTexts(block));
}

/** Every mrkdwn string of a message: `text`, sections and context elements. */
export function mrkdwnTexts(message: Json): string[] {
  const out = [textOf(message.text)];
  for (const block of asArray(message.blocks)) {
    if (block.type === 'section') out.push(textOf(block.text));
    if (block.type === 'context') out.push(...asArray(block.elements).map(textOf));
  }
  return out;
}

/** The buttons of a message. */
export function buttons(message: Json): Array<{ action_id: string; value: string; label: string }> {
  return asArray(message.blocks)
    .filter((block) => block.type === 'actions')
    .flatMap((block) => asArray(block.elements))
    .map((element) => ({
      action_id: String(element.action_id),
      value: String(element.value),
      label: textOf(element.text),
    }));
}

/** The button with this action id, or a test failure. */
export function button(message: Json, actionId: string): { action_id: string; value: string; label: string } {
  const found = buttons(message).find((b) => b.action_id === actionId);
  if (!found) throw new Error(`no button ${actionId} in ${JSON.stringify(message.blocks)}`);
  return found;
}

/** Undoes mrkdwn escaping, to compare displayed text with what was typed. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
