import type { Database } from '../../db/client.ts';
import type { Territories } from '../territories/referential.ts';
import { buildIndex, type CatalogueIndex } from './domain/search/index.ts';
import type { CatalogueTraining } from './domain/types.ts';
import { loadCatalogue } from './repo.ts';

/**
 * The public catalogue served from memory (ARCHITECTURE.md "Scale-out"): built from the database at
 * start and rebuilt after every change of trainings, labels or sessions. Searches only see trainings
 * whose label is active; a suspended or withdrawn one keeps its page, which says why.
 */
export class CatalogueReadModel {
  private byId = new Map<string, CatalogueTraining>();
  private searchable: CatalogueTraining[] = [];
  private idx: CatalogueIndex = buildIndex([]);
  private builtAt = 0;

  constructor(
    private readonly database: Database,
    readonly geo: Territories,
  ) {}

  async refresh(): Promise<{ trainings: number; unplaced: number }> {
    const { trainings, unplaced } = await loadCatalogue(this.database, this.geo);
    const searchable = trainings.filter((t) => t.label.status === 'active');
    const idx = buildIndex(searchable);
    // swap at once: readers never see a half-built model
    this.byId = new Map(trainings.map((t) => [t.id, t]));
    this.searchable = searchable;
    this.idx = idx;
    this.builtAt = Date.now();
    return { trainings: searchable.length, unplaced };
  }

  get index(): CatalogueIndex {
    return this.idx;
  }

  /** Trainings the public can find (active label). */
  get trainings(): readonly CatalogueTraining[] {
    return this.searchable;
  }

  /** Any training with a public page (active, suspended or withdrawn label). */
  get(id: string): CatalogueTraining | undefined {
    return this.byId.get(id);
  }

  get version(): number {
    return this.builtAt;
  }
}
