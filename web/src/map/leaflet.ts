// The one entry point to Leaflet: its CSS and the clustering plugin come with it. Only map files
// import this module, and the app imports them lazily, so Leaflet loads only when a map is shown.
import L from 'leaflet';
// leaflet.markercluster extends the global `L` that Leaflet's UMD build sets: keep this order
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import './map.css';

export default L;

/** Leaflet builds some controls with English labels: say them in French. */
export function frenchPopupCloseButton(popup: L.Popup): void {
  const button = popup.getElement()?.querySelector('.leaflet-popup-close-button');
  button?.setAttribute('aria-label', 'Fermer');
  button?.setAttribute('title', 'Fermer');
}
