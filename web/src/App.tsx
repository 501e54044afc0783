import { AppFooter } from './components/AppFooter.tsx';
import { AppHeader } from './components/AppHeader.tsx';
import { AppSkipLinks, MAIN_CONTENT_ID } from './components/AppSkipLinks.tsx';
import { useLocation } from './router/history.ts';
import { RouteAnnouncer } from './router/RouteAnnouncer.tsx';
import { Router } from './router/Router.tsx';
import { SessionProvider } from './session/SessionContext.tsx';

export function App() {
  const { pathname } = useLocation();
  return (
    <SessionProvider>
      <AppSkipLinks pathname={pathname} />
      <AppHeader pathname={pathname} />
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="app-main">
        <Router />
      </main>
      <AppFooter />
      <RouteAnnouncer />
    </SessionProvider>
  );
}
