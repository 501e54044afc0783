import { lazy, Suspense, type ComponentType } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import { ContentPage } from '../components/ContentPage.tsx';

// The map page belongs to web/src/map (it reads its filters from the URL itself). A glob import keeps
// the app building while that file does not exist yet.
const mapPageModules = import.meta.glob<{ default: ComponentType }>('../map/MapPage.tsx');
const loadMapPage = mapPageModules['../map/MapPage.tsx'];
const MapPage = loadMapPage ? lazy(loadMapPage) : null;

export function MapRoutePage() {
  if (!MapPage) {
    return (
      <ContentPage title="Carte des formations">
        <p>La carte des formations sera bientôt disponible.</p>
      </ContentPage>
    );
  }
  return (
    <ErrorBoundary fallback={<ErrorPage message="La carte n’a pas pu être affichée." />}>
      <Suspense fallback={<PageLoading label="Chargement de la carte…" />}>
        <MapPage />
      </Suspense>
    </ErrorBoundary>
  );
}
