import { lazy, Suspense, type ComponentType } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';

interface LocationMapProps {
  lat: number;
  lon: number;
  title: string;
}

// The map component belongs to web/src/map (loaded on demand, with its map library). A glob import
// keeps this page building while that file does not exist yet.
const mapModules = import.meta.glob<{ TrainingLocationMap?: ComponentType<LocationMapProps>; default?: ComponentType<LocationMapProps> }>(
  '../map/TrainingLocationMap.tsx',
);
const loadMap = mapModules['../map/TrainingLocationMap.tsx'];

const TrainingLocationMap = loadMap
  ? lazy(async () => {
      const module = await loadMap();
      const component = module.TrainingLocationMap ?? module.default;
      if (!component) throw new Error('TrainingLocationMap has no export');
      return { default: component };
    })
  : null;

export function TrainingLocation(props: LocationMapProps) {
  if (!TrainingLocationMap) return null;
  return (
    <ErrorBoundary fallback={<p className="fr-hint-text">La carte n’a pas pu être affichée.</p>}>
      <Suspense fallback={<p className="fr-hint-text">Chargement de la carte…</p>}>
        <TrainingLocationMap {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}
