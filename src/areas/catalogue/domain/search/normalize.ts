/** Text normalisation shared by the catalogue index, the queries and the commune autocomplete. */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_ALNUM = /[^a-z0-9]+/g;

/** The rule, on any text: the reference the fast path below must agree with. */
export function normalizeSlowly(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(NOT_ALNUM, ' ')
    .trim();
}

// Each character folds on its own (lower case and NFKD act per character), so a table of folded
// characters gives the same result without running the regular expressions on whole texts.
const TABLE_SIZE = 0x250; // Latin-1 and Latin Extended-A/B: nearly every character of French text
const table: string[] = Array.from({ length: TABLE_SIZE }, (_, c) => foldChar(String.fromCharCode(c)));
const others = new Map<string, string>();

function foldChar(ch: string): string {
  const folded = normalizeSlowly(ch);
  // a character that becomes nothing but was not a mark separates words
  return folded === '' && !/^[\u0300-\u036f]$/.test(ch) ? ' ' : folded;
}

/**
 * Lower case, accents stripped (NFKD + combining marks removed), ligatures œ → oe, æ → ae, ß → ss,
 * every other character (punctuation, apostrophes, hyphens) turned into a single space, trimmed.
 * "L'Haÿ-les-Roses" → "l hay les roses".
 */
export function normalize(text: string): string {
  return words(text).join(' ');
}

const isPlain = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57); // a-z, 0-9 fold to themselves

/** The words of normalize(text), without building the whole string first. */
function words(text: string): string[] {
  const out: string[] = [];
  // the current word is text[start .. i) while every character folds to itself, `built` once one does not
  let start = -1;
  let built: string | null = null;
  const end = (i: number) => {
    if (built !== null) {
      if (built !== '') out.push(built);
    } else if (start >= 0) out.push(text.slice(start, i));
    start = -1;
    built = null;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isPlain(c)) {
      if (built !== null) built += text[i];
      else if (start < 0) start = i;
      continue;
    }
    let folded: string;
    const at = i;
    if (c < TABLE_SIZE) folded = table[c]!;
    else {
      // a surrogate pair is one character (𝐀 folds to a)
      const pair = c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      const ch = pair ? text.slice(i, ++i + 1) : text[i]!;
      folded = others.get(ch) ?? foldChar(ch);
      if (others.size < 10_000) others.set(ch, folded);
    }
    if (folded === ' ') {
      end(at);
      continue;
    }
    // several characters may hold several words (½ → "1 2")
    const parts = folded.split(' ');
    built = (built ?? (start >= 0 ? text.slice(start, at) : '')) + parts[0];
    for (let p = 1; p < parts.length; p++) {
      end(at);
      built = parts[p]!;
    }
  }
  end(text.length);
  return out;
}

/** French function words that carry no meaning in a training search (already normalised). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'au', 'aux', 'avec', 'd', 'dans', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les', 'ou', 'par', 'pour', 'sur', 'un', 'une',
]);

/** Words of a text, normalised, of 2 characters or more, stop words removed, in order (duplicates kept). */
export function tokenize(text: string): string[] {
  return words(text).filter((word) => word.length >= 2 && !STOP_WORDS.has(word));
}
