/** Grouping answers: the same fact from several sources, and figures that sources give differently. */
import type { Disagreement, Figure, QuestionKind } from '../answer.js';
import { sameFigure } from './figures.js';
import type { Ranked } from './rank.js';

/** Each other source stating the same fact (up to three) adds this share to an answer's rank. */
export const CORROBORATION_BONUS = 0.1;

/** Whether two term sets share at least `threshold` of their union (Jaccard), without counting when sizes alone rule it out. */
function overlapAtLeast(a: Set<string>, b: Set<string>, threshold: number): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < threshold * large.size) return false;
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  return shared >= threshold * (a.size + b.size - shared);
}

/**
 * Whether two passages state the same fact: the same text; or, when the question asks for a figure or a
 * date, the same one in much the same words (a passage without it states another fact); otherwise mostly
 * the same words.
 */
export function sameFact(a: Ranked, b: Ranked, kind: QuestionKind): boolean {
  if (a.passage.folded === b.passage.folded) return true;
  if (kind === 'number' || kind === 'date') {
    if (!a.figure || !b.figure)
      return !a.figure && !b.figure && overlapAtLeast(a.passage.termSet, b.passage.termSet, 0.5);
    if (!sameFigure(a.figure, b.figure)) return false;
    // Worded differently, two passages share few words ("| Fake accounts used | ~25,000 |", "nearly 25,000
    // fraudulent accounts"). They state one fact when each figure stands next to a word of the question the
    // other holds too, and, for two sentences, both hold the same words of the question ("banned 25,000
    // fake accounts" is not "used 25,000 fake accounts").
    const rowAndSentence = (a.passage.context === null) !== (b.passage.context === null);
    const counts = (x: Ranked, y: Ranked) => x.figureOf !== null && y.concepts.includes(x.figureOf.concept);
    const sameWords =
      a.concepts.length === b.concepts.length && a.concepts.every((c) => b.concepts.includes(c));
    const reworded = counts(a, b) && counts(b, a) && (rowAndSentence || sameWords);
    return overlapAtLeast(a.passage.termSet, b.passage.termSet, reworded ? 0.1 : 0.25);
  }
  return overlapAtLeast(a.passage.termSet, b.passage.termSet, 0.5);
}

/**
 * Marks the answers that give different figures (or dates) for the same thing: figures compare only when
 * each stands nearest the same word of the question and they do not count different things ("28.8 million
 * exchanges" and "14.4 billion tokens" do not disagree).
 */
export function disagreementOf(
  ranked: Ranked[],
  sameWord: (a: string, b: string) => boolean,
): Disagreement | null {
  const lead = ranked.find((r) => r.figure && r.figureOf);
  if (!lead?.figure || !lead.figureOf) return null;
  const { concept, unit } = lead.figureOf;
  // Figures that say what they count must count the same ("25,000 accounts", "on June 10 to senators");
  // one that ends its clause ("the number evacuated was 12,000.", "peaked on March 3.") compares only
  // with another such. Without a word of the question in its passage (a bare table cell), a figure's
  // subject is unknown.
  const comparable = (other: { concept: string; unit: string | null }) => {
    if (other.concept !== concept) return false;
    if (unit !== null && other.unit !== null) return sameWord(unit, other.unit);
    return concept !== '' && unit === null && other.unit === null;
  };
  const values: Array<{ figure: Figure; answers: number[] }> = [];
  ranked.forEach((r, i) => {
    if (!r.figure || !r.figureOf) return;
    if (!comparable(r.figureOf)) return;
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
