import L, { frenchPopupCloseButton } from './leaflet.ts';
import type { DepartementStat } from './api.ts';
import { classOf, formatNumber, type ChoroplethClass } from './choroplethClasses.ts';
import type { Shape } from './geoData.ts';

/** « Finistère (29) : 3,2 places pour 10 000 habitants (120 places, 915 090 habitants) » */
export function departementSummary(stat: DepartementStat): string {
  const places = stat.seats === 1 ? '1 place' : `${formatNumber(stat.seats)} places`;
  return `${stat.name} (${stat.code}) : ${formatNumber(stat.seatsPer10k)} places pour 10 000 habitants (${places}, ${formatNumber(stat.population)} habitants)`;
}

/**
 * Départements coloured by seats per 10,000 inhabitants (overseas ones already moved into their
 * insets). Hover shows a tooltip, a click or a tap opens the same text in a popup; the table below
 * the map gives every figure to keyboard and screen reader users.
 */
export function choroplethLayer(
  features: Shape[],
  stats: readonly DepartementStat[],
  classes: readonly ChoroplethClass[],
  pane = 'overlayPane',
): L.GeoJSON {
  const byCode = new Map(stats.map((s) => [s.code, s]));
  return L.geoJSON(features, {
    pane,
    style: (feature) => {
      const stat = feature ? byCode.get((feature as Shape).properties.code) : undefined;
      const tone = stat ? classOf(stat.seatsPer10k, classes).tone : 0;
      return { className: `fab-dep fab-choro-${tone}`, fillOpacity: 1, weight: 0.8 };
    },
    onEachFeature: (feature, layer) => {
      const shape = feature as Shape;
      const stat = byCode.get(shape.properties.code);
      const text = stat ? departementSummary(stat) : `${shape.properties.nom} (${shape.properties.code}) : pas de données`;
      layer.bindTooltip(() => textNode(text), { sticky: true, direction: 'top', offset: [0, -8] });
      layer.bindPopup(() => textNode(text), { maxWidth: 260 });
      layer.on('popupopen', (e: L.PopupEvent) => {
        frenchPopupCloseButton(e.popup);
        layer.closeTooltip();
      });
    },
  });
}

function textNode(text: string): HTMLElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}
