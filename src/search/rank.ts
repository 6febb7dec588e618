/**
 * Re-ranking a candidate passage for a question: how much of the question it covers, how close together,
 * whether it holds the kind of fact asked for, and the figure it gives.
 */
import type { SearchResult } from 'minisearch';
import type { Figure, QuestionKind } from '../answer.js';
import { sameFigure } from './figures.js';
import type { Passage } from './passage.js';

export interface Ranked {
  passage: Passage;
  score: number;
  coverage: number;
  figure: Figure | null;
  /** What the figure counts: the question's word nearest to it, and the word right after it ("exchanges"). */
  figureOf: { concept: string; unit: string | null } | null;
  /** The question's words (itself or a synonym) that the passage's text holds. */
  concepts: string[];
}

/** Where a covered concept of the question stands in a passage (character offsets in the excerpt). */
export interface ConceptPositions {
  concept: string;
  at: number[];
}

export interface Query {
  text: string;
  kind: QuestionKind;
  /** Figures and dates the question itself states ("the three labs", "after June 5"): not what it asks. */
  given: Figure[];
  /**
   * Content words of the question, each with the words that may stand for it (itself first), and of those
   * the ones that are not a synonym: itself, and the units of a measure it asks for ("mph" for "fast").
   */
  concepts: Array<{ term: string; alternatives: string[]; own: string[]; weight: number }>;
}

/** How much more a capitalised word the corpus never uses weighs than any other unknown word. */
export const UNKNOWN_NAME_WEIGHT = 2;

/** An FAQ heading or other question ranks far below a passage stating a fact. */
export const ASKING_PENALTY = 0.3;

/**
 * Share of the question's weight a passage covers: a concept counts in full when the passage has it or a
 * synonym, or when the FAQ question the passage answers has it; 0.7 when MiniSearch matched it only
 * fuzzily (a typo); 0.5 when only its context (section heading, sentence before) has it. Runs for every
 * candidate, so it builds no arrays.
 */
export function cover(query: Query, passage: Passage, result: SearchResult, totalWeight: number): number {
  let covered = 0;
  for (const concept of query.concepts) {
    const { alternatives, weight } = concept;
    if (alternatives.some((t) => passage.termSet.has(t))) covered += weight;
    else if (alternatives.some((t) => passage.questionTerms.has(t))) covered += weight;
    else if (alternatives.some((t) => passage.contextTerms.has(t))) covered += 0.5 * weight;
    else if (alternatives.some((t) => result.queryTerms.includes(t))) covered += 0.7 * weight;
  }
  return totalWeight > 0 ? covered / totalWeight : 0;
}

/**
 * A synonym stands for the question's word, not always in its sense: "denied" and "replied" are one group
 * so that either finds the other, but "has Acme denied it?" is better answered by "Acme has denied…" than
 * by "Acme has not replied". So the share of the question's weight a passage holds in the question's own
 * words (or a measure's units) counts once more, for up to 10% of the score; a word it covers only through
 * a synonym, or not at all, does not. A chosen value, not a tuned one: on the golden set 5% and 10% give
 * the same answers, 20% loses a hit.
 */
export const OWN_WORDS_WEIGHT = 0.1;

/** The rank factor for the share of the question's weight a passage holds in the question's own words. */
export function ownWordsFactor(query: Query, passage: Passage, totalWeight: number): number {
  if (totalWeight <= 0) return 1;
  let own = 0;
  for (const concept of query.concepts)
    if (concept.own.some((t) => passage.termSet.has(t) || passage.questionTerms.has(t)))
      own += concept.weight;
  return 1 - OWN_WORDS_WEIGHT + (OWN_WORDS_WEIGHT * own) / totalWeight;
}

/** Where each concept the passage holds (itself or a synonym) stands in it, for proximity and figures. */
export function conceptPositions(query: Query, passage: Passage): ConceptPositions[] {
  const positions: ConceptPositions[] = [];
  for (const concept of query.concepts) {
    const at: number[] = [];
    for (const t of passage.terms) if (concept.alternatives.includes(t.term)) at.push(t.index);
    if (at.length > 0) positions.push({ concept: concept.term, at });
  }
  return positions;
}

/**
 * Rewards a passage whose matched words stand close together: the shortest span (in characters) holding
 * one occurrence of each matched concept, compared with the words' own length. Up to +15%.
 */
export function proximity(positions: number[][]): number {
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
 * and a word), with what it counts: that nearest question word, and the word right after the figure. A
 * figure the question states itself is not an answer to it, except as a table row's cell.
 */
export function answerFigure(
  { kind, given }: Query,
  passage: Passage,
  positions: ConceptPositions[],
): Pick<Ranked, 'figure' | 'figureOf'> {
  const all = kind === 'date' ? passage.dates : kind === 'number' ? passage.numbers : [];
  // "June 10, 2026" answers "when in June 2026…?"; "three" does not answer "how many did the three firms…?"
  // A table row's one figure is its cell, the answer even when the question names it ("DeepSeek, 150,000?").
  const stated = (f: Figure) => given.some((g) => sameFigure(g, f) && precision(f) <= precision(g));
  const unstated = all.filter((f) => !stated(f));
  const figures = unstated.length > 0 || passage.context === null ? unstated : all;
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

/**
 * How precise a figure is: a number is exact; a date has as many parts as it gives besides the year
 * ("06-10" and "2026-06-10" over "2026-06").
 */
function precision(figure: Figure): number {
  if (figure.kind !== 'date') return 1;
  const parts = figure.value.split('-');
  return parts[0]?.length === 4 ? parts.length - 1 : parts.length;
}

/** A passage holding the kind of fact asked for ranks higher; one without it lower. */
export function kindFactor(kind: QuestionKind, passage: Passage, figure: Figure | null): number {
  switch (kind) {
    case 'number':
    case 'date':
      return figure || (kind === 'date' && passage.datedSection) ? 1.3 : 0.75;
    case 'who':
      return passage.names ? 1.1 : 0.9;
    case 'definition':
      return passage.defines ? 1.3 : 1;
    case 'reason':
      // A chosen value, not a tuned one: anywhere from 1 to 1.3 it changes no hit of the golden or the
      // held-out set, whose "why" questions share enough words with their answers without it.
      return passage.explains ? 1.2 : 1;
    default:
      return 1;
  }
}

/**
 * A long sentence covers many questions a little; past 30 terms it ranks gently lower
 * (a 70-term sentence by about a fifth), so the short passage that states the fact comes first.
 */
export function lengthFactor(passage: Passage): number {
  return Math.min(1, (30 / Math.max(1, passage.terms.length)) ** 0.3);
}
