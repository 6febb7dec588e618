/**
 * The corpus metadata file (`sources.json` in the corpus folder), validated with zod. Every part is
 * optional: a folder of bare articles works, with titles, links and dates read from the text itself.
 */
import { z } from 'zod';

const regexPattern = z.string().refine((pattern) => {
  try {
    new RegExp(pattern, 'iu');
    return true;
  } catch {
    return false;
  }
}, 'a valid regular expression');

/** The longest id a source may have. */
export const MAX_ID_LENGTH = 64;
/** The characters an id may hold (a regular expression class, `u` flag): letters with their marks, digits, "_", ".", "-". */
export const ID_CHARACTERS = '\\p{L}\\p{M}\\p{N}_.-';

/** A calendar date, YYYY-MM-DD ("2026-02-30" is not one). */
export const isoDate = z.iso.date();

/** Metadata of one article, keyed by its file name. */
const sourceMetadata = z.strictObject({
  /** Id used in citations and in `--source`; default: the file name without its extension. */
  id: z
    .string()
    .regex(
      new RegExp(`^[${ID_CHARACTERS}]{1,${MAX_ID_LENGTH}}$`, 'u'),
      `letters, digits, ".", "_" or "-", at most ${MAX_ID_LENGTH}`,
    )
    .optional(),
  /** Headline; default: the first content line of the text. */
  title: z.string().min(1).max(300).optional(),
  /** Address of the article; default: a `> Source: <url>` line of the text, else none. */
  url: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  /** Publisher's name; default: none. */
  publisher: z.string().min(1).max(120).nullable().optional(),
  /** Publication date (YYYY-MM-DD); default: a `> Published: …` line of the text, else none. */
  published: isoDate.nullable().optional(),
});

export const metadataSchema = z.strictObject({
  /** Per-file metadata, keyed by file name (e.g. "000_40f129f454e729a6.txt"). */
  sources: z.record(z.string(), sourceMetadata).default({}),
  /**
   * Regular expressions (JavaScript syntax, case-insensitive) for lines of this corpus that are not
   * content: captions, promotions, navigation. Matching lines are never returned as answers; the text
   * is not changed, so offsets stay exact.
   */
  boilerplate: z.array(regexPattern).default([]),
  /**
   * Regular expressions (case-insensitive) for section headings whose whole section is boilerplate (a
   * "The Crowd" list of social posts, a "Broadcast" list of videos), up to the next markdown heading.
   */
  boilerplateSections: z.array(regexPattern).default([]),
  /**
   * Example questions the corpus answers: shown when a question is refused and offered as autocomplete.
   * Only those the index really answers are ever shown.
   */
  suggestions: z.array(z.string().min(3).max(100)).default([]),
});

export type CorpusMetadata = z.infer<typeof metadataSchema>;
export type SourceMetadata = z.infer<typeof sourceMetadata>;

export const METADATA_FILE = 'sources.json';
export const SYNONYMS_FILE = 'synonyms.txt';
