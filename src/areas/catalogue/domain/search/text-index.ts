import type { CatalogueTraining } from '../types.ts';
import type { Csr } from './csr.ts';
import { tokenize } from './normalize.ts';
import type { RomeJob } from './rome-jobs.ts';
import { buildVocabulary, type Vocabulary } from './vocabulary.ts';

/** How much a word counts depending on where it appears in a training. */
export const FIELD_WEIGHTS = {
  title: 4,
  romeLabel: 4,
  codes: 3,
  certification: 2,
  summary: 1,
  objectives: 1,
  provider: 1,
  commune: 1,
} as const;

/** Inverted index: for each vocabulary term, the trainings containing it and how strongly. */
export interface TextIndex {
  readonly vocabulary: Vocabulary;
  /** trainings of term t, ascending: postings.items[postings.start[t] .. start[t + 1]) */
  readonly postings: Csr;
  /** per posting: sum of the weights of the distinct fields the term appears in */
  readonly weights: Float32Array;
  /** per term: inverse document frequency (BM25 form, always > 0) */
  readonly idf: Float64Array;
}

type Field = readonly [text: string, weight: number];

function fieldsOf(t: CatalogueTraining, romeLabels: ReadonlyMap<string, string>): Field[] {
  return [
    [t.title, FIELD_WEIGHTS.title],
    [t.romeCodes.map((c) => romeLabels.get(c) ?? '').join(' '), FIELD_WEIGHTS.romeLabel],
    [`${t.romeCodes.join(' ')} ${t.certification.code}`, FIELD_WEIGHTS.codes],
    [t.certification.title, FIELD_WEIGHTS.certification],
    [t.summary, FIELD_WEIGHTS.summary],
    [t.objectives, FIELD_WEIGHTS.objectives],
    [t.provider.name, FIELD_WEIGHTS.provider],
    [t.commune.name, FIELD_WEIGHTS.commune],
  ];
}

export function buildTextIndex(trainings: readonly CatalogueTraining[], romeJobs: readonly RomeJob[]): TextIndex {
  const romeLabels = new Map(romeJobs.map((j) => [j.code, j.label]));

  // (training, term, weight) triples, grouped by training, with terms numbered as first met
  const firstMet = new Map<string, number>();
  const docStart = [0];
  const pairTerm: number[] = [];
  const pairWeight: number[] = [];
  const lastField: number[] = [];
  const lastDoc: number[] = [];
  const slot: number[] = [];
  let field = 0;
  trainings.forEach((t, d) => {
    for (const [text, weight] of fieldsOf(t, romeLabels)) {
      field++;
      for (const word of tokenize(text)) {
        let term = firstMet.get(word);
        if (term === undefined) {
          firstMet.set(word, (term = firstMet.size));
          lastField.push(-1);
          lastDoc.push(-1);
          slot.push(0);
        }
        if (lastField[term] === field) continue; // a field counts once
        lastField[term] = field;
        if (lastDoc[term] === d) pairWeight[slot[term]!]! += weight;
        else {
          lastDoc[term] = d;
          slot[term] = pairTerm.length;
          pairTerm.push(term);
          pairWeight.push(weight);
        }
      }
    }
    docStart.push(pairTerm.length);
  });

  const vocabulary = buildVocabulary(firstMet.keys());
  const idOf = new Int32Array(firstMet.size);
  for (const [word, term] of firstMet) idOf[term] = vocabulary.ids.get(word)!;
  const termCount = vocabulary.terms.length;
  const start = new Int32Array(termCount + 1);
  for (const term of pairTerm) start[idOf[term]! + 1]!++;
  for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, termCount);
  const items = new Int32Array(pairTerm.length);
  const weights = new Float32Array(pairTerm.length);
  for (let d = 0; d < trainings.length; d++) {
    for (let i = docStart[d]!; i < docStart[d + 1]!; i++) {
      const p = fill[idOf[pairTerm[i]!]!]!++;
      items[p] = d;
      weights[p] = pairWeight[i]!;
    }
  }

  const n = trainings.length;
  const idf = new Float64Array(termCount);
  for (let t = 0; t < termCount; t++) {
    const df = start[t + 1]! - start[t]!;
    idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
  return { vocabulary, postings: { start, items }, weights, idf };
}
