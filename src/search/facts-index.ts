/**
 * The passage index and ranker: MiniSearch (BM25) finds candidate passages, then a re-ranking reads the
 * question as a user means it — how much of it a passage covers, how close together, whether it holds the
 * kind of fact asked for — refuses when nothing covers the question well enough, and groups passages from
 * several sources that state the same fact.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type {
  Answer,
  AskOptions,
  AskResult,
  Disagreement,
  Figure,
  FindSourcesResult,
  QuestionKind,
  SourceSummary,
} from '../answer.js';
import type { Corpus, Source } from '../corpus/load.js';
import { sentenceSpans } from '../corpus/passages.js';
import { cleanUserText, MAX_MESSAGE_LENGTH, MAX_QUESTION_LENGTH, shorten } from '../present.js';
import {
  analyzeQuery,
  analyzeTerm,
  analyzeWithOffsets,
  fold,
  tokenize,
  withoutChatMarkup,
} from './analyze.js';
import { findDates, findNumbers, sameFigure } from './figures.js';
import { passageLink } from './link.js';
import { questionKind } from './question.js';

export interface FactsIndex {
  /** Content hash of the corpus (12 hex characters). */
  readonly version: string;
  readonly passageCount: number;
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
 * Chosen on test/fixtures/golden.jsonl by sweeping 0.35–0.6 (bench/README.md has the table): 0.4 refuses
 * 5% of answerable questions but only 64% of off-topic ones; 0.6 refuses 91% of off-topic ones but 23%
 * of answerable ones. 0.5 sits between, leaning to refusal, since a wrong excerpt shown with confidence
 * is worse than none.
 */
export const MIN_COVERAGE = 0.5;
/** "Find sources" is stricter: a claim is supported only when a passage covers this share of it. */
export const MIN_SUPPORT = 0.6;

export interface IndexOptions {
  /** Share of a question a passage must cover to be an answer. Default `MIN_COVERAGE`. */
  minCoverage?: number;
}

/**
 * Passages a query may look up in MiniSearch's posting lists (see #searchTerms). Measured with
 * `npm run bench -- --corpora 100k`: 5,000 gave query p99 30 ms, 3,000 gives 16 ms with the same hit@3,
 * 2,000 gives 14 ms but loses 6 points of hit@3. Corpora under a few thousand passages never reach it.
 */
const POSTINGS_BUDGET = 3000;

/** Candidates taken from MiniSearch for re-ranking; deeper ones never rank in the top answers. */
const CANDIDATES = 60;
const DEFAULT_K = 3;
const MAX_K = 20;
const MAX_SUGGESTIONS = 25;
const MAX_SUGGESTION_LENGTH = 100;

interface Passage {
  id: number;
  source: Source;
  start: number;
  end: number;
  paragraph: number;
  section: string | null;
  excerpt: string;
  /** The excerpt folded (NFKC, quotes, dashes), to recognise the same sentence in two sources. */
  folded: string;
  /** A table row's header, indexed with it. */
  context: string | null;
  /** Analysed terms of the excerpt (and a table row's header) with their character positions in it. */
  terms: Array<{ term: string; index: number }>;
  termSet: Set<string>;
  /** Terms of what surrounds the passage: its section heading and the sentence before it ("It went to…"). */
  contextTerms: Set<string>;
  /** The sentence before it in the same paragraph, indexed with it at a lower weight. */
  previous: string;
  /** States what something is ("… means …", "… is the practice of …"): what "what is X?" wants. */
  defines: boolean;
  /** The passage asks rather than states (an FAQ heading). */
  asks: boolean;
  numbers: Figure[];
  dates: Figure[];
  /** Its section heading is a date (a timeline entry): it answers "when". */
  datedSection: boolean;
  /** Holds a name (a capitalised word past the first) — what a "who" question wants. */
  names: boolean;
}

interface Ranked {
  passage: Passage;
  score: number;
  coverage: number;
  figure: Figure | null;
  /** What the figure counts: the question's word nearest to it, and the word right after it ("exchanges"). */
  figureOf: { concept: string; unit: string | null } | null;
}

/** Where a covered concept of the question stands in a passage (character offsets in the excerpt). */
interface ConceptPositions {
  concept: string;
  at: number[];
}

interface Query {
  text: string;
  kind: QuestionKind;
  /** Content words of the question, each with the words that may stand for it (itself first). */
  concepts: Array<{ term: string; alternatives: string[]; weight: number }>;
}

export class SearchIndex implements FactsIndex {
  readonly version: string;
  readonly #corpus: Corpus;
  readonly #passages: Passage[];
  readonly #mini: MiniSearch<{ id: number; text: string; section: string; previous: string }>;
  readonly #documentFrequency = new Map<string, number>();
  readonly #synonyms = new Map<string, string[]>();
  readonly #vocabulary: Array<[string, number]>;
  readonly #suggestions: string[];
  readonly #suggestionIndex: MiniSearch<{ id: number; text: string }>;

  readonly #minCoverage: number;

  private constructor(corpus: Corpus, options: IndexOptions) {
    this.#corpus = corpus;
    this.#minCoverage = options.minCoverage ?? MIN_COVERAGE;
    this.version = corpus.version;
    this.#passages = buildPassages(corpus);
    for (const passage of this.#passages) {
      for (const term of passage.termSet) {
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
      }
    }
    for (const group of corpus.synonyms) {
      const stems = [
        ...new Set(group.map((word) => analyzeTerm(word.toLowerCase())).filter((t) => t !== null)),
      ];
      for (const stem of stems) {
        this.#synonyms.set(stem, [...new Set([...(this.#synonyms.get(stem) ?? []), ...stems])]);
      }
    }
    this.#mini = new MiniSearch({
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
          term.length >= 6 && !/^\d/.test(term) && !this.#documentFrequency.has(term) ? 0.2 : false,
        combineWith: 'OR',
      },
    });
    this.#mini.addAll(
      this.#passages.map((p) => ({
        id: p.id,
        text: p.context ? `${p.context}\n${p.excerpt}` : p.excerpt,
        section: p.section ?? '',
        previous: p.previous,
      })),
    );
    this.#vocabulary = buildVocabulary(this.#passages);
    // Offer only the example questions the index really answers.
    const candidates = [
      ...corpus.suggestions,
      ...this.#passages
        .filter((p) => p.asks && p.excerpt.length <= MAX_SUGGESTION_LENGTH)
        .map((p) => p.excerpt),
    ];
    this.#suggestions = [...new Set(candidates)].filter((q) => this.#rank(this.#parse(q), {}).length > 0);
    this.#suggestionIndex = new MiniSearch({ fields: ['text'], tokenize, processTerm: analyzeTerm });
    this.#suggestionIndex.addAll(this.#suggestions.map((text, id) => ({ id, text })));
  }

  /** Builds the index of a loaded corpus. */
  static build(corpus: Corpus, options: IndexOptions = {}): SearchIndex {
    return new SearchIndex(corpus, options);
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
    const ranked = this.#group(this.#rank(query, options), query.kind);
    const page = ranked.slice(offset, offset + k);
    const answers = page.map((r) => this.#answer(r.ranked, r.corroboratedBy, query.kind));
    return {
      query: asked,
      answers,
      disagreement: this.#disagreement(page.map((r) => r.ranked)),
      hasMore: ranked.length > offset + k,
      suggestions: ranked.length === 0 ? this.#nearestSuggestions(query) : [],
      corpusVersion: this.version,
    };
  }

  findSources(text: string): FindSourcesResult {
    const clean = cleanUserText(String(text), MAX_MESSAGE_LENGTH).text;
    const best = new Map<number, Ranked>();
    const nearest = new Map<number, Ranked>();
    const unsupported: string[] = [];
    for (const [start, end] of sentenceSpans(clean, 0, clean.length)) {
      const sentence = clean.slice(start, end);
      const claim = this.#parse(sentence);
      if (claim.concepts.length < 2) continue;
      let supported = false;
      for (const r of this.#rank(claim, {}, 0)) {
        const supports = r.coverage >= MIN_SUPPORT && this.#backs(sentence, r.passage);
        supported ||= supports;
        const into = supports ? best : nearest;
        if ((into.get(r.passage.id)?.score ?? -1) < r.score) into.set(r.passage.id, r);
      }
      if (!supported) unsupported.push(sentence);
    }
    const top = (map: Map<number, Ranked>, n: number) =>
      [...map.values()]
        .sort((a, b) => b.score - a.score)
        .slice(0, n)
        .map((r) => this.#answer(r, [], 'other'));
    const supporting = top(best, 5);
    return {
      text: String(text),
      supporting,
      unsupported: supporting.length > 0 ? unsupported : [],
      nearest: supporting.length > 0 ? [] : top(nearest, 3),
      corpusVersion: this.version,
    };
  }

  /**
   * Whether a passage can back a claim beyond sharing its words: every figure of the claim is in it
   * ("28.8 million" does not back "50 million"), and every name the claim capitalises is in it, its
   * context or its article's title ("DeepSeek made 28.8 million exchanges" is not backed by Alibaba's).
   */
  #backs(claim: string, passage: Passage): boolean {
    const figures = findNumbers(claim, 0, claim.length);
    if (!figures.every((f) => passage.numbers.some((n) => sameFigure(n, f)))) return false;
    const known = new Set([...passage.termSet, ...passage.contextTerms, ...analyze(passage.source.title)]);
    const names = withoutChatMarkup(claim).match(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}]*/gu) ?? [];
    return names.every((name) => {
      const term = analyzeTerm(name);
      return term === null || known.has(term) || (this.#synonyms.get(term) ?? []).some((t) => known.has(t));
    });
  }

  suggest(prefix: string, limit = MAX_SUGGESTIONS): string[] {
    const max = clamp(limit, 1, MAX_SUGGESTIONS);
    const typed = cleanUserText(String(prefix), MAX_SUGGESTION_LENGTH).text;
    if (typed.length === 0) return this.#suggestions.slice(0, max);
    const out = new Set<string>([typed]);
    for (const hit of this.#suggestionIndex.search(typed, { prefix: true, fuzzy: 0.2, combineWith: 'OR' })) {
      const suggestion = this.#suggestions[hit.id as number];
      if (suggestion) out.add(suggestion);
    }
    // Complete the word being typed from the corpus's own words, most frequent first.
    const last = /([\p{L}\p{N}]+)$/u.exec(typed);
    if (last?.[1] && last[1].length >= 2 && typed.length < MAX_SUGGESTION_LENGTH) {
      const partial = fold(last[1]).toLowerCase();
      const head = typed.slice(0, typed.length - last[1].length);
      for (const [word] of this.#vocabulary) {
        if (word !== partial && word.startsWith(partial))
          out.add(shorten(head + word, MAX_SUGGESTION_LENGTH, ''));
        if (out.size >= max * 2) break;
      }
    }
    return [...out].slice(0, max);
  }

  /** Reads a question: its kind and its content words with their synonyms and IDF weights. */
  #parse(question: string): Query {
    const text = withoutChatMarkup(question);
    const names = capitalisedTerms(text);
    const concepts = analyzeQuery(text).map((term) => {
      const alternatives = [term, ...(this.#synonyms.get(term) ?? []).filter((t) => t !== term)];
      const df = Math.max(0, ...alternatives.map((t) => this.#documentFrequency.get(t) ?? 0));
      // A name the corpus never mentions ("Google", "OpenAI") says the question is about something else.
      const unknownName = df === 0 && names.has(term) ? UNKNOWN_NAME_WEIGHT : 1;
      return { term, alternatives, weight: unknownName * Math.log(1 + this.#passages.length / (1 + df)) };
    });
    return { text, kind: questionKind(text), concepts };
  }

  /**
   * The words to search for: the question's words and their synonyms, rarest first, as long as their
   * passages stay within a budget (at least one word). A word in many passages ("Anthropic" in a corpus
   * about Anthropic) finds too many candidates to be worth it when the question has rarer words; it still
   * counts in coverage. This bounds the work of a query in a large corpus.
   */
  #searchTerms(query: Query): string[] {
    const df = (t: string) => this.#documentFrequency.get(t) ?? 0;
    const all = [...new Set(query.concepts.flatMap((c) => c.alternatives))].sort((a, b) => df(a) - df(b));
    const budget = POSTINGS_BUDGET;
    const terms: string[] = [];
    let postings = 0;
    for (const term of all) {
      if (terms.length > 0 && postings + df(term) > budget) break;
      terms.push(term);
      postings += df(term);
    }
    return terms;
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
      const { coverage, positions } = cover(query, passage, result, totalWeight);
      if (coverage < minCoverage || coverage === 0) continue;
      const { figure, figureOf } = answerFigure(query.kind, passage, positions);
      const score =
        (0.3 * (result.score / top) + 0.7 * coverage) *
        proximity(positions.map((p) => p.at)) *
        kindFactor(query.kind, passage, figure) *
        lengthFactor(passage) *
        (passage.asks ? ASKING_PENALTY : 1);
      ranked.push({ passage, score, coverage, figure, figureOf });
    }
    return ranked.sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);
  }

  /**
   * Folds passages that state the same fact into the best-ranked one (listing the other sources as
   * corroboration), and drops repeats within a source. Passages whose figures differ stay apart.
   */
  #group(ranked: Ranked[], kind: QuestionKind): Array<{ ranked: Ranked; corroboratedBy: Ranked[] }> {
    const groups: Array<{ ranked: Ranked; corroboratedBy: Ranked[] }> = [];
    for (const r of ranked) {
      const same = groups.find((g) => sameFact(g.ranked, r, kind));
      if (!same) {
        groups.push({ ranked: r, corroboratedBy: [] });
      } else if (
        same.ranked.passage.source !== r.passage.source &&
        !same.corroboratedBy.some((c) => c.passage.source === r.passage.source)
      ) {
        same.corroboratedBy.push(r);
      }
    }
    // A fact several sources state is more likely the one asked about than a side remark of one source.
    const weight = (g: { ranked: Ranked; corroboratedBy: Ranked[] }) =>
      g.ranked.score * (1 + CORROBORATION_BONUS * Math.min(3, g.corroboratedBy.length));
    return groups.sort((a, b) => weight(b) - weight(a));
  }

  #answer(ranked: Ranked, corroboratedBy: Ranked[], kind: QuestionKind): Answer {
    const { passage } = ranked;
    const { source } = passage;
    return {
      excerpt: passage.excerpt,
      score: Math.round(ranked.score * 1000) / 1000,
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
      this.#passages.some(
        (p) =>
          p.source === source &&
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

  /** Up to three example questions, those sharing most words with the refused one first. */
  #nearestSuggestions(query: Query): string[] {
    if (query.concepts.length === 0) return this.#suggestions.slice(0, 3);
    const words = query.concepts.flatMap((c) => c.alternatives).join(' ');
    const hits = this.#suggestionIndex.search(words, {
      fuzzy: 0.2,
      combineWith: 'OR',
      processTerm: (t) => t,
    });
    const near = hits.map((hit) => this.#suggestions[hit.id as number]).filter((s) => s !== undefined);
    return [...new Set([...near, ...this.#suggestions])].slice(0, 3);
  }
}

/** Each other source stating the same fact (up to three) adds this share to an answer's rank. */
const CORROBORATION_BONUS = 0.1;

/** How much more a capitalised word the corpus never uses weighs than any other unknown word. */
const UNKNOWN_NAME_WEIGHT = 2;

/** Analysed terms of the words a question capitalises past its first word (names, as users type them). */
function capitalisedTerms(text: string): Set<string> {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu) ?? [];
  const terms = words
    .slice(1)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => analyzeTerm(w.replace(/['’]s$/u, '')));
  return new Set(terms.filter((t): t is string => t !== null));
}

/** An FAQ heading or other question ranks far below a passage stating a fact. */
const ASKING_PENALTY = 0.3;

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : min;
}

const DEFINES =
  /\b(means|is the practice|is a process|a process in which|is training|is copying|refers to|is when|is a way)\b/i;

function buildPassages(corpus: Corpus): Passage[] {
  const passages: Passage[] = [];
  for (const source of corpus.sources) {
    source.passages.forEach((span, i) => {
      const excerpt = source.text.slice(span.start, span.end);
      const before = source.passages[i - 1];
      const previous =
        before && before.paragraph === span.paragraph && span.kind === 'sentence'
          ? source.text.slice(before.start, before.end)
          : '';
      const terms = analyzeWithOffsets(excerpt);
      const contextTerms = span.context ? analyze(span.context) : [];
      passages.push({
        id: passages.length,
        source,
        start: span.start,
        end: span.end,
        paragraph: span.paragraph,
        section: span.section,
        excerpt,
        folded: fold(excerpt),
        context: span.context,
        terms,
        termSet: new Set([...terms.map((t) => t.term), ...contextTerms]),
        contextTerms: new Set([...analyze(span.section ?? ''), ...analyze(previous)]),
        previous,
        defines: DEFINES.test(excerpt),
        asks: /\?["”’)]*$/u.test(excerpt),
        numbers: findNumbers(excerpt, 0, excerpt.length),
        dates: findDates(excerpt, 0, excerpt.length),
        datedSection: span.section !== null && findDates(span.section, 0, span.section.length).length > 0,
        names: /\s\p{Lu}\p{Ll}+/u.test(excerpt.slice(1)) || span.kind === 'row',
      });
    });
  }
  return passages;
}

function analyze(text: string): string[] {
  return analyzeWithOffsets(text).map((t) => t.term);
}

function buildVocabulary(passages: Passage[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const p of passages) {
    for (const word of fold(p.excerpt)
      .toLowerCase()
      .match(/\p{L}{3,}/gu) ?? []) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * Share of the question's weight a passage covers: a concept counts in full when the passage has it or a
 * synonym, 0.7 when MiniSearch matched it only fuzzily (a typo), 0.5 when only its context (section heading,
 * sentence before) has it.
 */
function cover(
  query: Query,
  passage: Passage,
  result: SearchResult,
  totalWeight: number,
): { coverage: number; positions: ConceptPositions[] } {
  const matched = new Set(result.queryTerms);
  let covered = 0;
  const positions: ConceptPositions[] = [];
  for (const concept of query.concepts) {
    const inText = concept.alternatives.filter((t) => passage.termSet.has(t));
    if (inText.length > 0) {
      covered += concept.weight;
      positions.push({
        concept: concept.term,
        at: passage.terms.filter((t) => inText.includes(t.term)).map((t) => t.index),
      });
    } else if (concept.alternatives.some((t) => passage.contextTerms.has(t))) {
      covered += 0.5 * concept.weight;
    } else if (concept.alternatives.some((t) => matched.has(t))) {
      covered += 0.7 * concept.weight;
    }
  }
  return { coverage: totalWeight > 0 ? covered / totalWeight : 0, positions };
}

/**
 * Rewards a passage whose matched words stand close together: the shortest span (in characters) holding
 * one occurrence of each matched concept, compared with the words' own length. Up to +15%.
 */
function proximity(positions: number[][]): number {
  const lists = positions.filter((p) => p.length > 0);
  if (lists.length < 2) return 1;
  const events = lists.flatMap((list, i) => list.map((at) => ({ at, i }))).sort((a, b) => a.at - b.at);
  const counts = new Array<number>(lists.length).fill(0);
  let have = 0;
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const event of events) {
    if ((counts[event.i] ?? 0) === 0) have++;
    counts[event.i] = (counts[event.i] ?? 0) + 1;
    while (have === lists.length) {
      const first = events[left];
      if (!first) break;
      best = Math.min(best, event.at - first.at);
      counts[first.i] = (counts[first.i] ?? 0) - 1;
      if (counts[first.i] === 0) have--;
      left++;
    }
  }
  // About eight characters a word: a span of that many characters per concept is as close as words get.
  const tightness = Math.min(1, (lists.length * 8) / Math.max(1, best));
  return 0.85 + 0.15 * tightness;
}

/**
 * The figure or date of a passage nearest to the question's words in it (gap between the figure's edges
 * and a word), with what it counts: that nearest question word, and the word right after the figure.
 */
function answerFigure(
  kind: QuestionKind,
  passage: Passage,
  positions: ConceptPositions[],
): Pick<Ranked, 'figure' | 'figureOf'> {
  const figures = kind === 'date' ? passage.dates : kind === 'number' ? passage.numbers : [];
  let best: { figure: Figure; concept: string; gap: number } | null = null;
  for (const figure of figures) {
    for (const { concept, at } of positions.length > 0 ? positions : [{ concept: '', at: [figure.start] }]) {
      for (const a of at) {
        const gap = a >= figure.end ? a - figure.end : a < figure.start ? figure.start - a : 0;
        if (!best || gap < best.gap) best = { figure, concept, gap };
      }
    }
  }
  if (!best) return { figure: null, figureOf: null };
  const { figure, concept } = best;
  const next = passage.terms.find(
    (t) => t.index >= figure.end && t.index - figure.end <= 20 && !/^\d/.test(t.term),
  );
  return {
    figure: { ...figure, start: passage.start + figure.start, end: passage.start + figure.end },
    figureOf: { concept, unit: next?.term ?? null },
  };
}

/** A passage holding the kind of fact asked for ranks higher; one without it lower. */
function kindFactor(kind: QuestionKind, passage: Passage, figure: Figure | null): number {
  switch (kind) {
    case 'number':
    case 'date':
      return figure || (kind === 'date' && passage.datedSection) ? 1.3 : 0.75;
    case 'who':
      return passage.names ? 1.1 : 0.9;
    case 'definition':
      return passage.defines ? 1.3 : 1;
    default:
      return 1;
  }
}

/**
 * A long sentence covers many questions a little; past 30 terms it ranks gently lower
 * (a 70-term sentence by about a fifth), so the short passage that states the fact comes first.
 */
function lengthFactor(passage: Passage): number {
  return Math.min(1, (30 / Math.max(1, passage.terms.length)) ** 0.3);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/**
 * Whether two passages state the same fact: the same text, or — when they give the fact asked for — the
 * same figure in much the same words; otherwise mostly the same words.
 */
function sameFact(a: Ranked, b: Ranked, kind: QuestionKind): boolean {
  if (a.passage.folded === b.passage.folded) return true;
  const overlap = jaccard(a.passage.termSet, b.passage.termSet);
  if ((kind === 'number' || kind === 'date') && a.figure && b.figure) {
    return sameFigure(a.figure, b.figure) && overlap >= 0.25;
  }
  return overlap >= 0.5;
}

/**
 * Marks the answers that give different figures (or dates) for the same thing: figures compare only when
 * each stands nearest the same word of the question and neither counts something else ("28.8 million
 * exchanges" and "14.4 billion tokens" do not disagree).
 */
function disagreementOf(ranked: Ranked[], sameWord: (a: string, b: string) => boolean): Disagreement | null {
  const lead = ranked.find((r) => r.figure && r.figureOf);
  if (!lead?.figure || !lead.figureOf) return null;
  const { concept, unit } = lead.figureOf;
  const values: Array<{ figure: Figure; answers: number[] }> = [];
  ranked.forEach((r, i) => {
    if (!r.figure || !r.figureOf) return;
    const other = r.figureOf;
    // Only figures that say what they count ("25,000 accounts", not a bare table cell), and count the same.
    if (!unit || !other.unit || !sameWord(unit, other.unit) || other.concept !== concept) return;
    const figure = r.figure;
    const same = values.find((v) => sameFigure(v.figure, figure));
    if (same) same.answers.push(i);
    else values.push({ figure, answers: [i] });
  });
  if (values.length < 2) return null;
  return {
    kind: lead.figure.kind,
    values: values.map((v) => ({ value: v.figure.value, text: v.figure.text, answers: v.answers })),
  };
}
