import { useEffect } from 'react';
import { announce } from './announcer.ts';
import { hasNavigated } from './history.ts';

export const SITE_NAME = 'Fabriques';

export function formatDocumentTitle(pageTitle: string): string {
  return `${pageTitle} – ${SITE_NAME}`;
}

/** Sets the document title of the page and, after an in-app navigation, announces it. */
export function usePageTitle(pageTitle: string | null): void {
  useEffect(() => {
    if (pageTitle === null) return;
    const title = formatDocumentTitle(pageTitle);
    if (document.title === title) return;
    document.title = title;
    if (hasNavigated()) announce(title);
  }, [pageTitle]);
}
