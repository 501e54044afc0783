import { useMemo, useSyncExternalStore } from 'react';

// A tiny router store on top of the History API: the current path + query string is the state.

type Listener = () => void;
const listeners = new Set<Listener>();

/** Set when the page (pathname) changed because of the user: the next page heading takes the focus. */
let focusPending = false;

function notify(): void {
  for (const listener of listeners) listener();
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}

let lastPathname = window.location.pathname;
let navigationCount = 0;

/** Whether the visitor has navigated inside the app since the first page load. */
export function hasNavigated(): boolean {
  return navigationCount > 0;
}

let lastPath = currentPath();

function onLocationChange(): void {
  const path = currentPath();
  if (path === lastPath) return; // only the #fragment changed (e.g. a skip link)
  lastPath = path;
  navigationCount += 1;
  if (window.location.pathname !== lastPathname) {
    lastPathname = window.location.pathname;
    focusPending = true;
  }
  notify();
}

window.addEventListener('popstate', onLocationChange);

export interface NavigateOptions {
  /** replace the current history entry instead of adding one */
  replace?: boolean;
  /** keep the scroll position (e.g. when only the query string changes) */
  keepScroll?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (target === currentPath() + window.location.hash) return;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  const pathnameChanged = url.pathname !== lastPathname;
  onLocationChange();
  if (url.hash) {
    document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
  } else if (pathnameChanged && !options.keepScroll) {
    window.scrollTo(0, 0);
  }
}

/** Called by the page heading once mounted: true once per page change. */
export function takeFocusRequest(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}


function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface AppLocation {
  pathname: string;
  /** query string without the leading "?" */
  search: string;
  searchParams: URLSearchParams;
}

export function useLocation(): AppLocation {
  const path = useSyncExternalStore(subscribe, currentPath);
  return useMemo(() => {
    const url = new URL(path, window.location.origin);
    return { pathname: url.pathname, search: url.search.slice(1), searchParams: url.searchParams };
  }, [path]);
}
