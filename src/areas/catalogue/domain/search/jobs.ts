import { tokenize } from './normalize.ts';
import { ROME_JOBS, type RomeJob } from './rome-jobs.ts';
import { JOB_NAMES } from './job-names.ts';
import { buildVocabulary, expandWord, type Vocabulary } from './vocabulary.ts';

interface JobMatcher {
  readonly jobs: readonly RomeJob[];
  readonly vocabulary: Vocabulary;
  /** per vocabulary term, the positions of the jobs whose label or usual names contain it */
  readonly jobsOfTerm: readonly (readonly number[])[];
  /** typed text → codes (bounded) */
  readonly answers: Map<string, readonly string[]>;
}

const MAX_ANSWERS = 1_000;

const matchers = new WeakMap<readonly RomeJob[], JobMatcher>();

function matcherFor(jobs: readonly RomeJob[]): JobMatcher {
  let m = matchers.get(jobs);
  if (m) return m;
  const termsOfJob = jobs.map((j) => new Set(tokenize([j.code, j.label, ...(JOB_NAMES[j.code] ?? [])].join(' '))));
  const vocabulary = buildVocabulary(termsOfJob.flatMap((s) => [...s]));
  const jobsOfTerm: number[][] = vocabulary.terms.map(() => []);
  termsOfJob.forEach((terms, j) => terms.forEach((t) => jobsOfTerm[vocabulary.ids.get(t)!]!.push(j)));
  m = { jobs, vocabulary, jobsOfTerm, answers: new Map() };
  matchers.set(jobs, m);
  return m;
}

/**
 * ROME codes of the jobs a typed job name designates ("développeur" → M1805), with the catalogue
 * search's rules: accents and case ignored, last word as a prefix, small typos tolerated. Each known
 * word must match the job's label or one of its usual names; words matching no job at all ("junior",
 * "java") are ignored. Nothing recognised → [] (the search then finds nothing). Codes in list order.
 */
export function romeCodesForJob(text: string, jobs: readonly RomeJob[] = ROME_JOBS): string[] {
  const matcher = matcherFor(jobs);
  let codes = matcher.answers.get(text);
  if (!codes) {
    codes = resolve(matcher, text);
    if (matcher.answers.size >= MAX_ANSWERS) matcher.answers.clear();
    matcher.answers.set(text, codes);
  }
  return [...codes];
}

function resolve({ jobs, vocabulary, jobsOfTerm }: JobMatcher, text: string): string[] {
  const words = [...new Set(tokenize(text))];
  let kept: Set<number> | null = null;
  words.forEach((word, i) => {
    const { terms } = expandWord(vocabulary, word, i === words.length - 1);
    const matching = new Set<number>();
    for (const t of terms) for (const j of jobsOfTerm[t]!) matching.add(j);
    if (matching.size === 0) return;
    kept = kept === null ? matching : new Set([...kept].filter((j) => matching.has(j)));
  });
  const result: Set<number> = kept ?? new Set();
  return jobs.filter((_, j) => result.has(j)).map((j) => j.code);
}
