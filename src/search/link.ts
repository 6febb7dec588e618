/**
 * Deep links to a passage: the article's URL with a text fragment (`#:~:text=start,end`), so a browser
 * scrolls to and highlights the quoted words. Percent-encoding follows the text fragments spec: besides
 * what `encodeURIComponent` encodes, `-` must be encoded (it delimits prefix/suffix), and `,` and `&` are.
 */

/**
 * Words of an excerpt as a rendered web page shows them: a list, heading or quote marker at its start,
 * emphasis, strikethrough and table marks, link targets and "[1]" markers left out. Punctuation standing between words
 * ("service & police", "sue - it wrote", "—") is shown, and a fragment that skipped it would match nothing.
 */
function visibleWords(excerpt: string): string[] {
  return (
    excerpt
      .replace(/^\s*(?:[-*+]|\d+[.)]|#+|>)\s+/, '')
      .replace(/\[\d+\]/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .split(/\s+/)
      // Marks at a word's start, or before the punctuation that ends it ("*collapsed*," shows "collapsed,");
      // strikethrough is "~~", while "~28.8 million" shows its "~".
      .map((word) => word.replace(/^(?:~~|[*_|>#`])+/, '').replace(/(?:~~|[*_|`])+(?=[^\p{L}\p{N}]*$)/gu, ''))
      .filter((word) => word.length > 0)
  );
}

export function encodeFragmentText(text: string): string {
  return encodeURIComponent(text).replace(
    /[-!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Words quoted at each end of a long excerpt: enough to be unique on a page, short enough to survive edits. */
const EDGE_WORDS = 4;

const isWord = (token: string) => /[\p{L}\p{N}]/u.test(token);

/** The tokens from the start up to and including the `n`th word (a token with a letter or digit). */
function firstWords(tokens: string[], n: number): string[] {
  let words = 0;
  return tokens.slice(0, tokens.findIndex((token) => isWord(token) && ++words === n) + 1);
}

/** `url#:~:text=…` pointing at `excerpt`, or `null` without a URL. Keeps any existing fragment out. */
export function passageLink(url: string | null, excerpt: string): string | null {
  if (!url) return null;
  const tokens = visibleWords(excerpt);
  if (tokens.length === 0) return url;
  const base = url.replace(/#.*$/, '');
  if (tokens.filter(isWord).length <= EDGE_WORDS * 2)
    return `${base}#:~:text=${encodeFragmentText(tokens.join(' '))}`;
  const head = firstWords(tokens, EDGE_WORDS);
  const tail = firstWords([...tokens].reverse(), EDGE_WORDS).reverse();
  const fragment = `${encodeFragmentText(head.join(' '))},${encodeFragmentText(tail.join(' '))}`;
  return `${base}#:~:text=${fragment}`;
}
