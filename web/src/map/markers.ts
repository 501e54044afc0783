import L, { frenchPopupCloseButton } from './leaflet.ts';
import type { MapPoint } from './api.ts';
import { routeInApp } from './appLink.ts';
import { formatNumber } from './choroplethClasses.ts';
import { escapeHtml } from './html.ts';
import { insetAt, placePoint } from './insets.ts';

/**
 * Clustered training markers. Each marker is a focusable <div role="button"> (Leaflet's keyboard
 * option) named by the training's title; Enter opens its popup and moves the focus into it,
 * Escape closes it and gives the focus back. Metropolitan France and each overseas inset have
 * their own cluster group, so that a cluster never spans two frames.
 */
export interface TrainingMarkers {
  show(): void;
  hide(): void;
  /** Zooms to a training and opens its popup; false when it is not on the map. */
  reveal(id: string): Promise<boolean>;
}

export function seatsLeftText(seatsLeft: number): string {
  return `Places restantes à la prochaine session : ${formatNumber(Math.max(0, seatsLeft))}`;
}

function popupContent(id: string, title: string, seatsLeft: number): HTMLElement {
  const root = document.createElement('div');
  const heading = document.createElement('p');
  heading.className = 'fr-text--bold';
  heading.textContent = title;
  const seats = document.createElement('p');
  seats.textContent = seatsLeftText(seatsLeft);
  const link = document.createElement('a');
  link.className = 'fab-popup-link';
  link.href = `/formations/${encodeURIComponent(id)}`;
  link.textContent = 'Voir la formation';
  const hidden = document.createElement('span');
  hidden.className = 'fr-sr-only';
  hidden.textContent = ` : ${title}`;
  link.append(hidden);
  const line = document.createElement('p');
  line.append(routeInApp(link));
  root.append(heading, seats, line);
  return root;
}

function clusterIcon(cluster: L.MarkerCluster): L.DivIcon {
  const n = cluster.getChildCount();
  const [size, modifier] = n < 10 ? [32, 'small'] : n < 100 ? [38, 'medium'] : [46, 'large'];
  return L.divIcon({
    className: `fab-cluster fab-cluster--${modifier}`,
    iconSize: [size, size],
    html: `<span>${formatNumber(n)}</span><span class="fr-sr-only"> formations regroupées, zoomer pour les voir</span>`,
  });
}

function makeMarker(point: MapPoint, highlighted: boolean): L.Marker {
  const [, lat, lon, title] = point;
  return L.marker(placePoint(lat, lon), {
    keyboard: true,
    riseOnHover: true,
    icon: L.divIcon({
      className: highlighted ? 'fab-marker fab-marker--focus' : 'fab-marker',
      iconSize: [16, 16],
      html: `<span class="fr-sr-only">${escapeHtml(title)}</span>`,
    }),
  });
}

/**
 * One popup for all markers (opened by the groups' click and keypress events): 20,000 bound popups
 * and their listeners would cost more than the markers themselves.
 */
function createPopupOpener(map: L.Map) {
  let openFor: L.Marker | null = null;
  const popup = L.popup({ autoPanPadding: [24, 24], maxWidth: 280, offset: [0, -4] });
  popup.on('add', () => {
    frenchPopupCloseButton(popup);
    const element = popup.getElement();
    element?.addEventListener('keydown', onKeyDown);
  });
  popup.on('remove', () => {
    const element = popup.getElement();
    element?.removeEventListener('keydown', onKeyDown);
    const active = document.activeElement;
    // closed from inside (Escape, close button): give the focus back to the marker
    if (active === document.body || active === null || (element && element.contains(active))) {
      openFor?.getElement()?.focus({ preventScroll: true });
    }
    openFor = null;
  });
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') map.closePopup(popup);
  }
  return function open(marker: L.Marker, point: MapPoint, fromKeyboard: boolean) {
    const [id, , , title, seatsLeft] = point;
    if (openFor === marker && map.hasLayer(popup)) return;
    openFor = null;
    map.closePopup(popup);
    openFor = marker;
    popup.setLatLng(marker.getLatLng()).setContent(popupContent(id, title, seatsLeft)).openOn(map);
    // opened from the keyboard: continue inside the popup
    if (fromKeyboard) popup.getElement()?.querySelector<HTMLElement>('.fab-popup-link')?.focus();
  };
}

export function addTrainingMarkers(map: L.Map, points: readonly MapPoint[], highlightId: string | null): TrainingMarkers {
  const open = createPopupOpener(map);
  const pointOf = new WeakMap<L.Layer, MapPoint>();
  const byZone = new Map<string, L.Marker[]>();
  const byId = new Map<string, { marker: L.Marker; zone: string }>();
  for (const point of points) {
    const zone = insetAt(point[1], point[2])?.code ?? 'metropole';
    const marker = makeMarker(point, point[0] === highlightId);
    pointOf.set(marker, point);
    byId.set(point[0], { marker, zone });
    const list = byZone.get(zone) ?? [];
    list.push(marker);
    byZone.set(zone, list);
  }

  const groups = new Map<string, L.MarkerClusterGroup>();
  const pending: Promise<void>[] = [];
  let populated = false;
  for (const zone of byZone.keys()) {
    let done: () => void = () => {};
    pending.push(new Promise<void>((resolve) => (done = resolve)));
    const group = L.markerClusterGroup({
      chunkedLoading: true,
      // called after each chunk of markers, the last time with processed = total
      chunkProgress: (processed, total) => {
        if (processed >= total) done();
      },
      maxClusterRadius: 60,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon,
    });
    // marker events reach the group (clusters' ones are renamed clusterclick, clusterkeypress)
    group.on('click', (e: L.LeafletMouseEvent) => {
      const point = pointOf.get(e.sourceTarget as L.Layer);
      if (point) open(e.sourceTarget as L.Marker, point, false);
    });
    group.on('keypress', (e: L.LeafletKeyboardEvent) => {
      const point = pointOf.get(e.sourceTarget as L.Layer);
      if (point && e.originalEvent.key === 'Enter') open(e.sourceTarget as L.Marker, point, true);
    });
    groups.set(zone, group);
  }
  const ready = Promise.all(pending);

  return {
    show() {
      for (const [zone, group] of groups) {
        if (map.hasLayer(group)) continue;
        group.addTo(map);
        // added once on the map, in chunks (added before, each marker would be checked against all others)
        if (!populated) group.addLayers(byZone.get(zone) ?? []);
      }
      populated = true;
    },
    hide() {
      map.closePopup();
      for (const group of groups.values()) group.remove();
    },
    async reveal(id) {
      const found = byId.get(id);
      const point = pointOf.get(found?.marker as L.Layer);
      if (!found || !point) return false;
      await ready;
      const group = groups.get(found.zone);
      if (!group || !map.hasLayer(group)) return false;
      group.zoomToShowLayer(found.marker, () => open(found.marker, point, false));
      return true;
    },
  };
}
