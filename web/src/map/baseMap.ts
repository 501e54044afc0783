import L from './leaflet.ts';
import type { Shape } from './geoData.ts';
import { escapeHtml } from './html.ts';
import { INSETS, franceBounds, placePoint } from './insets.ts';

/**
 * The France map without tiles: Web Mercator (EPSG3857), shapes drawn from local GeoJSON, overseas
 * départements in insets (see insets.ts), French labels on the controls.
 */
export function createFranceMap(container: HTMLElement): L.Map {
  const bounds = L.latLngBounds(franceBounds());
  const map = L.map(container, {
    crs: L.CRS.EPSG3857,
    zoomControl: false,
    attributionControl: false,
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    minZoom: 4,
    maxZoom: 12,
    maxBounds: bounds.pad(0.5),
    maxBoundsViscosity: 0.8,
    // popups and tooltips inside the map stay readable when they open near an edge
    renderer: L.svg({ padding: 0.5 }),
  });
  L.control.zoom({ position: 'topright', zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer' }).addTo(map);
  fitFrance(map);
  return map;
}

export function fitFrance(map: L.Map): void {
  map.fitBounds(franceBounds(), { padding: [12, 12], animate: false });
}

/** Frames the given places (as drawn, insets applied), or all France when there are none. */
export function fitPlaces(map: L.Map, places: readonly (readonly [lat: number, lon: number])[]): void {
  if (places.length === 0) return fitFrance(map);
  const bounds = L.latLngBounds(places.map(([lat, lon]) => placePoint(lat, lon)));
  map.fitBounds(bounds, { padding: [40, 40], maxZoom: 9, animate: false });
}

/** Départements as a plain background (markers view). */
export function departementsBackground(features: Shape[], pane = 'overlayPane'): L.GeoJSON {
  return L.geoJSON(features, { pane, interactive: false, style: () => ({ className: 'fab-dep', fillOpacity: 1, weight: 0.8 }) });
}

/** Borders of the metropolitan régions, drawn over the départements. */
export function regionBorders(features: Shape[], pane = 'overlayPane'): L.GeoJSON {
  return L.geoJSON(features, { pane, interactive: false, style: () => ({ className: 'fab-region', fill: false, weight: 1 }) });
}

/**
 * Draws a thin frame and a label around each overseas inset; the code replaces the name when the
 * frames get small. Returns the function that removes them.
 */
export function addInsetFrames(map: L.Map): () => void {
  const group = L.layerGroup();
  for (const inset of INSETS) {
    const { west, south, east, north } = inset.frame;
    L.rectangle(
      [
        [south, west],
        [north, east],
      ],
      { interactive: false, className: 'fab-inset-frame', fill: false, weight: 1 },
    ).addTo(group);
    L.marker([north, west], {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({
        className: 'fab-inset-label',
        html: `<span class="fab-inset-label__name">${escapeHtml(inset.name)}</span><span class="fab-inset-label__code">${inset.code}</span>`,
        iconSize: undefined,
        iconAnchor: [0, 0],
      }),
    }).addTo(group);
  }
  const first = INSETS[0]!.frame;
  const update = () => {
    const left = map.latLngToContainerPoint([first.north, first.west]);
    const right = map.latLngToContainerPoint([first.north, first.east]);
    map.getContainer().classList.toggle('fab-map--compact', right.x - left.x < 96);
  };
  group.addTo(map);
  map.on('zoomend resize', update);
  update();
  return () => {
    map.off('zoomend resize', update);
    group.remove();
  };
}
