import { useState } from 'react';
import { Link } from '../router/Link.tsx';
import { formatNumber } from './choroplethClasses.ts';
import { formatDate } from './filters.ts';
import { LIST_PAGE_SIZE, useTrainingsPage } from './useMapData.ts';

/**
 * Text alternative of the markers view: the trainings of the map, one page of 50 at a time, with
 * a way to the full search results (there can be 20,000).
 */
export function TrainingsTable({ query }: { query: string }) {
  const [page, setPage] = useState(1);
  const state = useTrainingsPage(query, page);
  const data = state.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / LIST_PAGE_SIZE)) : 1;
  const first = data && data.total > 0 ? (data.page - 1) * LIST_PAGE_SIZE + 1 : 0;
  const last = data ? first + data.results.length - (data.results.length > 0 ? 1 : 0) : 0;

  if (state.status === 'error' && !data) {
    return <p className="fr-error-text">{state.error.message}</p>;
  }
  if (!data) return <p>Chargement de la liste des formations…</p>;
  if (data.total === 0) return <p>Aucune formation ne correspond à cette recherche.</p>;

  return (
    <>
      <div className="fr-table fr-table--sm">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>
                  Formations de la carte, {formatNumber(first)} à {formatNumber(last)} sur {formatNumber(data.total)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Formation</th>
                    <th scope="col">Commune</th>
                    <th scope="col">Prochaine session</th>
                    <th scope="col" className="fab-num">
                      Places restantes
                    </th>
                  </tr>
                </thead>
                <tbody aria-busy={state.status === 'loading'}>
                  {data.results.map((t) => (
                    <tr key={t.id}>
                      <th scope="row">
                        <Link href={`/formations/${encodeURIComponent(t.id)}`}>{t.title}</Link>
                      </th>
                      <td>
                        {t.commune.name} ({t.commune.departement})
                      </td>
                      <td>{t.nextSession ? formatDate(t.nextSession.startsOn) : 'Aucune session à venir'}</td>
                      <td className="fab-num">{t.nextSession ? formatNumber(t.nextSession.seatsLeft) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {pages > 1 && (
        <nav className="fr-mb-2w" aria-label="Pages de la liste des formations">
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            <li>
              <button
                type="button"
                className="fr-btn fr-btn--secondary fr-icon-arrow-left-s-line fr-btn--icon-left"
                disabled={page <= 1}
                onClick={() => setPage((p) => Math.max(1, p - 1))}
              >
                Formations précédentes
              </button>
            </li>
            <li>
              <button
                type="button"
                className="fr-btn fr-btn--secondary fr-icon-arrow-right-s-line fr-btn--icon-right"
                disabled={page >= pages}
                onClick={() => setPage((p) => Math.min(pages, p + 1))}
              >
                Formations suivantes
              </button>
            </li>
          </ul>
          <p className="fr-text--sm" aria-live="polite">
            Page {formatNumber(data.page)} sur {formatNumber(pages)}
          </p>
        </nav>
      )}
      <p>
        <Link href={query ? `/formations?${query}` : '/formations'} className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
          Voir toutes les formations dans la recherche
        </Link>
      </p>
    </>
  );
}
