import type { DepartementStat } from './api.ts';
import { formatNumber } from './choroplethClasses.ts';

/** Corsica (2A, 2B) between 19 and 21, overseas at the end: the usual order of départements. */
function sortKey(code: string): string {
  return code.replace(/^2A$/, '20A').replace(/^2B$/, '20B').padStart(3, '0');
}

/** Text alternative of the choropleth: every département with its figures, and France as a whole. */
export function DepartementsTable({ departements }: { departements: readonly DepartementStat[] }) {
  const rows = [...departements].sort((a, b) => sortKey(a.code).localeCompare(sortKey(b.code)));
  const seats = rows.reduce((sum, d) => sum + d.seats, 0);
  const population = rows.reduce((sum, d) => sum + d.population, 0);
  const ratio = population > 0 ? Math.round((seats * 10_000 * 100) / population) / 100 : 0;
  return (
    <div className="fr-table fr-table--sm">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          {/* focusable so that keyboard users can scroll it on a narrow screen */}
          <div className="fr-table__content" tabIndex={0} role="region" aria-labelledby="carte-table-departements">
            <table>
              <caption id="carte-table-departements">Places pour 10 000 habitants par département</caption>
              <thead>
                <tr>
                  <th scope="col">Département</th>
                  <th scope="col" className="fab-num">
                    Places
                  </th>
                  <th scope="col" className="fab-num">
                    Population
                  </th>
                  <th scope="col" className="fab-num">
                    Places pour 10 000 habitants
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.code}>
                    <th scope="row">
                      {d.name} ({d.code})
                    </th>
                    <td className="fab-num">{formatNumber(d.seats)}</td>
                    <td className="fab-num">{formatNumber(d.population)}</td>
                    <td className="fab-num">{formatNumber(d.seatsPer10k)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">France entière</th>
                  <td className="fab-num">{formatNumber(seats)}</td>
                  <td className="fab-num">{formatNumber(population)}</td>
                  <td className="fab-num">{formatNumber(ratio)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
