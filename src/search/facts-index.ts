/**
 * The passage index and ranker: MiniSearch (BM25) finds candidate passages, then a re-ranking reads the
 * question as a user means it — how much of it a passage covers, how close together, whether it holds the
 * kind of fact asked for — refuses when nothing covers the question well enough, and groups passages from
 * several sources that state the same fact.
 */
import MiniSearch, { type Query as SearchQuery } from 'minisearch';
import type {
  Answer,
  AskOptions,
  AskResult,
  Disagreement,
  Figure,
  FindSourcesResult,
  QuestionKind,
  SourceSummary,
  Support,
} from '../answer.js';
import { type Corpus, type Source, shownPath } from '../corpus/load.js';
import { METADATA_FILE, SYNONYMS_FILE } from '../corpus/metadata.js';
import { sentenceSpans } from '../corpus/passages.js';
import { cleanMessage, cleanUserText, MAX_QUESTION_LENGTH } from '../present.js';
import {
  analyze,
  analyzeQuery,
  analyzeTerm,
  capitalisedWords,
  denials,
  fold,
  tokenize,
  withoutChatMarkup,
} from './analyze.js';
import { findFigures, sameFigure } from './figures.js';
import { CORROBORATION_BONUS, disagreementOf, sameFact } from './group.js';
import { passageLink } from './link.js';
import { buildPassages, countWords, type Passage, vocabulary } from './passage.js';
import { asksForOverview, measureOf, namesKind, questionKind } from './question.js';
import {
  ASKING_PENALTY,
  answerFigure,
  conceptPositions,
  cover,
  kindFactor,
  lengthFactor,
  ownWordsFactor,
  proximity,
  type Query,
  type Ranked,
  UNKNOWN_NAME_WEIGHT,
} from './rank.js';

export interface FactsIndex {
  /** Content hash of the corpus (12 hex characters). */
  readonly version: string;
  readonly passageCount: number;
  /**
   * What the corpus's own files ask for that the index cannot do: a synonym that can match nothing, an
   * example question no passage answers (never offered). The corpus still loads; operators are told.
   */
  readonly warnings: readonly string[];
  /**
   * Answers a question with cited excerpts, best first; `answers` is empty (and `suggestions` filled)
   * when nothing in the corpus answers it. Never throws on any input string.
   */
  ask(question: string, options?: AskOptions): AskResult;
  /** The passages that support the claims of a message, or the nearest ones when none does. */
  findSources(text: string): FindSourcesResult;
  /** Up to `limit` (default 25, each ≤ 100 chars) completions of what the user is typing. */
  suggest(prefix: string, limit?: number): string[];
  sources(): SourceSummary[];
}

/**
 * The refusal rule. A passage answers a question only when the question's content words it holds (or
 * their synonyms) make up at least this share of the question, each word weighted by how rare it is in
 * the corpus (IDF), so "Alibaba" counts less than "revenue", and a word the corpus never uses counts most:
 * "What is Alibaba's revenue?" is about something the sources do not discuss. With no passage left, the
 * bot refuses.
 *
 * Chosen on test/fixtures/golden.jsonl by sweeping 0.3–0.6 (share of answerable questions refused /
 * of off-topic ones refused). Swept again on the analysis of 8bcf53f: 0.35 → 2% / 50%, 0.4 → 4% / 68%,
 * 0.45 → 5% / 77%, 0.5 → 8% / 77%, 0.55 → 11% / 86%, 0.6 → 17% / 91%. 0.45 refuses as many off-topic
 * questions as 0.5 and fewer answerable ones; higher values buy off-topic refusals with many more
 * answerable ones.
 */
export const MIN_COVERAGE = 0.45;
/** "Find sources" shows one passage per backed claim, for at most this many claims (Discord shows 10 embeds)… */
const MAX_SUPPORTS = 10;
/** …and, while it shows fewer than this many, the next best passages of the claims. */
const MIN_SUPPORTS_SHOWN = 5;

export interface IndexOptions {
  /** Share of a question a passage must cover to be an answer. Default `MIN_COVERAGE`. */
  minCoverage?: number;
}

/**
 * Passages a query may look up in MiniSearch's posting lists (see #searchTerms). Measured with
 * `npm run bench -- --corpora 100k`: 5,000 gave query p99 30 ms, 3,000 gives 16 ms with the same hit@3,
 * 2,000 gives 14 ms but loses 6 points of hit@3. Measured again with the facts-bot 100k row of the bench
 * (three runs each): 2,000 gave p99 8–12 ms but golden hit@1 55% and hit@3 65%, where 3,000 gave 61% and
 * 73%. Since COMMON_WORD_PASSAGES, the same row gives 3,000: p99 6.5–8.5 ms over nine runs (21 and 24 ms
 * in two more, where every query was about twice as slow), golden 57% / 70%, held-out hit@1 43%; 5,000: p99
 * 13–22 ms, 60% / 75%, 45%; 8,000: p99 17–20 ms, 61% / 74%, 48%. Corpora under a few thousand passages
 * never reach it.
 */
const POSTINGS_BUDGET = 3000;

/**
 * A word found in the text of more passages than this is looked up in the passage text only, not in the
 * section headings and previous sentences. A heading repeats its words for every passage of its section
 * and a sentence is also every next passage's previous one, so for a common word those postings multiply
 * the work of the query; coverage still gives a heading or previous sentence that holds it half credit.
 * Measured with the facts-bot 100k row of `npm run bench` (three runs each): without this limit, query p50
 * 4.0–4.7 ms and p99 16–18 ms, golden hit@1 61% and hit@3 73%; with 300, p50 1.8–2.7 ms, p99 6.5–8.5 ms,
 * 57% and 70%; with 1,000, p99 13–14 ms (36 ms in a third, slow run), 60% and 71%. Held-out hit@1 and
 * hit@3 were 43% in all three (one more held-out question refused with 300). The bundled corpus has fewer
 * passages than this in all.
 */
const COMMON_WORD_PASSAGES = 300;

/**
 * Candidates taken from MiniSearch for re-ranking. 30 gives the same golden-set results as 60 at every
 * corpus size of `npm run bench`, for less work per query.
 */
const CANDIDATES = 30;
const DEFAULT_K = 3;
const MAX_K = 20;
const MAX_SUGGESTIONS = 25;
/** Example questions tried against one source when a question asked of it is refused. */
const SUGGESTIONS_TRIED = 30;
const MAX_SUGGESTION_LENGTH = 100;
/** How many opening sentences of an article its lead is looked for in (see #leads). */
const LEAD_WINDOW = 5;

/** Each source's passages and the terms of its title, for checks that look at one article. */
type BySource = Map<Source, { passages: Passage[]; titleTerms: Set<string> }>;

interface SearchDocument {
  id: number;
  text: string;
  section: string;
  previous: string;
}

/** What a build computes before the index exists. */
interface IndexParts {
  corpus: Corpus;
  minCoverage: number;
  passages: Passage[];
  bySource: BySource;
  mini: MiniSearch<SearchDocument>;
  documentFrequency: Map<string, number>;
  synonyms: Map<string, string[]>;
  vocabulary: Array<[string, number]>;
  warnings: Set<string>;
}

/** The term a synonyms-file word reads as; none, with a warning, when it reads as none or several. */
function synonymTerm(word: string, file: string, warnings: Set<string>): string[] {
  const terms = analyze(word);
  if (terms.length === 1) return terms;
  const words = tokenize(word);
  warnings.add(
    words.length > 1
      ? `${file}: "${word}" is ${words.length} words to the index (${words.join(' ')}); it matches nothing`
      : `${file}: "${word}" is not a word the index searches for (a stop word, or no letters); it matches nothing`,
  );
  return [];
}

export class SearchIndex implements FactsIndex {
  readonly version: string;
  readonly #corpus: Corpus;
  readonly #passages: Passage[];
  /** Each source's passages and the terms of its title, for checks that look at one article. */
  readonly #bySource: BySource;
  readonly #mini: MiniSearch<SearchDocument>;
  readonly #documentFrequency: Map<string, number>;
  /** Each synonyms-file term and the terms that may stand for it (itself included). */
  readonly #synonyms: Map<string, string[]>;
  readonly #vocabulary: Array<[string, number]>;
  /** The example questions offered, set once the index can tell which it answers (see #offerSuggestions). */
  #suggestions: string[] = [];
  readonly #suggestionIndex = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize,
    processTerm: analyzeTerm,
  });

  readonly #minCoverage: number;
  readonly #warnings: Set<string>;

  private constructor(parts: IndexParts) {
    this.#corpus = parts.corpus;
    this.version = parts.corpus.version;
    this.#minCoverage = parts.minCoverage;
    this.#passages = parts.passages;
    this.#bySource = parts.bySource;
    this.#mini = parts.mini;
    this.#documentFrequency = parts.documentFrequency;
    this.#synonyms = parts.synonyms;
    this.#vocabulary = parts.vocabulary;
    this.#warnings = parts.warnings;
  }

  /**
   * The build, in small steps: it yields after each passage of every pass over the corpus, so that
   * `buildInSlices` can let other work run in between.
   */
  static *#steps(corpus: Corpus, options: IndexOptions): Generator<void, SearchIndex> {
    const warnings = new Set<string>();
    const passages: Passage[] = [];
    for (const passage of buildPassages(corpus)) {
      passages.push(passage);
      yield;
    }
    const bySource: BySource = new Map();
    for (const source of corpus.sources) {
      bySource.set(source, { passages: [], titleTerms: new Set(analyze(source.title)) });
    }
    const documentFrequency = new Map<string, number>();
    const wordCounts = new Map<string, number>();
    for (const passage of passages) {
      bySource.get(passage.source)?.passages.push(passage);
      for (const term of passage.termSet) {
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      }
      countWords(passage, wordCounts);
      yield;
    }
    const synonyms = new Map<string, string[]>();
    const synonymsFile = shownPath(corpus.dir, SYNONYMS_FILE);
    for (const group of corpus.synonyms) {
      // Read as the passages are, so that "U.S." and "US" are the country, not "u.s." and the pronoun "us";
      // a word that reads as several terms ("e-mail") can stand for none of them.
      const stems = [...new Set(group.flatMap((word) => synonymTerm(word, synonymsFile, warnings)))];
      for (const stem of stems) {
        synonyms.set(stem, [...new Set([...(synonyms.get(stem) ?? []), ...stems])]);
      }
    }
    const mini = new MiniSearch<SearchDocument>({
      fields: ['text', 'section', 'previous'],
      tokenize,
      processTerm: analyzeTerm,
      searchOptions: {
        boost: { section: 0.4, previous: 0.3 },
        // Query terms arrive analysed already (see #rank). A long word the corpus does not have is read as a
        // typo of one it has; fuzzy matching only those keeps queries fast.
        tokenize: (text) => [text],
        processTerm: (term) => term,
        fuzzy: (term) =>
          term.length >= 6 && !/^\d/.test(term) && !documentFrequency.has(term) ? 0.2 : false,
        combineWith: 'OR',
      },
    });
    for (const p of passages) {
      mini.add({
        id: p.id,
        text: p.context ? `${p.context}\n${p.excerpt}` : p.excerpt,
        // An FAQ answer is found by its question as by a heading.
        section: [p.section, p.question].filter((h) => h !== null).join('\n'),
        previous: p.previous,
      });
      yield;
    }
    const index = new SearchIndex({
      corpus,
      minCoverage: options.minCoverage ?? MIN_COVERAGE,
      passages,
      bySource,
      mini,
      documentFrequency,
      synonyms,
      vocabulary: vocabulary(wordCounts),
      warnings,
    });
    yield* index.#offerSuggestions();
    return index;
  }

  /** Offers only the example questions the index really answers: the metadata's, and the articles' FAQ questions. */
  *#offerSuggestions(): Generator<void> {
    const corpus = this.#corpus;
    const candidates = [
      ...corpus.suggestions,
      ...this.#passages
        .filter((p) => p.asks && p.excerpt.length <= MAX_SUGGESTION_LENGTH)
        .map((p) => p.excerpt),
    ];
    const offered: string[] = [];
    for (const question of new Set(candidates)) {
      if (this.#answers(question, {})) offered.push(question);
      yield;
    }
    const metadataFile = shownPath(corpus.dir, METADATA_FILE);
    for (const question of corpus.suggestions) {
      if (!offered.includes(question))
        this.#warnings.add(
          `${metadataFile}: no passage answers the suggestion "${question}"; it is not offered`,
        );
    }
    this.#suggestions = offered;
    this.#suggestionIndex.addAll(offered.map((text, id) => ({ id, text })));
  }

  get warnings(): readonly string[] {
    return [...this.#warnings];
  }

  /** Builds the index of a loaded corpus. */
  static build(corpus: Corpus, options: IndexOptions = {}): SearchIndex {
    const steps = SearchIndex.#steps(corpus, options);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Builds the index as `build` does, but lets the event loop run every `sliceMs` or so: a process that
   * answers questions while it rebuilds (a corpus reload) keeps answering them, and keeps its chat
   * connections alive, however large the corpus.
   */
  static async buildInSlices(corpus: Corpus, options: IndexOptions = {}, sliceMs = 10): Promise<SearchIndex> {
    const steps = SearchIndex.#steps(corpus, options);
    let sliceStarted = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - sliceStarted >= sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      }
    }
  }

  get passageCount(): number {
    return this.#passages.length;
  }

  sources(): SourceSummary[] {
    return this.#corpus.sources.map(({ id, title, url, publisher, published, path, passages }) => ({
      id,
      title,
      url,
      publisher,
      published,
      path,
      passages: passages.length,
    }));
  }

  ask(question: string, options: AskOptions = {}): AskResult {
    const k = clamp(options.k ?? DEFAULT_K, 1, MAX_K);
    const offset = clamp(options.offset ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const asked = cleanUserText(String(question), MAX_QUESTION_LENGTH).text;
    const query = this.#parse(asked);
    const ranked = asksForOverview(asked)
      ? this.#leads(options)
      : onlyStatingTheFact(this.#group(this.#rank(query, options), query.kind), query.kind);
    const page = ranked.slice(offset, offset + k);
    const answers = page.map((g) => this.#answer(g.ranked, g.corroboratedBy, query.kind, g.score));
    return {
      query: asked,
      answers,
      disagreement: this.#disagreement(page.map((r) => r.ranked)),
      hasMore: ranked.length > offset + k,
      suggestions: ranked.length === 0 ? this.#nearestSuggestions(query, options) : [],
      corpusVersion: this.version,
    };
  }

  /**
   * What each article is about, in its own words: its lead, in corpus order. The lead is the first of its
   * opening sentences that shares a word with its title, else the first of them: a byline, a caption or a
   * quote before the lead rarely shares one. An opening sentence is a sentence (not a table row or a list
   * item) that states (not an FAQ question or its answer).
   */
  #leads(options: Pick<AskOptions, 'source'>): Group[] {
    const leads: Group[] = [];
    for (const [source, { passages, titleTerms }] of this.#bySource) {
      if (options.source && source.id !== options.source) continue;
      const opening = passages
        .filter((p) => p.kind === 'sentence' && !p.asks && p.question === null)
        .slice(0, LEAD_WINDOW);
      const titled = (p: Passage) => p.terms.some((t) => titleTerms.has(t.term));
      const passage = opening.find(titled) ?? opening[0] ?? passages.find((p) => !p.asks);
      if (!passage) continue;
      const ranked = { passage, score: 1, coverage: 1, figure: null, figureOf: null, concepts: [] };
      leads.push({ ranked, corroboratedBy: [], score: 1 });
    }
    return leads;
  }

  findSources(text: string): FindSourcesResult {
    const { text: clean, truncated } = cleanMessage(String(text));
    const nearest = new Map<number, Ranked>();
    /** Each claim the sources back, in the message's order, with its backing passages, best first. */
    const backed: Array<{ sentence: string; backing: Ranked[] }> = [];
    const unsupported = new Set<string>();
    let claims = 0;
    // Each line on its own, as a list of claims without full stops is several claims, unless a sentence
    // runs on over the line break.
    const sentences = claimLines(clean)
      .map((line) => line.replace(LIST_ITEM, ''))
      .flatMap((line) => claimSentences(line));
    // A sentence said twice is one claim, with or without its full stop.
    const distinct = new Map<string, string>();
    for (const sentence of sentences) {
      const key = sentence.replace(/[\s.!…]+$/u, '');
      if (!distinct.has(key)) distinct.set(key, sentence);
    }
    for (const sentence of distinct.values()) {
      // Read without its mentions, links and emoji, which are not claims (and whose digits are no figures);
      // a sentence nothing supports is quoted back as written.
      const said = withoutChatMarkup(sentence);
      // A sentence ending in a colon introduces what follows ("Summary of the story:"); it states nothing.
      if (/:\s*$/.test(sentence.replace(EMOJI_SHORTCODE, '').trimEnd())) continue;
      const claim = this.#parse(said);
      if (claim.concepts.length < 2) continue;
      claims++;
      const backing: Ranked[] = [];
      for (const r of this.#rank(claim, {}, 0)) {
        if (statesEveryWord(claim, r.passage) && this.#backs(said, r.passage)) backing.push(r);
        else if ((nearest.get(r.passage.id)?.score ?? -1) < r.score) nearest.set(r.passage.id, r);
      }
      if (backing.length > 0) backed.push({ sentence, backing });
      else unsupported.add(sentence);
    }
    const supporting = this.#supports(backed);
    const shown = new Set(supporting.flatMap((s) => s.claims));
    const near = [...nearest.values()].sort((a, b) => b.score - a.score).slice(0, 3);
    return {
      text: String(text),
      claims,
      truncated,
      supporting,
      moreBacked: backed.filter(({ sentence }) => !shown.has(sentence)).length,
      unsupported: supporting.length > 0 ? [...unsupported] : [],
      nearest: supporting.length > 0 ? [] : near.map((r) => this.#answer(r, [], 'other')),
      corpusVersion: this.version,
    };
  }

  /**
   * The passages to show for the claims the sources back: each claim's best passage first, in the
   * message's order (so that every backed claim shows its evidence), up to MAX_SUPPORTS; then, while fewer
   * than MIN_SUPPORTS_SHOWN are chosen, the next best of any. Each lists every claim it backs.
   */
  #supports(backed: Array<{ sentence: string; backing: Ranked[] }>): Support[] {
    const chosen = new Map<number, Ranked>();
    for (const { backing } of backed) {
      const [first] = backing;
      if (first && chosen.size < MAX_SUPPORTS) chosen.set(first.passage.id, first);
    }
    const rest = backed.flatMap(({ backing }) => backing.slice(1)).sort((a, b) => b.score - a.score);
    for (const r of rest) {
      if (chosen.size >= MIN_SUPPORTS_SHOWN) break;
      if (!chosen.has(r.passage.id)) chosen.set(r.passage.id, r);
    }
    return [...chosen.values()].map((r) => ({
      ...this.#answer(r, [], 'other'),
      claims: backed
        .filter(({ backing }) => backing.some((b) => b.passage.id === r.passage.id))
        .map(({ sentence }) => sentence),
    }));
  }

  /**
   * Whether a passage that states every word of a claim (see statesEveryWord) backs it: every figure and
   * date of the claim is in it ("28.8 million" does not back "50 million", "June 10" does not back
   * "June 12"), and it denies what the claim denies, and not what the claim asserts (see #deniesAlike). A
   * question is read as the claim it asks about: a passage that would not back "Alibaba did not use fake
   * accounts" does not back "Alibaba did not use fake accounts?" either.
   */
  #backs(claim: string, passage: Passage): boolean {
    if (!this.#deniesAlike(claim, passage)) return false;
    // A denial trailing off before the word it denies ("did not... use") could deny anything: it backs
    // nothing.
    if (DENIAL_TRAILING_OFF.test(claim)) return false;
    const { numbers, dates } = findFigures(claim);
    const holds = (stated: Figure[], given: Figure[]) =>
      stated.every((f) => given.some((g) => sameFigure(g, f)));
    return holds(numbers, passage.numbers) && holds(dates, passage.dates);
  }

  /**
   * Whether the passage denies what the claim denies, and not what it asserts: each word a negation of the
   * claim denies ("did not *accuse*") is one a negation of the passage denies, not merely a word near one
   * ("Anthropic has never *flagged* such activity" is not backed by "This is not the first time Anthropic
   * has flagged…"); and a word the claim asserts outside any negation is not one the passage only denies
   * ("are *optional*" against "are no longer optional", "replied" against "had not replied"). The
   * passage's own word counts before a synonym: "comment" is not "replied". Word by word, so a denial moved
   * to another word ("show no rebuttal", "do not show a rebuttal", "no court filing", "no public court
   * filing") is not recognised: such a claim goes unsupported, which is the safe way to be wrong.
   */
  #deniesAlike(claim: string, passage: Passage): boolean {
    const inClaim = denials(claim);
    const inPassage = denials(passage.excerpt);
    return analyze(claim).every((term) => {
      const held = passage.termSet.has(term)
        ? [term]
        : (this.#synonyms.get(term) ?? []).filter((t) => passage.termSet.has(t));
      if (inClaim.heads.has(term) && !held.some((t) => inPassage.heads.has(t))) return false;
      return inClaim.reached.has(term) || !held.some((t) => inPassage.onlyDenied.has(t));
    });
  }

  suggest(prefix: string, limit = MAX_SUGGESTIONS): string[] {
    const max = clamp(limit, 1, MAX_SUGGESTIONS);
    const { text: typed, truncated: long } = cleanUserText(String(prefix), MAX_SUGGESTION_LENGTH);
    if (typed.length === 0) return this.#suggestions.slice(0, max);
    // What was typed is offered first, as typed; past the length a choice may have, it is not offered (a
    // question cut short, picked, would be another question), nor completed.
    const out = new Set<string>(long ? [] : [typed]);
    for (const hit of this.#suggestionIndex.search(typed, { prefix: true, fuzzy: 0.2, combineWith: 'OR' })) {
      const suggestion = this.#suggestions[hit.id as number];
      if (suggestion) out.add(suggestion);
    }
    // Complete the word being typed from the corpus's own words, most frequent first.
    const last = /([\p{L}\p{N}]+)$/u.exec(typed);
    if (last?.[1] && last[1].length >= 2 && !long) {
      const partial = fold(last[1]).toLowerCase();
      const head = typed.slice(0, typed.length - last[1].length);
      for (const [word] of this.#vocabulary) {
        const completed = head + word;
        if (word !== partial && word.startsWith(partial) && completed.length <= MAX_SUGGESTION_LENGTH)
          out.add(completed);
        if (out.size >= max * 2) break;
      }
    }
    return [...out].slice(0, max);
  }

  /** Reads a question: its kind and its content words with their synonyms and IDF weights. */
  #parse(question: string): Query {
    const text = withoutChatMarkup(question);
    const names = new Set(capitalisedWords(text).flatMap((w) => (w.first ? [] : [w.term])));
    const kind = questionKind(text);
    const measure = measureOf(text);
    // A magnitude ("how big…") is any figure, not the word; "last" in "how long did it last?" adds nothing.
    // Unless the question uses the word again: "how big was the biggest attack?"
    const restated = new Set<string>();
    if (measure) {
      const terms = analyze(text);
      for (const term of [...(measure.magnitude ? [measure.term] : []), ...measure.verbs]) {
        if (terms.indexOf(term) === terms.lastIndexOf(term)) restated.add(term);
      }
    }
    const concepts = analyzeQuery(text)
      .filter((term) => !namesKind(kind, term) && !restated.has(term))
      .map((term) => {
        const synonyms = this.#synonyms.get(term) ?? [];
        const units = term === measure?.term ? measure.units : [];
        const alternatives = [term, ...new Set([...synonyms, ...units].filter((t) => t !== term))];
        const df = Math.max(0, ...alternatives.map((t) => this.#documentFrequency.get(t) ?? 0));
        // A name the corpus never mentions ("Google", "OpenAI") says the question is about something else.
        const unknownName = df === 0 && names.has(term) ? UNKNOWN_NAME_WEIGHT : 1;
        return {
          term,
          alternatives,
          own: [term, ...units],
          weight: unknownName * Math.log(1 + this.#passages.length / (1 + df)),
        };
      });
    const { numbers, dates } = findFigures(text);
    const given = [...numbers, ...dates];
    return { text, kind, given, concepts };
  }

  /**
   * The words to search for: the question's words and their synonyms, rarest first, as long as their
   * passages stay within a budget (at least one word). A word in many passages ("Anthropic" in a corpus
   * about Anthropic) finds too many candidates to be worth it when the question has rarer words; it still
   * counts in coverage. This bounds the work of a query in a large corpus; so does searching a word common
   * to many passages in their text only (see COMMON_WORD_PASSAGES).
   */
  #searchTerms(query: Query): SearchQuery[] {
    const df = (t: string) => this.#documentFrequency.get(t) ?? 0;
    // A synonym the corpus never uses finds nothing; only the question's own word is searched fuzzily.
    const all = [
      ...new Set(query.concepts.flatMap((c) => [c.term, ...c.alternatives.filter((t) => df(t) > 0)])),
    ].sort((a, b) => df(a) - df(b));
    const budget = POSTINGS_BUDGET;
    const terms: string[] = [];
    let postings = 0;
    for (const term of all) {
      if (terms.length > 0 && postings + df(term) > budget) break;
      terms.push(term);
      postings += df(term);
    }
    return terms.map((term) =>
      df(term) > COMMON_WORD_PASSAGES ? { queries: [term], fields: ['text'] } : term,
    );
  }

  /** Candidate passages, re-ranked, best first; those covering less than `minCoverage` are dropped. */
  #rank(query: Query, options: Pick<AskOptions, 'source'>, minCoverage = this.#minCoverage): Ranked[] {
    if (query.concepts.length === 0) return [];
    const terms = this.#searchTerms(query);
    const results = this.#mini.search(
      { combineWith: 'OR', queries: terms },
      options.source ? { filter: (r) => this.#passages[r.id as number]?.source.id === options.source } : {},
    );
    const top = results[0]?.score ?? 1;
    const totalWeight = query.concepts.reduce((sum, c) => sum + c.weight, 0);
    const ranked: Ranked[] = [];
    for (const result of results.slice(0, CANDIDATES)) {
      const passage = this.#passages[result.id as number];
      if (!passage) continue;
      const coverage = cover(query, passage, result, totalWeight);
      if (coverage < minCoverage || coverage === 0) continue;
      const positions = conceptPositions(query, passage);
      const { figure, figureOf } = answerFigure(query, passage, positions);
      const score =
        (0.3 * (result.score / top) + 0.7 * coverage) *
        proximity(positions.map((p) => p.at)) *
        kindFactor(query.kind, passage, figure) *
        lengthFactor(passage) *
        ownWordsFactor(query, passage, totalWeight) *
        (passage.asks ? ASKING_PENALTY : 1);
      ranked.push({ passage, score, coverage, figure, figureOf, concepts: positions.map((p) => p.concept) });
    }
    return ranked.sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);
  }

  /**
   * Folds passages that state the same fact into one answer (listing the other sources as corroboration),
   * and drops repeats within a source. Passages whose figures differ stay apart.
   */
  #group(ranked: Ranked[], kind: QuestionKind): Group[] {
    const clusters: Array<[Ranked, ...Ranked[]]> = [];
    for (const r of ranked) {
      const same = clusters.find(([best]) => sameFact(best, r, kind));
      if (same) same.push(r);
      else clusters.push([r]);
    }
    // A fact several sources state is more likely the one asked about than a side remark of one source.
    const weight = (g: Group) => g.score * (1 + CORROBORATION_BONUS * Math.min(3, g.corroboratedBy.length));
    return withoutRepeatedFigures(clusters.map(asGroup).sort((a, b) => weight(b) - weight(a)));
  }

  /** The answer for a passage; `score` is its fact's rank when it leads several passages stating it. */
  #answer(ranked: Ranked, corroboratedBy: Ranked[], kind: QuestionKind, score = ranked.score): Answer {
    const { passage } = ranked;
    const { source } = passage;
    return {
      excerpt: passage.excerpt,
      score: Math.round(score * 1000) / 1000,
      location: {
        start: passage.start,
        end: passage.end,
        paragraph: passage.paragraph,
        section: passage.section,
      },
      source: {
        id: source.id,
        title: source.title,
        url: source.url,
        publisher: source.publisher,
        published: source.published,
        path: source.path,
      },
      link: passageLink(source.url, passage.excerpt),
      corroboratedBy: corroboratedBy.map((c) => ({
        id: c.passage.source.id,
        title: c.passage.source.title,
        link: passageLink(c.passage.source.url, c.passage.excerpt),
      })),
      figure: kind === 'number' || kind === 'date' ? ranked.figure : null,
      corpusVersion: this.version,
    };
  }

  #disagreement(ranked: Ranked[]): Disagreement | null {
    const found = disagreementOf(ranked, (a, b) => a === b || (this.#synonyms.get(a)?.includes(b) ?? false));
    if (!found) return null;
    // Sources differ only when they give different values: a source that states both (25,000 accounts for
    // one campaign, 24,000 for an earlier one) is telling two facts apart, not disagreeing.
    const states = (source: Source, figure: Figure) =>
      (this.#bySource.get(source)?.passages ?? []).some((p) =>
        (figure.kind === 'date' ? p.dates : p.numbers).some((f) => sameFigure(f, figure)),
      );
    const groups = found.values.map((v) => ({
      figure: ranked[v.answers[0] ?? -1]?.figure,
      sources: v.answers.map((a) => ranked[a]?.passage.source).filter((x): x is Source => x !== undefined),
    }));
    // Some source of one value lacks the other, and some source of the other lacks the first.
    const onlyOne = (mine: (typeof groups)[number], theirs: (typeof groups)[number]) =>
      theirs.figure !== undefined && mine.sources.some((source) => !states(source, theirs.figure as Figure));
    const contested = groups.some((a, i) => groups.some((b, j) => i < j && onlyOne(a, b) && onlyOne(b, a)));
    return contested ? found : null;
  }

  /** Whether the index answers an example question (an overview question is answered by the leads). */
  #answers(question: string, options: Pick<AskOptions, 'source'>): boolean {
    return asksForOverview(question) || this.#rank(this.#parse(question), options).length > 0;
  }

  /**
   * Up to three example questions, those sharing most words with the refused one first; asked of one
   * source, only those it answers (of the first SUGGESTIONS_TRIED, so a refusal stays cheap).
   */
  #nearestSuggestions(query: Query, options: Pick<AskOptions, 'source'>): string[] {
    const near =
      query.concepts.length === 0
        ? []
        : this.#suggestionIndex
            .search(query.concepts.flatMap((c) => c.alternatives).join(' '), {
              fuzzy: 0.2,
              combineWith: 'OR',
              processTerm: (t) => t,
            })
            .map((hit) => this.#suggestions[hit.id as number])
            .filter((s) => s !== undefined);
    const candidates = [...new Set([...near, ...this.#suggestions])];
    if (!options.source) return candidates.slice(0, 3);
    const answered: string[] = [];
    for (const s of candidates.slice(0, SUGGESTIONS_TRIED)) {
      if (answered.length === 3) break;
      if (this.#answers(s, options)) answered.push(s);
    }
    return answered;
  }
}

/** One fact: the passage shown, one passage of each other source stating it, and the best rank among them. */
type Group = { ranked: Ranked; corroboratedBy: Ranked[]; score: number };

/**
 * For "how many" and "when", once an answer gives a figure or a date, the answers that give none (the
 * letter "was sent to the Senate", without when) are left out: they are about the question, not answers.
 */
function onlyStatingTheFact(groups: Group[], kind: QuestionKind): Group[] {
  if ((kind !== 'number' && kind !== 'date') || !groups[0]?.ranked.figure) return groups;
  return groups.filter((g) => g.ranked.figure || (kind === 'date' && g.ranked.passage.datedSection));
}

/** The answer for passages stating one fact, best first. A sentence reads better than a table row: it leads. */
function asGroup(members: [Ranked, ...Ranked[]]): Group {
  const lead = members.find((m) => m.passage.context === null) ?? members[0];
  const corroboratedBy: Ranked[] = [];
  for (const m of members) {
    const source = m.passage.source;
    if (source !== lead.passage.source && !corroboratedBy.some((c) => c.passage.source === source)) {
      corroboratedBy.push(m);
    }
  }
  return { ranked: lead, corroboratedBy, score: members[0].score };
}

/**
 * Drops an answer whose source already gives the same figure in a better one (as its own answer or as
 * corroboration), moving its other sources there: one source's table cell and sentence are one fact.
 */
function withoutRepeatedFigures(groups: Group[]): Group[] {
  const kept: Group[] = [];
  const sources = (h: Group) => [h.ranked, ...h.corroboratedBy].map((c) => c.passage.source);
  for (const g of groups) {
    const figure = g.ranked.figure;
    const earlier =
      figure &&
      kept.find(
        (h) =>
          h.ranked.figure &&
          sameFigure(h.ranked.figure, figure) &&
          sources(h).includes(g.ranked.passage.source),
      );
    if (!earlier) {
      kept.push(g);
      continue;
    }
    for (const c of g.corroboratedBy) {
      if (!sources(earlier).includes(c.passage.source)) earlier.corroboratedBy.push(c);
    }
  }
  return kept;
}

/**
 * A message's lines, joined where a sentence runs on over a line break (a hard-wrapped "Alibaba did not /
 * use fake accounts"): the next line starts in lower case, or the line ends in a word that cannot end a
 * sentence ("that", "the", "not", "didn't", "says"). A line that ends a sentence, or a list item, starts a new
 * one.
 * The items of a list introduced as what someone did not say ("Anthropic never said:") are no claims of the
 * message: they are left out.
 */
function claimLines(text: string): string[] {
  const lines: string[] = [];
  let deniedList = false;
  for (const line of text.split('\n')) {
    const previous = lines.at(-1);
    if (LIST_ITEM.test(line) && deniedList) continue;
    if (previous !== undefined && runsOn(previous, line)) lines[lines.length - 1] = `${previous} ${line}`;
    else lines.push(line);
    deniedList = DENIED_SAYING.test(lines.at(-1) ?? '');
  }
  return lines;
}

/** The sentences of a line; a denial trailing off does not end one ("Alibaba did not... use"). */
function claimSentences(line: string): string[] {
  const spans: Array<[number, number]> = [];
  for (const [start, end] of sentenceSpans(line, 0, line.length)) {
    const last = spans.at(-1);
    if (last && OPEN_DENIAL.test(line.slice(last[0], last[1]))) last[1] = end;
    else spans.push([start, end]);
  }
  return spans.map(([start, end]) => line.slice(start, end));
}

function runsOn(line: string, next: string): boolean {
  const closed = /[.!?:;]["'”’)\]*_~]*$/u.test(line) && !OPEN_DENIAL.test(line);
  if (closed || LIST_ITEM.test(next)) return false;
  if (/^\p{Ll}/u.test(next)) return true;
  const last = /([\p{L}'’]+)[^\p{L}]*$/u.exec(line)?.[1];
  return last !== undefined && (analyzeTerm(last) === null || OPEN_DENIAL.test(line) || SAYING.test(last));
}

/** A verb that reports what follows it ("Nobody says / Alibaba used…"): its sentence goes on. */
const SAYING =
  /^(?:say|says|said|claim|claims|claimed|think|thinks|thought|believe|believes|believed|report|reports|reported|state|states|stated|argue|argues|argued|allege|alleges|alleged|deny|denies|denied|insist|insists|insisted)$/iu;

/** A word of denial that needs the word it denies after it: "not", "never", "didn't", "cannot". */
const DENIAL_WORD = String.raw`(?:\b(?:not|no|never|nor|cannot)|n['’]t)`;

/** A denial at the end of a line or sentence, before the word it denies: "did not", "didn't…", "never...". */
const OPEN_DENIAL = new RegExp(String.raw`${DENIAL_WORD}\s*(?:\.\.\.|…)?\s*$`, 'iu');

/** A denial trailing off before the word it denies, anywhere: "did not... use". */
const DENIAL_TRAILING_OFF = new RegExp(String.raw`${DENIAL_WORD}\s*(?:\.\.\.|…)`, 'iu');

/** An introduction of what someone did not say or claim: "Anthropic never said:", "It did not claim:". */
const DENIED_SAYING =
  /(?:\b(?:not|never)|n['’]t)\s+(?:say|said|says|claim|claimed|claims|state|stated|states|write|wrote|allege|alleged|report|reported)\s*:\s*$/iu;

/** A Slack or Discord emoji shortcode (":eyes:", ":+1::skin-tone-2:"), which ends in a colon too. */
const EMOJI_SHORTCODE = /:[\w+-]+:/gu;

/** The marker of a list item at the start of a line: "- ", "* ", "• ", "1. ", "2) ". */
const LIST_ITEM = /^(?:[-*•‣◦]|\d+[.)])\s+/u;

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : min;
}

/**
 * Whether the passage itself (with what it is read with, such as a table's header) holds every content word
 * of a claim, or a synonym of it: "Find sources" shows a passage as support only then. Sharing most of the
 * words is not enough, since the one word missing is often what makes a claim false ("Elon Musk *praised*
 * Anthropic", "Alibaba's stock *rose*", "limits on *Alibaba's* models"); a word only in the section heading or
 * the sentence before, or in the article's title, does not count either. A true claim worded far from its
 * source is then not found, which the reply says, with the nearest passages.
 */
function statesEveryWord(claim: Query, passage: Passage): boolean {
  return claim.concepts.every(({ alternatives }) => alternatives.some((t) => passage.termSet.has(t)));
}
