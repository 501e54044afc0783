import type { MapData } from './api.ts';
import { DepartementsTable } from './DepartementsTable.tsx';
import type { MapViewName } from './filters.ts';
import { TrainingsTable } from './TrainingsTable.tsx';

export const TEXT_ALTERNATIVE_ID = 'carte-alternative';

/** What the map shows, as text (the map's skip link leads here). */
export function MapTextAlternative({ view, query, data }: { view: MapViewName; query: string; data: MapData | undefined }) {
  return (
    <section aria-labelledby={TEXT_ALTERNATIVE_ID} className="fr-mt-4w">
      <h2 id={TEXT_ALTERNATIVE_ID} tabIndex={-1}>
        {view === 'formations' ? 'Liste des formations de la carte' : 'Chiffres de la carte, par département'}
      </h2>
      {view === 'formations' ? (
        <TrainingsTable key={query} query={query} />
      ) : data ? (
        <DepartementsTable departements={data.departements} />
      ) : (
        <p>Chargement des chiffres par département…</p>
      )}
    </section>
  );
}
