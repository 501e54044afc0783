/** Public catalogue search: a pure in-memory index of the labelled trainings, rebuilt by the read model. */
export { normalize, tokenize, STOP_WORDS } from './normalize.ts';
export { buildIndex, type CatalogueIndex, type IndexOptions } from './build-index.ts';
export { search, searchAll } from './search.ts';
export { romeCodesForJob } from './jobs.ts';
export { ROME_JOBS, type RomeJob } from './rome-jobs.ts';
export { FIELD_WEIGHTS } from './text-index.ts';
