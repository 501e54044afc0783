import { useEffect, useRef } from 'react';
import L from './leaflet.ts';
import { loadDepartements } from './geoData.ts';
import { featureAt } from './geometry.ts';

export interface TrainingLocationMapProps {
  lat: number;
  lon: number;
  /** text alternative given by the caller, e.g. « Lieu de formation : 12 rue …, Brest » */
  title: string;
}

/**
 * A small, static-looking map of one training's place: the outline of its département and one
 * marker. Nothing to operate (no zoom, no drag, no focus stop): it is an image, named by `title`.
 */
export function TrainingLocationMap({ lat, lon, title }: TrainingLocationMapProps) {
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const container = document.createElement('div');
    container.style.height = '100%';
    host.append(container);
    const map = L.map(container, {
      crs: L.CRS.EPSG3857,
      attributionControl: false,
      zoomControl: false,
      dragging: false,
      touchZoom: false,
      doubleClickZoom: false,
      scrollWheelZoom: false,
      boxZoom: false,
      keyboard: false,
      zoomSnap: 0.25,
    });
    map.setView([lat, lon], 8);
    L.marker([lat, lon], {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: 'fab-marker fab-marker--focus', iconSize: [18, 18] }),
    }).addTo(map);

    let cancelled = false;
    loadDepartements()
      .then((departements) => {
        if (cancelled) return;
        const departement = featureAt(departements, lat, lon);
        // the neighbours give the place its context, the département of the training stands out
        L.geoJSON(departements, {
          interactive: false,
          filter: (f) => f !== departement,
          style: () => ({ className: 'fab-dep', fillOpacity: 1, weight: 0.8 }),
        }).addTo(map);
        if (!departement) return;
        const shape = L.geoJSON(departement, {
          interactive: false,
          style: () => ({ className: 'fab-dep fab-dep--location', fillOpacity: 1, weight: 1.5 }),
        }).addTo(map);
        map.fitBounds(shape.getBounds(), { padding: [16, 16], animate: false, maxZoom: 10 });
      })
      .catch(() => {
        // the marker alone still locates the training
      });
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(container);
    return () => {
      cancelled = true;
      resize.disconnect();
      map.remove();
      container.remove();
    };
  }, [lat, lon]);

  return <div ref={hostRef} className="fab-location-map" role="img" aria-label={title} />;
}

export default TrainingLocationMap;
