import { navigate } from '../router/history.ts';
import { isAppPath } from '../router/Link.tsx';

/**
 * Links built outside React (in Leaflet popups) navigate inside the app without reloading, like
 * the app's <Link>; modified clicks (new tab…) keep the browser's behaviour.
 */
export function routeInApp(a: HTMLAnchorElement): HTMLAnchorElement {
  a.addEventListener('click', (event) => {
    const href = a.getAttribute('href');
    if (
      !href ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      !isAppPath(href)
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  });
  return a;
}
