import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { HEADER_SEARCH_INPUT_ID, MAIN_NAVIGATION_ID } from './AppHeader.tsx';

export const MAIN_CONTENT_ID = 'contenu';
/** id of the search form of the pages that have one (home, search) */
export const PAGE_SEARCH_ID = 'recherche';

const PAGES_WITH_SEARCH_FORM = new Set(['/', '/formations']);

export function AppSkipLinks({ pathname }: { pathname: string }) {
  return (
    <SkipLinks
      links={[
        { label: 'Aller au contenu', anchor: `#${MAIN_CONTENT_ID}` },
        { label: 'Aller au menu', anchor: `#${MAIN_NAVIGATION_ID}` },
        {
          label: 'Aller à la recherche',
          anchor: `#${PAGES_WITH_SEARCH_FORM.has(pathname) ? PAGE_SEARCH_ID : HEADER_SEARCH_INPUT_ID}`,
        },
        { label: 'Aller au pied de page', anchor: '#fr-footer' },
      ]}
    />
  );
}
