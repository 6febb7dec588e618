/**
 * What a button carries so that any replica can act on a click with no memory of the first answer: the
 * question, the page, the corpus version it was answered from and the source filter. Stored as JSON in the
 * button's `value` (Slack allows 2000 characters).
 */
import { z } from 'zod';

/** Slack's limit on a button's `value`. */
export const BUTTON_VALUE_MAX = 2000;

const schema = z.object({
  /** The question, as cleaned. */
  q: z.string().min(1).max(BUTTON_VALUE_MAX),
  /** How many answers to skip. */
  o: z.number().int().min(0).max(1000),
  /** `corpusVersion` of the answer the button belongs to. */
  v: z.string().max(64),
  /** Source filter, when the question was asked of one source. */
  s: z.string().max(200).optional(),
});

export type ButtonValue = z.infer<typeof schema>;

/** The button value as JSON, or `null` when it would not fit Slack's limit. */
export function encodeButtonValue(value: ButtonValue): string | null {
  const json = JSON.stringify(value);
  return json.length <= BUTTON_VALUE_MAX ? json : null;
}

/** The value of a button we rendered, or `null` when it is not one (never throws). */
export function decodeButtonValue(raw: string | undefined): ButtonValue | null {
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
