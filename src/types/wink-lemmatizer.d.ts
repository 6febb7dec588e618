// wink-lemmatizer ships no type declarations; this is the part of its API we use (see its README).
declare module 'wink-lemmatizer' {
  const lemmatizer: {
    /** Base form of a verb ("became" → "become"); the word itself when it is not an inflected verb. */
    verb(word: string): string;
    noun(word: string): string;
    adjective(word: string): string;
  };
  export default lemmatizer;
}
