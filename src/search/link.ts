/**
 * Deep links to a passage: the article's URL with a text fragment (`#:~:text=start,end`), so a browser
 * scrolls to and highlights the quoted words. Percent-encoding follows the text fragments spec: besides
 * what `encodeURIComponent` encodes, `-` must be encoded (it delimits prefix/suffix), and `,` and `&` are.
 */

/** Words of an excerpt that a rendered web page shows as text: markdown marks and "[1]" markers left out. */
function visibleWords(excerpt: string): string[] {
  return excerpt
    .replace(/\[\d+\]/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .split(/\s+/)
    .map((word) => word.replace(/^[*_|>#`]+|[*_|`]+$/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}

export function encodeFragmentText(text: string): string {
  return encodeURIComponent(text).replace(
    /[-!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Words quoted at each end of a long excerpt: enough to be unique on a page, short enough to survive edits. */
const EDGE_WORDS = 4;

/** `url#:~:text=…` pointing at `excerpt`, or `null` without a URL. Keeps any existing fragment out. */
export function passageLink(url: string | null, excerpt: string): string | null {
  if (!url) return null;
  const words = visibleWords(excerpt);
  if (words.length === 0) return url;
  const base = url.replace(/#.*$/, '');
  const fragment =
    words.length <= EDGE_WORDS * 2
      ? encodeFragmentText(words.join(' '))
      : `${encodeFragmentText(words.slice(0, EDGE_WORDS).join(' '))},${encodeFragmentText(words.slice(-EDGE_WORDS).join(' '))}`;
  return `${base}#:~:text=${fragment}`;
}
