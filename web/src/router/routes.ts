import { lazy, type ComponentType } from 'react';
import { HomePage } from '../pages/HomePage.tsx';

export type RouteParams = Record<string, string>;
export type PageComponent = ComponentType<{ params: RouteParams }>;

interface Route {
  pattern: RegExp;
  /** names of the pattern's capture groups, in order */
  params?: string[];
  page: PageComponent;
}

// Every page but the home page is loaded on demand, so that the first load stays small.
const SearchPage = lazy(() => import('../pages/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));
const TrainingPage = lazy(() => import('../pages/TrainingPage.tsx').then((m) => ({ default: m.TrainingPage })));
const MapRoutePage = lazy(() => import('../pages/MapRoutePage.tsx').then((m) => ({ default: m.MapRoutePage })));
const OpenDataPage = lazy(() => import('../pages/OpenDataPage.tsx').then((m) => ({ default: m.OpenDataPage })));
const LoginPage = lazy(() => import('../pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const LegalNoticePage = lazy(() => import('../pages/LegalNoticePage.tsx').then((m) => ({ default: m.LegalNoticePage })));
const AccessibilityPage = lazy(() =>
  import('../pages/AccessibilityPage.tsx').then((m) => ({ default: m.AccessibilityPage })),
);
const PrivacyPage = lazy(() => import('../pages/PrivacyPage.tsx').then((m) => ({ default: m.PrivacyPage })));
const SitemapPage = lazy(() => import('../pages/SitemapPage.tsx').then((m) => ({ default: m.SitemapPage })));
export const NotFoundPage = lazy(() => import('../pages/NotFoundPage.tsx').then((m) => ({ default: m.NotFoundPage })));

const routes: Route[] = [
  { pattern: /^\/$/, page: HomePage },
  { pattern: /^\/formations$/, page: SearchPage },
  { pattern: /^\/formations\/([^/]+)$/, params: ['id'], page: TrainingPage },
  { pattern: /^\/carte$/, page: MapRoutePage },
  { pattern: /^\/donnees-ouvertes$/, page: OpenDataPage },
  { pattern: /^\/connexion$/, page: LoginPage },
  { pattern: /^\/mentions-legales$/, page: LegalNoticePage },
  { pattern: /^\/accessibilite$/, page: AccessibilityPage },
  { pattern: /^\/donnees-personnelles$/, page: PrivacyPage },
  { pattern: /^\/plan-du-site$/, page: SitemapPage },
];

export function matchRoute(pathname: string): { page: PageComponent; params: RouteParams } {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: RouteParams = {};
    (route.params ?? []).forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { page: route.page, params };
  }
  return { page: NotFoundPage, params: {} };
}
