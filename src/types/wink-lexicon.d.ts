// wink-lexicon ships no type declarations; these are the two WordNet tables of it that we read.
declare module 'wink-lexicon/src/wn-words.js' {
  /** Every WordNet base form, with its index into wn-word-senses. */
  const words: Record<string, number>;
  export default words;
}

declare module 'wink-lexicon/src/wn-word-senses.js' {
  /** Each word's WordNet lexicographer files, one a sense: 0–1 adjective, 2 adverb, 3–28 noun, 29–43 verb. */
  const senses: number[][];
  export default senses;
}
