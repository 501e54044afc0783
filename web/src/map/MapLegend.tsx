import type { ChoroplethClass } from './choroplethClasses.ts';
import type { MapViewName } from './filters.ts';

/** Legend of the view shown, in HTML beside the map (readable and zoomable like the page). */
export function MapLegend({ view, classes }: { view: MapViewName; classes: readonly ChoroplethClass[] }) {
  return (
    <div className="fr-p-2w fr-background-alt--grey">
      <p className="fr-text--bold fr-mb-1w" id="carte-legende">
        {view === 'formations' ? 'Légende' : 'Places pour 10 000 habitants'}
      </p>
      {view === 'formations' ? (
        <ul className="fab-legend" aria-labelledby="carte-legende">
          <li>
            <span className="fab-swatch fab-swatch--marker" aria-hidden="true" />
            Une formation (sélectionnez-la pour voir le détail)
          </li>
          <li>
            <span className="fab-swatch fab-swatch--cluster" aria-hidden="true" />
            Plusieurs formations proches : le nombre est indiqué, sélectionnez pour zoomer
          </li>
        </ul>
      ) : (
        <>
          <ul className="fab-legend" aria-labelledby="carte-legende">
            {classes.map((c) => (
              <li key={c.tone}>
                <span className={`fab-swatch fab-choro-${c.tone}`} aria-hidden="true" />
                {c.label}
              </li>
            ))}
          </ul>
          <p className="fr-text--xs fr-mt-1w fr-mb-0">
            Places des sessions à venir des formations correspondant à la recherche, rapportées à la population du
            département.
          </p>
        </>
      )}
      <p className="fr-text--xs fr-mt-1w fr-mb-0">
        Les départements d’outre-mer sont représentés dans des encadrés à gauche, chacun à sa propre échelle.
      </p>
    </div>
  );
}
