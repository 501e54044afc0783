import { useMemo } from 'react';
import { api } from '../api/client.ts';
import { loadReferentials } from '../api/referentials.ts';
import { useApi } from '../api/useApi.ts';
import { Link } from '../router/Link.tsx';
import { describeFilters, type FilterLookups } from './filters.ts';

/** The filters the map follows (from the URL), and the way back to the search form. */
export function FiltersSummary({ query }: { query: string }) {
  const referentials = useApi('referentials', () => loadReferentials());
  const commune = new URLSearchParams(query).get('commune');
  // the name of a commune is known from the search API (near.commune)
  const near = useApi(commune ? `near?${query}` : null, (signal) => {
    const params = new URLSearchParams(query);
    params.set('pageSize', '1');
    return api.searchTrainings(params.toString(), signal);
  });
  const communeName = commune && near.data?.near?.commune.code === commune ? near.data.near.commune.name : undefined;

  const lookups = useMemo((): FilterLookups => {
    const r = referentials.data;
    return {
      regions: r && new Map(r.regions.map((x) => [x.code, x.name])),
      departements: r && new Map(r.departements.map((x) => [x.code, x.name])),
      jobs: r && new Map(r.jobs.map((x) => [x.code, x.label])),
      levels: r && new Map(r.levels.map((x) => [x.level, x.label])),
      communeName,
    };
  }, [referentials.data, communeName]);

  const items = describeFilters(query, lookups);
  return (
    <div className="fr-mb-3w">
      {items.length === 0 ? (
        <p className="fr-mb-1w">La carte montre toutes les formations labellisées.</p>
      ) : (
        <>
          <p className="fr-mb-1w" id="carte-filtres">
            La carte montre les formations labellisées correspondant à votre recherche :
          </p>
          <ul className="fr-tags-group" aria-labelledby="carte-filtres">
            {items.map((item) => (
              <li key={item.label}>
                <p className="fr-tag fr-tag--sm">
                  {item.label} : {item.value}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      <Link href={query ? `/formations?${query}` : '/formations'} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
        Modifier la recherche
      </Link>
    </div>
  );
}
