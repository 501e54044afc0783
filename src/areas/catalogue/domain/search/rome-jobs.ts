import rome from '../../../../../reference/rome.json' with { type: 'json' };

/** A ROME 4.0 job of the committed subset (reference/rome.json). */
export interface RomeJob {
  code: string;
  label: string;
}

export const ROME_JOBS: readonly RomeJob[] = rome;
