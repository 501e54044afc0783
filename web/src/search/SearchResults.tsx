import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ApiState } from '../api/useApi.ts';
import type { Referentials, SearchResponse, Sort } from '../api/types.ts';
import { TrainingCard } from '../components/TrainingCard.tsx';
import { Link } from '../router/Link.tsx';
import { plural } from '../format/numbers.ts';
import { searchHref, serializeMapQuery, type SearchFilters } from './searchQuery.ts';
import { SEARCH_FIELD_IDS, type FieldErrors } from './fields.ts';
import { errorState } from '../components/fieldState.ts';

export const RESULTS_HEADING_ID = 'resultats';

const SORT_OPTIONS: { value: Sort; label: string }[] = [
  { value: 'relevance', label: 'Pertinence' },
  { value: 'distance', label: 'Distance' },
  { value: 'start', label: 'Date de début la plus proche' },
];

export interface SearchResultsProps {
  filters: SearchFilters;
  state: ApiState<SearchResponse>;
  referentials: Referentials | undefined;
  errors: FieldErrors;
  onSortChange: (sort: Sort) => void;
}

function statusText(state: ApiState<SearchResponse>): string {
  if (state.status === 'loading') return 'Recherche en cours…';
  if (state.status === 'error') return state.error.status === 400 ? 'Corrigez les critères signalés pour lancer la recherche.' : '';
  const { total, near } = state.data;
  const found = total === 0 ? 'Aucune formation trouvée' : `${plural(total, 'formation trouvée', 'formations trouvées')}`;
  return near ? `${found} à moins de ${near.radiusKm} km de ${near.commune.name}` : found;
}

export function SearchResults({ filters, state, referentials, errors, onSortChange }: SearchResultsProps) {
  const data = state.status === 'error' && state.error.status === 400 ? undefined : state.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 0;
  const mapQuery = serializeMapQuery(filters);
  const currentSort: Sort = filters.sort || 'relevance';

  return (
    <section aria-labelledby={RESULTS_HEADING_ID} className="app-results">
      <div className="app-results__header">
        <div>
          <h2 id={RESULTS_HEADING_ID} tabIndex={-1} className="fr-h4 fr-mb-1w">
            Résultats{filters.page > 1 ? ` – page ${filters.page}` : ''}
          </h2>
          <p role="status" className="fr-text--lg fr-text--bold fr-mb-1w">
            {statusText(state)}
          </p>
          <p className="fr-mb-0">
            <Link href={mapQuery ? `/carte?${mapQuery}` : '/carte'} className="fr-link fr-icon-map-pin-2-line fr-link--icon-left">
              Voir ces résultats sur la carte
            </Link>
          </p>
        </div>
        <Select
          className="app-results__sort"
          label="Trier par"
          nativeSelectProps={{
            id: SEARCH_FIELD_IDS.sort,
            name: 'sort',
            value: currentSort,
            onChange: (event) => onSortChange(event.target.value as Sort),
          }}
          {...errorState(errors, 'sort')}
        >
          {SORT_OPTIONS.map((option) => (
            <option key={option.value} value={option.value} disabled={option.value === 'distance' && filters.commune === ''}>
              {option.label}
              {option.value === 'distance' && filters.commune === '' ? ' (choisissez une commune)' : ''}
            </option>
          ))}
        </Select>
      </div>

      {state.status === 'error' && state.error.status !== 400 && (
        <Alert severity="error" title="La recherche n’a pas abouti" description={state.error.message} className="fr-my-3w" />
      )}

      {data && data.total === 0 && (
        <div className="fr-callout fr-my-3w">
          <h3 className="fr-callout__title">Aucune formation ne correspond à ces critères</h3>
          <p className="fr-callout__text">
            Élargissez le rayon autour de la commune, retirez un filtre ou essayez d’autres mots-clés.
          </p>
        </div>
      )}

      {data && data.results.length === 0 && data.total > 0 && (
        <p className="fr-my-3w">
          Cette page n’existe pas. <Link href={searchHref({ ...filters, page: 1 })}>Revenir à la première page des résultats</Link>
        </p>
      )}

      {data && data.results.length > 0 && (
        <ul className="app-results__list" aria-busy={state.status === 'loading'}>
          {data.results.map((training) => (
            <li key={training.id}>
              <TrainingCard training={training} levels={referentials?.levels} />
            </li>
          ))}
        </ul>
      )}

      {data && pageCount > 1 && (
        <Pagination
          className="fr-mt-4w"
          count={pageCount}
          defaultPage={Math.min(filters.page, pageCount)}
          showFirstLast
          getPageLinkProps={(page) => ({ href: searchHref({ ...filters, page }) })}
        />
      )}
    </section>
  );
}
