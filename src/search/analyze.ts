/**
 * Text analysis shared by indexing and querying, so that a question and a passage meet on the same terms:
 * Unicode NFKC, typographic quotes and dashes folded, case folded, numbers normalised ("25,000" = "25000",
 * "28.8 million" = "28.8M" = "28800000"), contractions read as their words ("didn't" = "did not"), English
 * stop words dropped, irregular verbs and comparatives brought to their base form (wink-lemmatizer:
 * "became" = "become", "wrote" = "write", "largest" = "large"), then Porter stemming.
 */
import { createRequire } from 'node:module';
import { stemmer } from 'stemmer';
import { eng as ENGLISH_STOP_WORDS } from 'stopword';
import lemmatizer from 'wink-lemmatizer';

// wink-lexicon's WordNet tables, the same objects wink-lemmatizer loads. Required rather than imported:
// through an ES import, tsx (which `npm start` runs) keeps about 5 MB more heap.
const require = createRequire(import.meta.url);
/** WordNet's base forms, each with the index of its senses in wordNetSenses. */
const wordNetWords: Record<string, number> = require('wink-lexicon/src/wn-words.js');
/** Each word's WordNet lexicographer files, one a sense: 0–1 adjective, 2 adverb, 3–28 noun, 29–43 verb. */
const wordNetSenses: number[][] = require('wink-lexicon/src/wn-word-senses.js');
/** The lexicographer file of adverbs. */
const ADVERBS = 2;

const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

/**
 * One token: a number with its optional scale word, a dotted acronym with its optional possessive ("U.S.",
 * "U.S.'s", and "u.s." as people type it), or a word (letters and digits, with an inner apostrophe:
 * "Alibaba's", "US's").
 */
const TOKEN =
  /(\d[\d,]*(?:\.\d+)?)(?:\s?([Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion|[Mm]n|[Bb]n|[Tt]n|[kmbKMB])(?![\p{L}\p{N}]))?|((?:\p{Lu}\.){2,}|u\.s\.)(?:'[sS](?![\p{L}\p{N}]))?|([\p{L}\p{N}]+(?:'[\p{L}]+)*)/gu;

/** An upper-case acronym, with its optional possessive: "US", "AI's". */
const ACRONYM = /^(\p{Lu}{2,})(?:'[sS])?$/u;

/** Discord and Slack mentions (`<@123>`, `<@U04ABC|bob>`, `<!channel>`, `@everyone`), channel links, custom emoji, timestamps. */
const MENTIONS =
  /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:\d+(?::\w)?|![^>]*|[@#][A-Z0-9]+(?:\|[^>]*)?)>|(?<![\w@])@(?:everyone|here|channel)\b/g;
/**
 * A link: Slack's `<https://…|label>` and markdown's `[label](https://…)` keep their label, unless it is
 * only an address (ADDRESS).
 */
const LABELLED_LINK =
  /<(?:https?|mailto):[^|>\s]*(?:\|([^>]*))?>|\[([^\]]*)\]\((?:https?:|mailto:)[^)\s]*\)/g;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>]+/g;
/** A link label that is only an address: "cnbc.com", "www.cnbc.com/x" (not "28.8" or "U.S."). */
const ADDRESS = /^(?:https?:\/\/|www\.)\S+$|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:\/\S*)?$/i;
/**
 * An emoji shortcode standing alone, ":thinking_face:", ":+1::skin-tone-2:" (a letter or "+" in it, not
 * inside a word: not "10:30:45", "10:30am:ish" or "Qwen2.5:7b:instruct").
 */
const EMOJI_SHORTCODE = /(?<![\w:]):(?=[\w+-]*[a-zA-Z+])[\w+-]+:(?::[\w+-]+:)*(?![\w:])/g;
const EMPHASIS = /[*_~`>|#]+/g;

/**
 * A question or message without the chat markup that is not part of it: mentions, links, emoji shortcodes
 * and markdown emphasis. So "@everyone how many **fake** accounts?" asks about fake accounts, not about
 * "everyone", and the digits of an id, a timestamp or a link are not figures an answer must hold. In this
 * order: a link's address may hold "_" and a shortcode "_", which are also emphasis.
 */
export function withoutChatMarkup(text: string): string {
  return text
    .replace(LABELLED_LINK, (_link, slack?: string, markdown?: string) => {
      const label = (slack ?? markdown ?? '').trim();
      return ADDRESS.test(label) ? ' ' : ` ${label} `;
    })
    .replace(BARE_URL, ' ')
    .replace(MENTIONS, ' ')
    .replace(EMOJI_SHORTCODE, ' ')
    .replace(EMPHASIS, ' ');
}

/** NFKC, then typographic quotes and dashes folded to ASCII. Keeps the string's length unchanged per character class. */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4\u02bc`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/** Canonical form of a number: "25,000" → "25000", ("28.8", "million") → "28800000", "0.5" → "0.5". */
export function canonicalNumber(digits: string, scale?: string): string {
  const value =
    Number.parseFloat(digits.replace(/,/g, '')) * (scale ? (SCALES[scale.toLowerCase()] ?? 1) : 1);
  if (!Number.isFinite(value)) return digits.replace(/,/g, '');
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

/**
 * "U.S.", "US" → "usa": the country must not meet the pronoun "us" or the stem of "used"; other acronyms
 * ("AI", "R&D") are just case folded.
 */
function acronymTerm(letters: string): string {
  const lower = letters.toLowerCase();
  return lower === 'us' ? 'usa' : lower;
}

/** A raw token (not yet stemmed; stop words kept), where it starts in the folded text, and as written there. */
interface RawToken {
  token: string;
  index: number;
  written: string;
}

/** Splits text into raw tokens with their positions. */
function tokenizeWithOffsets(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (const match of fold(text).matchAll(TOKEN)) {
    const [, digits, scale, dotted, word] = match;
    let token: string | undefined;
    if (digits !== undefined) token = canonicalNumber(digits, scale);
    else if (dotted !== undefined) token = acronymTerm(dotted.replace(/\./g, ''));
    else if (word !== undefined) {
      const acronym = ACRONYM.exec(word)?.[1];
      token = acronym !== undefined ? acronymTerm(acronym) : word;
    }
    if (token !== undefined) tokens.push({ token, index: match.index, written: match[0] });
  }
  return tokens;
}

/** A word a text writes with a capital: as written (folded), its analysed term, and whether it opens the text. */
export interface CapitalisedWord {
  written: string;
  term: string;
  first: boolean;
}

/**
 * The words a text writes with a capital (names, as people type them), read as the index reads them, so
 * that they meet the passages' terms: "U.S." and "US" are "usa", not "u", "s" and "us". Stop words are left
 * out. The first word is marked: its capital may only start the sentence.
 */
export function capitalisedWords(text: string): CapitalisedWord[] {
  const words: CapitalisedWord[] = [];
  tokenizeWithOffsets(text).forEach(({ token, written }, i) => {
    // A contraction ("Didn't…", "I'm…") is no name.
    const lower = written.toLowerCase();
    const term = /^\p{Lu}/u.test(written) && uncontracted(lower) === lower ? analyzeTerm(token) : null;
    if (term !== null) words.push({ written, term, first: i === 0 });
  });
  return words;
}

/** Splits text into raw tokens (not yet stemmed; stop words kept): MiniSearch's `tokenize`. */
export function tokenize(text: string): string[] {
  return tokenizeWithOffsets(text).map((t) => t.token);
}

/**
 * The package's list, less "make": "who makes Claude?" asks for a maker. (Its other light verbs stay stop
 * words: "come" would meet "came out" and "comes" in passages that have nothing to do with a question.)
 * Plus "go", a light verb like "come" ("went", "gone" too): "how did the vote go?" asks about the vote.
 * Plus the personal pronouns the list lacks ("she", "itself"…): they name no one in particular. Not "us",
 * which people also type for the country ("did the us government…").
 */
const STOP_WORDS = new Set([
  ...ENGLISH_STOP_WORDS.filter((word) => word !== 'make'),
  'go',
  ...['she', 'hers', 'herself', 'itself', 'myself', 'yourself', 'ourselves', 'themselves', 'ours', 'yours'],
  'theirs',
]);

/**
 * The modal verbs the list lacks ("would" and "can" are in it): "when will the rest be done?" is not
 * about what "will" happen. Matched as written, not by lemma, so "willing" stays; not "may", which is also
 * the month.
 */
const MODAL_VERBS = new Set(['will', 'shall']);

/**
 * Words that frame a question rather than carry its content ("tell me", "what happened", "explain"):
 * dropped from questions only, so that a chatty phrasing is not read as asking about something the
 * articles never mention.
 */
const QUESTION_FRAMING = new Set([
  'when',
  'why',
  'whom',
  'whose',
  'whether',
  'does',
  'do',
  'tell',
  'told',
  'know',
  'explain',
  'happen',
  'happened',
  'happens',
  'happening',
  'exactly',
  'really',
  'please',
  'thing',
  'things',
  'stuff',
  'deal',
  'story',
  'news',
  'according',
  'article',
  'articles',
  'source',
  'sources',
  'report',
  'reported',
  'say',
  'says',
  'said',
  'mean',
  'means',
  'guy',
  'guys',
  'anyone',
  'someone',
  'kind',
  'sort',
  'like',
  'get',
  'got',
  'whats',
  'hey',
  'hi',
  'okay',
  'ok',
  'i',
  'me',
  'you',
  'u',
  'ya',
  'actually',
  'basically',
  'also',
  'still',
  'even',
  'just',
  'far',
  'whole',
  'exact',
  'supposedly',
  'main',
  'else',
  'besides',
  'anyway',
  'some',
  'any',
  // A negation asks about the same thing ("why didn't Alibaba reply?"); searched for, "not" would pull a
  // question toward any passage that says "not".
  'not',
]);

/** Analyses one raw token: case folded, possessive dropped, stop words removed, stemmed. `null` drops it. */
export function analyzeTerm(raw: string): string | null {
  if (/^\d/.test(raw)) return raw;
  const cached = analysed.get(raw);
  if (cached !== undefined) return cached;
  const word = wordOf(raw);
  const verb = lemmatizer.verb(word);
  // A capitalised word that WordNet does not list may be a name ("Kinder", "Shorter"), and is left as it
  // is; one it lists is compared ("Earlier, the company…").
  const name = /^\p{Lu}/u.test(raw) && wordNetWords[word] === undefined;
  const lemma = name ? verb : comparedToBase(verb);
  // "doing", "done" and "did" are stop words as much as "do".
  const stop = STOP_WORDS.has(word) || STOP_WORDS.has(lemma) || MODAL_VERBS.has(word);
  const term = word.length === 0 || stop ? null : stemmer(lemma);
  // Building an index analyses the same words again and again; questions bring arbitrary new ones,
  // so the memo is emptied when it grows past a corpus-sized vocabulary.
  if (analysed.size >= MAX_MEMO) analysed.clear();
  analysed.set(raw, term);
  return term;
}

/**
 * A comparative or superlative brought to its base form ("larger", "largest" → "large"), so that
 * "biggest" meets "bigger". Not a word that WordNet also knows as a noun or a verb, whose other forms
 * would stay apart ("broker" → "broke" while "brokers" stays; "lower", "lowered"; "better"), nor one whose
 * base is a stop word ("outer") or frames a question ("farthest" → "far").
 */
function comparedToBase(word: string): string {
  if (!/(?:er|est)$/.test(word) || nounOrVerb(word)) return word;
  const base = lemmatizer.adjective(word);
  return STOP_WORDS.has(base) || QUESTION_FRAMING.has(base) ? word : base;
}

/** A word WordNet lists as an adverb and not as anything else ("yet", "publicly"). */
function onlyAdverb(word: string): boolean {
  const index = wordNetWords[word];
  return index !== undefined && (wordNetSenses[index] ?? []).every((file) => file === ADVERBS);
}

function nounOrVerb(word: string): boolean {
  const index = wordNetWords[word];
  return index !== undefined && (wordNetSenses[index] ?? []).some((file) => file >= 3 && file <= 43);
}

/** A raw token as a word: case folded, its contraction undone, possessive and apostrophes dropped. */
function wordOf(raw: string): string {
  return uncontracted(raw.toLowerCase()).replace(/'s$/, '').replace(/'/g, '');
}

/** Negations typed without their apostrophe ("dont", "didnt"), and "cannot": all "not". */
const BARE_NEGATION =
  /^(?:(?:do|does|did|is|was|are|were|has|have|had|could|would|should|must|need)nt|cannot)$/;
/** A pronoun and a verb typed without the apostrophe ("im", "youre"): nothing to search for. */
const BARE_CONTRACTIONS = new Set(['im', 'ive', 'youre', 'youve', 'theyre', 'theyve', 'weve']);

/**
 * A contraction reads as the words it stands for: "didn't" (or "didnt") as "did not", of which only "not"
 * is not a stop word; "I'm", "you're", "we've", "I'll", "why'd" as a pronoun or question word and a verb.
 * Otherwise "dont" and "im" are words no passage has, and a question typed with them is refused. Only a
 * pronoun's or a question word's: "Sa'd" is a name. Returns "" for nothing.
 */
function uncontracted(word: string): string {
  if (word.endsWith("n't") || BARE_NEGATION.test(word)) return 'not';
  if (BARE_CONTRACTIONS.has(word)) return '';
  const base = /^(.+?)'(?:m|re|ve|ll|d)$/.exec(word)?.[1];
  return base !== undefined && (STOP_WORDS.has(base) || QUESTION_FRAMING.has(base)) ? base : word;
}

const MAX_MEMO = 200_000;
const analysed = new Map<string, string | null>();

/** Words that deny what follows them; "didn't", "cannot" and "dont" read as "not". */
const NEGATIONS = new Set(['not', 'no', 'never', 'none', 'nor', 'neither', 'nobody', 'nothing']);
/** Words that make a negation part of what it denies: "no *longer* optional", "no *more* than". */
const NEGATION_PARTS = new Set(['longer', 'more']);
/** After "not", these assert what follows: "not only cheap but fast". */
const NOT_ONLY = new Set(['only', 'just', 'merely']);
/** How many content words after a negation it may reach: "has not, in the public record, issued a … denial". */
const NEGATION_REACH = 8;
/** What ends a negation's reach before that: a clause's end, a dash, "but". */
const CLAUSE_BREAK = /[.;:!?\u2014\u2013]|\s-\s/;

/** What a text denies, for comparing a claim with a passage. */
export interface Denials {
  /**
   * The word each negation denies: the first content word after it, past adverbs and a parenthesis ("has
   * not yet replied", "has not, in the public record, issued").
   */
  heads: Set<string>;
  /** The words within some negation's reach. */
  reached: Set<string>;
  /** The heads the text writes nowhere outside a negation's reach: of those, it says only their denial. */
  onlyDenied: Set<string>;
}

export function denials(text: string): Denials {
  const heads = new Set<string>();
  const reached = new Set<string>();
  const free = new Set<string>();
  const folded = fold(text);
  let reach = 0;
  let seekingHead = false;
  // Words after "not," and before the comma that closes the parenthesis ("has not, in the public record,
  // issued"). Without that comma, the negation was an interjection ("No, Alibaba replied") and they are free.
  let parenthesis: string[] | null = null;
  const endNegation = () => {
    for (const term of parenthesis ?? []) free.add(term);
    [reach, seekingHead, parenthesis] = [0, false, null];
  };
  let end = 0;
  // Whether the token opens the text or a clause; whether the one before was the negation, and it opened.
  let opening = true;
  let justNegated = false;
  let negationOpens = false;
  for (const { token, index, written } of tokenizeWithOffsets(text)) {
    const word = wordOf(token);
    const gap = folded.slice(end, index);
    end = index + written.length;
    const clauseEnds = CLAUSE_BREAK.test(gap);
    if (clauseEnds) opening = true;
    if (clauseEnds || word === 'but') endNegation();
    if (seekingHead && gap.includes(',')) {
      // "has not, in …, issued": a parenthesis opens right after a negation within the sentence. A comma
      // anywhere else before the denied word ("No, …", "Not surprisingly, …") makes it an interjection.
      if (parenthesis !== null) {
        for (const term of parenthesis) reached.add(term);
        parenthesis = null;
      } else if (justNegated && !negationOpens) parenthesis = [];
      else endNegation();
    }
    justNegated = false;
    if (NEGATIONS.has(word)) {
      endNegation();
      [reach, seekingHead, justNegated, negationOpens] = [NEGATION_REACH, true, true, opening];
      continue;
    }
    opening = false;
    if (seekingHead && reach === NEGATION_REACH && parenthesis === null && NOT_ONLY.has(word)) endNegation();
    const term = onlyAdverb(word) || (seekingHead && NEGATION_PARTS.has(word)) ? null : analyzeTerm(token);
    if (term === null) continue;
    if (reach === 0) {
      free.add(term);
      continue;
    }
    reach--;
    if (parenthesis !== null) parenthesis.push(term);
    else {
      reached.add(term);
      if (seekingHead) heads.add(term);
      seekingHead = false;
    }
    if (reach === 0) endNegation();
  }
  endNegation();
  return { heads, reached, onlyDenied: new Set([...heads].filter((t) => !free.has(t))) };
}

/** Analyses a question: as `analyzeTerm`, and also drops the words that only frame the question. */
function analyzeQueryTerm(raw: string): string | null {
  if (QUESTION_FRAMING.has(wordOf(raw))) return null;
  return analyzeTerm(raw);
}

/** An analysed term and where its token starts in the text (offsets are exact unless NFKC changed lengths). */
export interface Term {
  term: string;
  index: number;
}

/** The analysed terms of a text, in order, with positions (for coverage, proximity and figures). */
export function analyzeWithOffsets(text: string): Term[] {
  const terms: Term[] = [];
  for (const { token, index } of tokenizeWithOffsets(text)) {
    const term = analyzeTerm(token);
    if (term !== null) terms.push({ term, index });
  }
  return terms;
}

/** The analysed terms of a text, in order. */
export function analyze(text: string): string[] {
  return analyzeWithOffsets(text).map((t) => t.term);
}

/** The analysed terms of a question, in order, without duplicates. */
export function analyzeQuery(text: string): string[] {
  return [
    ...new Set(
      tokenize(text)
        .map(analyzeQueryTerm)
        .filter((term): term is string => term !== null),
    ),
  ];
}
