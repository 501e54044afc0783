import { useEffect, useRef } from 'react';
import L from './leaflet.ts';
import type { MapData } from './api.ts';
import { addInsetFrames, createFranceMap, departementsBackground, fitPlaces, regionBorders } from './baseMap.ts';
import { choroplethLayer } from './choropleth.ts';
import type { ChoroplethClass } from './choroplethClasses.ts';
import type { MapViewName } from './filters.ts';
import type { FranceShapes } from './geoData.ts';
import { addTrainingMarkers, type TrainingMarkers } from './markers.ts';

export interface MapViewProps {
  view: MapViewName;
  shapes: FranceShapes | undefined;
  data: MapData | undefined;
  classes: readonly ChoroplethClass[];
  /** training to centre on and open (formation=<id> in the URL) */
  focusId: string | null;
  /** frame the results (the search is filtered) rather than all France */
  fitToResults: boolean;
  /** accessible name of the map and the id of the text that explains how to use it */
  label: string;
  describedBy: string;
  /** told once whether the focused training is on the map */
  onFocusResult?: (found: boolean) => void;
}

/**
 * The Leaflet map of /carte. React owns the outer <div>; Leaflet owns the inner one, which is
 * focusable (arrows pan, + and − zoom) and named as a region. Layers are kept per data set, so
 * switching views does not rebuild 20,000 markers.
 */
export function MapView({ view, shapes, data, classes, focusId, fitToResults, label, describedBy, onFocusResult }: MapViewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markersRef = useRef<{ data: MapData; markers: TrainingMarkers } | null>(null);
  const choroplethRef = useRef<{ key: unknown[]; layer: L.GeoJSON } | null>(null);
  const backgroundRef = useRef<L.GeoJSON | null>(null);
  const revealedRef = useRef<string | null>(null);

  // the map itself, once
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const container = document.createElement('div');
    host.append(container);
    const map = createFranceMap(container);
    container.setAttribute('role', 'region');
    container.setAttribute('aria-roledescription', 'carte');
    map.createPane('fab-shapes').style.zIndex = '350';
    map.createPane('fab-borders').style.zIndex = '360';
    map.getPane('fab-borders')!.style.pointerEvents = 'none';
    mapRef.current = map;
    // Leaflet measures its container: measure again when the layout changes
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      map.remove();
      container.remove();
      mapRef.current = null;
      markersRef.current = null;
      choroplethRef.current = null;
      backgroundRef.current = null;
    };
  }, []);

  useEffect(() => {
    const container = mapRef.current?.getContainer();
    container?.setAttribute('aria-label', label);
    container?.setAttribute('aria-describedby', describedBy);
  }, [label, describedBy]);

  // frames of the insets and régions' borders, once the shapes are there
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !shapes) return;
    const borders = regionBorders(shapes.regions, 'fab-borders').addTo(map);
    const removeFrames = addInsetFrames(map);
    return () => {
      borders.remove();
      removeFrames();
    };
  }, [shapes]);

  // the layers of the view shown
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !shapes) return;

    backgroundRef.current ??= departementsBackground(shapes.departements, 'fab-shapes');
    const background = backgroundRef.current;

    if (data && markersRef.current?.data !== data) {
      markersRef.current?.markers.hide();
      markersRef.current = { data, markers: addTrainingMarkers(map, data.points, focusId) };
      if (!focusId) fitPlaces(map, fitToResults ? data.points.map((p) => [p[1], p[2]] as const) : []);
    }
    const choroplethKey = [data, classes];
    if (data && (choroplethRef.current?.key[0] !== data || choroplethRef.current.key[1] !== classes)) {
      choroplethRef.current?.layer.remove();
      const layer = choroplethLayer(shapes.departements, data.departements, classes, 'fab-shapes');
      choroplethRef.current = { key: choroplethKey, layer };
    }

    if (view === 'formations') {
      choroplethRef.current?.layer.remove();
      background.addTo(map);
      markersRef.current?.markers.show();
    } else {
      map.closePopup();
      markersRef.current?.markers.hide();
      if (choroplethRef.current) {
        background.remove();
        choroplethRef.current.layer.addTo(map);
      } else {
        background.addTo(map);
      }
    }
  }, [view, shapes, data, classes, focusId, fitToResults]);

  // centre on the training of the URL, once its marker exists
  useEffect(() => {
    const markers = markersRef.current?.markers;
    if (!focusId || view !== 'formations' || !markers || revealedRef.current === focusId) return;
    revealedRef.current = focusId;
    void markers.reveal(focusId).then((found) => onFocusResult?.(found));
  }, [focusId, view, data, shapes, onFocusResult]);

  return <div ref={hostRef} className="fab-map" />;
}
