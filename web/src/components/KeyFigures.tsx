import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { formatInteger } from '../format/numbers.ts';

/** Figures of the catalogue, read from the search API (pageSize=1: only the totals matter). */
export function KeyFigures() {
  const all = useApi('all', (signal) => api.searchTrainings('pageSize=1', signal));
  const withSeats = useApi('withSeats', (signal) => api.searchTrainings('placesLeft=true&pageSize=1', signal));
  const free = useApi('free', (signal) => api.searchTrainings('free=true&pageSize=1', signal));

  const figure = (state: typeof all) =>
    state.status === 'success' ? formatInteger(state.data.total) : state.status === 'error' ? '–' : '…';

  if (all.status === 'error') {
    return <p>Les chiffres du catalogue sont momentanément indisponibles.</p>;
  }
  return (
    <ul className="app-figures" aria-busy={all.status === 'loading'}>
      <li className="app-figures__item">
        <span className="app-figures__value">{figure(all)}</span>
        <span className="app-figures__label">formations labellisées au catalogue</span>
      </li>
      <li className="app-figures__item">
        <span className="app-figures__value">{figure(withSeats)}</span>
        <span className="app-figures__label">avec des places disponibles</span>
      </li>
      <li className="app-figures__item">
        <span className="app-figures__value">{figure(free)}</span>
        <span className="app-figures__label">gratuites pour les apprenant·es</span>
      </li>
    </ul>
  );
}
