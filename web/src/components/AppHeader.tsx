import { Header } from '@codegouvfr/react-dsfr/Header';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { navigate } from '../router/history.ts';

export const BRAND_TOP = (
  <>
    République
    <br />
    Française
  </>
);

export const HOME_LINK_PROPS = {
  href: '/',
  title: 'Accueil – Fabriques – Grande École du Numérique',
};

export const HEADER_SEARCH_INPUT_ID = 'fr-header-search-input';
export const MAIN_NAVIGATION_ID = 'fr-header-main-navigation';

const NAVIGATION: { text: string; href: string; isActive: (pathname: string) => boolean }[] = [
  { text: 'Accueil', href: '/', isActive: (p) => p === '/' },
  { text: 'Trouver une formation', href: '/formations', isActive: (p) => p.startsWith('/formations') },
  { text: 'Carte', href: '/carte', isActive: (p) => p === '/carte' },
  { text: 'Données ouvertes', href: '/donnees-ouvertes', isActive: (p) => p === '/donnees-ouvertes' },
];

export function AppHeader({ pathname }: { pathname: string }) {
  const navigation: MainNavigationProps.Item[] = NAVIGATION.map((item) => ({
    text: item.text,
    linkProps: { href: item.href },
    isActive: item.isActive(pathname),
  }));
  return (
    <Header
      brandTop={BRAND_TOP}
      serviceTitle="Fabriques – Grande École du Numérique"
      serviceTagline="Trouver une formation au numérique labellisée, près de chez vous"
      homeLinkProps={HOME_LINK_PROPS}
      quickAccessItems={[
        { iconId: 'fr-icon-account-circle-line', text: 'Se connecter', linkProps: { href: '/connexion' } },
      ]}
      navigation={navigation}
      renderSearchInput={({ className, id, type }) => (
        <input className={className} id={id} type={type} name="q" placeholder="Rechercher une formation" />
      )}
      onSearchButtonClick={(text) => {
        const q = text.trim();
        navigate(q ? `/formations?${new URLSearchParams({ q })}` : '/formations');
      }}
      allowEmptySearch
    />
  );
}
