import type { CatalogueIndex, WordPlan } from './build-index.ts';
import { tokenize } from './normalize.ts';
import { newStamp } from './scratch.ts';
import { expandWord } from './vocabulary.ts';

/** The words of a text query, each resolved to index terms, cheapest first. Every word must match. */
export interface TextPlan {
  readonly words: readonly WordPlan[];
  /** postings read by scanning every word's terms */
  readonly scanCost: number;
  /** rough cost of checking one training by binary searches instead, in postings-walk steps */
  readonly lookupCost: number;
  /** a word matches no term: nothing can match */
  readonly impossible: boolean;
}

const MAX_CACHED_WORDS = 10_000;
const LOOKUP_STEP_COST = 4;

/** null when the text has no searchable word (empty, stop words or single letters only). */
export function planText(index: CatalogueIndex, text: string | undefined): TextPlan | null {
  if (!text) return null;
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  const last = tokens[tokens.length - 1]!;
  const words = [...new Set(tokens)].map((w) => wordPlan(index, w, w === last));
  words.sort((a, b) => a.cost - b.cost);
  let scanCost = 0;
  let lookupCost = 0;
  for (const w of words) {
    scanCost += w.cost;
    for (let i = 0; i < w.terms.length; i++) {
      const len = termLength(index, w.terms[i]!);
      // a binary search step mispredicts where a postings walk streams: about 4 times the cost
      lookupCost += len > 0 ? LOOKUP_STEP_COST * (1 + Math.log2(len)) : 1;
    }
  }
  return { words, scanCost, lookupCost, impossible: words.some((w) => w.terms.length === 0) };
}

function wordPlan(index: CatalogueIndex, word: string, asPrefix: boolean): WordPlan {
  const key = (asPrefix ? '*' : '=') + word;
  const cached = index.caches.wordPlans.get(key);
  if (cached) return cached;
  const { terms, qualities } = expandWord(index.text.vocabulary, word, asPrefix);
  const factors = new Float64Array(terms.length);
  let cost = 0;
  for (let i = 0; i < terms.length; i++) {
    factors[i] = qualities[i]! * index.text.idf[terms[i]!]!;
    cost += termLength(index, terms[i]!);
  }
  const plan = { terms, qualities, factors, cost };
  if (index.caches.wordPlans.size >= MAX_CACHED_WORDS) index.caches.wordPlans.clear();
  index.caches.wordPlans.set(key, plan);
  return plan;
}

const termLength = (index: CatalogueIndex, term: number) => index.text.postings.start[term + 1]! - index.text.postings.start[term]!;

/**
 * Trainings of `allowed` (null: all) matching every word, by walking the postings: writes them to
 * scratch.candidates with their text score in scratch.candidateScore; returns how many. A word's
 * contribution is its best term's field weight × match quality × idf. (One small function per step,
 * so each keeps its own stable type feedback in the JIT.)
 */
export function scanText(index: CatalogueIndex, plan: TextPlan, allowed: Uint32Array | null): number {
  const first = plan.words[0]!;
  let count = first.terms.length === 1 ? scanOneTerm(index, first, allowed) : scanTerms(index, first, allowed);
  for (let w = 1; w < plan.words.length && count > 0; w++) count = intersectWord(index, plan.words[w]!, count);
  return count;
}

/** First word with a single term: its postings are the candidates. */
function scanOneTerm(index: CatalogueIndex, word: WordPlan, allowed: Uint32Array | null): number {
  const { start, items } = index.text.postings;
  const weights = index.text.weights;
  const { candidates, candidateScore } = index.scratch;
  const term = word.terms[0]!;
  const factor = word.factors[0]!;
  let count = 0;
  for (let p = start[term]!, end = start[term + 1]!; p < end; p++) {
    const d = items[p]!;
    if (allowed !== null && (allowed[d >>> 5]! & (1 << (d & 31))) === 0) continue;
    candidates[count] = d;
    candidateScore[count++] = weights[p]! * factor;
  }
  return count;
}

/** First word with several terms: the union of their postings, each training with its best term. */
function scanTerms(index: CatalogueIndex, word: WordPlan, allowed: Uint32Array | null): number {
  const sc = index.scratch;
  const { start, items } = index.text.postings;
  const weights = index.text.weights;
  const { candidates, candidateScore, wordMark, wordBest } = sc;
  const mark = newStamp(sc);
  let count = 0;
  for (let e = 0; e < word.terms.length; e++) {
    const term = word.terms[e]!;
    const factor = word.factors[e]!;
    for (let p = start[term]!, end = start[term + 1]!; p < end; p++) {
      const d = items[p]!;
      if (allowed !== null && (allowed[d >>> 5]! & (1 << (d & 31))) === 0) continue;
      const v = weights[p]! * factor;
      if (wordMark[d] !== mark) {
        wordMark[d] = mark;
        wordBest[d] = v;
        candidates[count++] = d;
      } else if (v > wordBest[d]!) wordBest[d] = v;
    }
  }
  for (let i = 0; i < count; i++) candidateScore[i] = wordBest[candidates[i]!]!;
  return count;
}

/** Another word: keeps the candidates it matches, adding its best contribution; returns how many remain. */
function intersectWord(index: CatalogueIndex, word: WordPlan, count: number): number {
  const sc = index.scratch;
  const { start, items } = index.text.postings;
  const weights = index.text.weights;
  const { candidates, candidateScore, candidateMark, candidateBest, member, position } = sc;
  const alive = newStamp(sc);
  for (let i = 0; i < count; i++) {
    member[candidates[i]!] = alive;
    position[candidates[i]!] = i;
  }
  const mark = newStamp(sc);
  for (let e = 0; e < word.terms.length; e++) {
    const term = word.terms[e]!;
    const factor = word.factors[e]!;
    for (let p = start[term]!, end = start[term + 1]!; p < end; p++) {
      const d = items[p]!;
      if (member[d] !== alive) continue;
      const i = position[d]!;
      const v = weights[p]! * factor;
      if (candidateMark[i] !== mark) {
        candidateMark[i] = mark;
        candidateBest[i] = v;
      } else if (v > candidateBest[i]!) candidateBest[i] = v;
    }
  }
  let kept = 0;
  for (let i = 0; i < count; i++) {
    if (candidateMark[i] !== mark) continue;
    candidates[kept] = candidates[i]!;
    candidateScore[kept++] = candidateScore[i]! + candidateBest[i]!;
  }
  return kept;
}

/** Text score of one training by binary searches in the postings, or −1 when a word does not match. */
export function lookupScore(index: CatalogueIndex, plan: TextPlan, d: number): number {
  const { start, items } = index.text.postings;
  const weights = index.text.weights;
  let total = 0;
  for (let w = 0; w < plan.words.length; w++) {
    const { terms, factors } = plan.words[w]!;
    let best = -1;
    for (let e = 0; e < terms.length; e++) {
      const term = terms[e]!;
      let lo = start[term]!;
      let hi = start[term + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = items[mid]!;
        if (v < d) lo = mid + 1;
        else if (v > d) hi = mid - 1;
        else {
          const s = weights[mid]! * factors[e]!;
          if (s > best) best = s;
          break;
        }
      }
    }
    if (best < 0) return -1;
    total += best;
  }
  return total;
}
