import { allowedDistance, boundedEditDistance, forEachDeletionHash, indexedDeletions } from './fuzzy.ts';

/**
 * The words an index knows, prepared for the three ways a typed word can match them: exactly, as a
 * prefix (the word being typed), or within a small edit distance (a typo).
 */
export interface Vocabulary {
  /** unique words, ascending (a term's id is its position) */
  readonly terms: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  /** hashes of the deletion neighbourhoods of the terms, ascending, and the term each comes from */
  readonly deletionHashes: Uint32Array;
  readonly deletionTerms: Int32Array;
}

/** Terms a typed word stands for, with how well each matches (1 = exactly). */
export interface Expansion {
  readonly terms: Int32Array;
  readonly qualities: Float64Array;
}

export const EXACT_QUALITY = 1;
/** a prefix scores between 0.5 and 0.9, more when it covers more of the word */
export function prefixQuality(typedLength: number, termLength: number): number {
  return 0.5 + (0.4 * typedLength) / termLength;
}
export const TYPO_QUALITY: readonly number[] = [1, 0.6, 0.4];
/** prefixes shorter than this are not expanded (too many words start with "co") */
export const MIN_PREFIX_LENGTH = 3;

const MAX_TERMS = 2 ** 21;
const TERM_SHIFT = 2 ** 21;

export function buildVocabulary(words: Iterable<string>): Vocabulary {
  const terms = [...new Set(words)].sort();
  if (terms.length >= MAX_TERMS) throw new Error(`Vocabulaire trop grand : ${terms.length} mots.`);
  const ids = new Map<string, number>();
  terms.forEach((t, i) => ids.set(t, i));

  // (hash, term) pairs packed in one double (hash < 2^32, term < 2^21) so one numeric sort orders them
  const packed: number[] = [];
  terms.forEach((term, id) => {
    const deletions = indexedDeletions(term.length);
    if (deletions > 0) forEachDeletionHash(term, deletions, (h) => packed.push(h * TERM_SHIFT + id));
  });
  const sorted = Float64Array.from(packed).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i]!;
  const deletionHashes = new Uint32Array(unique);
  const deletionTerms = new Int32Array(unique);
  for (let i = 0; i < unique; i++) {
    const v = sorted[i]!;
    const term = v % TERM_SHIFT;
    deletionTerms[i] = term;
    deletionHashes[i] = (v - term) / TERM_SHIFT;
  }
  return { terms, ids, deletionHashes, deletionTerms };
}

/** Terms matched by a typed (normalised) word: exact, by prefix when `asPrefix`, or by typo. */
export function expandWord(vocabulary: Vocabulary, word: string, asPrefix: boolean): Expansion {
  const { terms, ids } = vocabulary;
  const best = new Map<number, number>();
  const keep = (term: number, quality: number) => {
    if (quality > (best.get(term) ?? 0)) best.set(term, quality);
  };

  const exact = ids.get(word);
  if (exact !== undefined) keep(exact, EXACT_QUALITY);

  if (asPrefix && word.length >= MIN_PREFIX_LENGTH) {
    for (let i = lowerBound(terms, word); i < terms.length && terms[i]!.startsWith(word); i++) {
      if (i !== exact) keep(i, prefixQuality(word.length, terms[i]!.length));
    }
  }

  const distance = allowedDistance(word.length);
  if (distance > 0) {
    const { deletionHashes, deletionTerms } = vocabulary;
    const checked = new Set<number>();
    forEachDeletionHash(word, distance, (h) => {
      for (let i = lowerBoundU32(deletionHashes, h); i < deletionHashes.length && deletionHashes[i] === h; i++) {
        const term = deletionTerms[i]!;
        if (term === exact || checked.has(term)) continue;
        checked.add(term);
        const d = boundedEditDistance(word, terms[term]!, distance);
        if (d <= distance) keep(term, TYPO_QUALITY[d]!);
      }
    });
  }

  const found = [...best.keys()].sort((a, b) => a - b);
  return { terms: Int32Array.from(found), qualities: Float64Array.from(found, (t) => best.get(t)!) };
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundU32(sorted: Uint32Array, key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
