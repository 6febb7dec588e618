/** Passages as the index holds them: the text, its analysed terms and what it holds (figures, dates, names). */
import type { Figure } from '../answer.js';
import type { Corpus, Source } from '../corpus/load.js';
import type { PassageSpan } from '../corpus/passages.js';
import { analyze, analyzeWithOffsets, fold } from './analyze.js';
import { findDates, findFigures } from './figures.js';
import { questionKind } from './question.js';

export interface Passage {
  id: number;
  source: Source;
  start: number;
  end: number;
  paragraph: number;
  section: string | null;
  excerpt: string;
  /** The excerpt folded (NFKC, quotes, dashes), to recognise the same sentence in two sources. */
  folded: string;
  /** A sentence (or two), a table row or a list item. */
  kind: PassageSpan['kind'];
  /** A table row's header, indexed with it. */
  context: string | null;
  /** Analysed terms of the excerpt with their character positions in it. */
  terms: Array<{ term: string; index: number }>;
  /** The terms of the excerpt and of a table row's header. */
  termSet: Set<string>;
  /** Terms of what surrounds the passage: its section heading and the sentence before it ("It went to…"). */
  contextTerms: Set<string>;
  /** The FAQ question it answers (a question standing alone as a paragraph above it), and its terms. */
  question: string | null;
  questionTerms: Set<string>;
  /** The sentence before it in the same paragraph, indexed with it at a lower weight. */
  previous: string;
  /** States what something is ("… means …", "… is the practice of …"): what "what is X?" wants. */
  defines: boolean;
  /** Gives a cause or a purpose ("because", "due to", "to avoid"): what "why?" wants. */
  explains: boolean;
  /** The passage asks rather than states (an FAQ heading). */
  asks: boolean;
  numbers: Figure[];
  dates: Figure[];
  /** Its section heading is a date (a timeline entry): it answers "when". */
  datedSection: boolean;
  /** Holds a name (a capitalised word past the first) — what a "who" question wants. */
  names: boolean;
}

/** Words that state what something is: what "what is X?" wants. */
const DEFINES =
  /\b(means|is the practice|is a process|a process in which|is training|is copying|refers to|is when|is a way)\b/i;

/**
 * Words that give a cause or a purpose: what "why?" wants. Not "why" or "reason", which a passage also uses
 * to say it does not know ("it is unclear why…").
 */
const EXPLAINS =
  /\b(because|due to|caused|causing|led to|leads? to|as a result|in order to|so that|so as to|thanks to|aims? to|aimed at|to avoid)\b/i;

/** The passages of a corpus, numbered in order, one at a time: a build may pause between them. */
export function* buildPassages(corpus: Corpus): Generator<Passage> {
  let id = 0;
  for (const source of corpus.sources) {
    for (const [i, span] of source.passages.entries()) {
      const excerpt = source.text.slice(span.start, span.end);
      const before = source.passages[i - 1];
      const previous =
        before && before.paragraph === span.paragraph && span.kind === 'sentence'
          ? source.text.slice(before.start, before.end)
          : '';
      const terms = analyzeWithOffsets(excerpt);
      const contextTerms = span.context ? analyze(span.context) : [];
      yield {
        id: id++,
        source,
        start: span.start,
        end: span.end,
        paragraph: span.paragraph,
        section: span.section,
        excerpt,
        folded: fold(excerpt),
        kind: span.kind,
        context: span.context,
        terms,
        termSet: new Set([...terms.map((t) => t.term), ...contextTerms]),
        contextTerms: new Set([...analyze(span.section ?? ''), ...analyze(previous)]),
        question: span.question,
        questionTerms: new Set(analyze(span.question ?? '')),
        previous,
        defines: DEFINES.test(excerpt),
        explains:
          EXPLAINS.test(excerpt) || (span.question !== null && questionKind(span.question) === 'reason'),
        asks: /\?["”’)]*$/u.test(excerpt),
        ...findFigures(excerpt),
        datedSection: span.section !== null && findDates(span.section, 0, span.section.length).length > 0,
        names: /\s\p{Lu}\p{Ll}+/u.test(excerpt.slice(1)) || span.kind === 'row',
      };
    }
  }
}

/** Counts the words of a passage (folded, of three letters or more) in `counts`, for autocomplete. */
export function countWords(passage: Passage, counts: Map<string, number>): void {
  for (const word of fold(passage.excerpt)
    .toLowerCase()
    .match(/\p{L}{3,}/gu) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
}

/** The words counted, commonest first. */
export function vocabulary(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
