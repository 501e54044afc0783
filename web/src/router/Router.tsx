import { Suspense } from 'react';
import { useLocation } from './history.ts';
import { matchRoute } from './routes.ts';
import { PageLoading } from '../components/PageLoading.tsx';

export function Router() {
  const { pathname } = useLocation();
  const { page: Page, params } = matchRoute(pathname);
  return (
    <Suspense fallback={<PageLoading />}>
      {/* a new page (or another training) starts from a fresh state */}
      <Page key={pathname} params={params} />
    </Suspense>
  );
}
