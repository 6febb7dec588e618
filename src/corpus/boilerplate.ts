/**
 * Lines that are not content: navigation, promotion, counters, social handles, reference lists, video
 * titles. They are skipped when passages are built (never deleted from the text, so offsets stay exact).
 * General rules here; each corpus adds its own patterns in its metadata file.
 */

const GENERAL_RULES: RegExp[] = [
  // Promotion and navigation, after any leading emoji or markup: "📚 New to this topic? …", "**Also read:** …"
  /^(also read|read more|read next|related( articles?| stories)?|recommended|more from|new to this topic|subscribe|sign up|follow us|share (this|on)|advertisement|sponsored)\b/i,
  // Social handles: "@name", "@@name", "@u/name"
  /^@{1,2}(u\/)?[\w.]+$/,
  // Counters and badges: "22+", "4 cited", "1.2k shares"
  /^[\d.,]+[kKmM]?\+?(\s+(cited|signals?|sources?|comments?|shares?|views?|likes?|reads?))?$/i,
  // Reference lists: "[1] Web – …", "Sources: …"
  /^\[\d+\]/,
  /^(sources?|references?|citations?)\s*:/i,
  // Notes about the article, not its story: "Warning: this story contains …", "Content warning: …",
  // "This article was originally published on …". (Not "Editor's note:", "Correction:" or "Update:":
  // those can state facts.)
  /^(warning: this (story|article)\b|(content|trigger) warning\s*:)/i,
  /^this (article|story) (was|is|has been) (originally |first )?(re)?published\b/i,
];

/**
 * Video and broadcast titles: "Title | Channel | Show", a pipe-separated line outside a table that does not
 * end as a sentence ("Alibaba shares (BABA | 9988.HK | ADR) fell sharply." is reporting).
 */
const VIDEO_TITLE = /^[^|]+(\|[^|]+){2,}(?<![.!?"”])$/;

/** Leading emoji, bullets and markup that hide the words a rule looks at. */
const LEADING_NOISE = /^[^\p{L}\p{N}@[]+/u;

export class BoilerplateRules {
  readonly #custom: RegExp[];
  readonly #sections: RegExp[];

  /**
   * `lines`: the corpus's own patterns for boilerplate lines; `sections`: patterns for headings whose whole
   * section is boilerplate (regular expressions, case-insensitive, from the corpus's metadata file).
   */
  constructor(lines: readonly string[] = [], sections: readonly string[] = []) {
    this.#custom = lines.map((pattern) => new RegExp(pattern, 'iu'));
    this.#sections = sections.map((pattern) => new RegExp(pattern, 'iu'));
  }

  /** Whether a heading opens a section that is boilerplate as a whole. */
  isBoilerplateSection(heading: string): boolean {
    return this.#sections.some((rule) => rule.test(heading));
  }

  /** Whether a trimmed line is boilerplate; a table's row ("Wind | 145 mph | NWS") is not a video title. */
  matches(line: string, inTable = false): boolean {
    if (this.#custom.some((rule) => rule.test(line))) return true;
    const words = line.replace(LEADING_NOISE, '');
    const rule = (pattern: RegExp) => pattern.test(words) || pattern.test(line);
    return GENERAL_RULES.some(rule) || (!inTable && rule(VIDEO_TITLE));
  }

  /** Whether a trimmed line is a social handle (the line after a quoted post). */
  static isHandle(line: string): boolean {
    return /^@{1,2}(u\/)?[\w.]+$/.test(line);
  }
}
