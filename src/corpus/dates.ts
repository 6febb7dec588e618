/** The day a date as an article's header writes it gives. */
import { findDates } from '../search/figures.js';
import { isoDate } from './metadata.js';

/**
 * The day a header or front matter date gives, as YYYY-MM-DD: "2026-06-26", "2026-06-26 11:00:31+00:00",
 * "June 26, 2026", "Friday, 26 June 2026, 11:00 BST". Null when it gives no whole, real day ("2026-02-30",
 * "26/06/2026", whose order of day and month is not known, or "yesterday").
 */
export function dayOf(written: string): string | null {
  const iso = /^(\d{4}-\d{2}-\d{2})(?![\d-])/.exec(written)?.[1];
  if (iso !== undefined) return isoDate.safeParse(iso).success ? iso : null;
  const [first] = findDates(written, 0, written.length);
  return first && /^\d{4}-\d{2}-\d{2}$/.test(first.value) ? first.value : null;
}
