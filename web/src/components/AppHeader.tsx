import { lazy, Suspense } from 'react';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { MainNavigation, type MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { navigate } from '../router/history.ts';
import { useSession, type Session } from '../session/SessionContext.tsx';
import { fullName, type Account } from '../session/types.ts';

// signed-in people only: not in the first load of the public pages
const HeaderAccount = lazy(() => import('./HeaderAccount.tsx').then((m) => ({ default: m.HeaderAccount })));


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
  { text: 'Appels à projets', href: '/appels', isActive: (p) => p.startsWith('/appels') },
  { text: 'Données ouvertes', href: '/donnees-ouvertes', isActive: (p) => p === '/donnees-ouvertes' },
];

/** Pages after which signing in should not come back (the sign-in and mail-link pages themselves). */
const NO_RETURN = /^\/(connexion|inscription|mot-de-passe-oublie|nouveau-mot-de-passe|confirmation-adresse|accord-parental)?$/;

/** The pages of each role, in a « Mon espace » menu of the navigation. */
const ROLE_NAVIGATION: Record<string, { text: string; href: string }[]> = {
  candidate: [
    { text: 'Mon profil', href: '/candidat/profil' },
    { text: 'Mon diagnostic', href: '/candidat/diagnostic' },
    { text: 'Mes vœux', href: '/candidat/voeux' },
    { text: 'Mes inscriptions', href: '/apprenant/inscriptions' },
  ],
  prescriber: [{ text: 'Candidat·es suivi·es', href: '/prescripteur/candidats' }],
  provider: [
    { text: 'Candidatures reçues', href: '/organisme/candidatures' },
    { text: 'Admissions', href: '/organisme/admissions' },
    { text: 'Dossiers de labellisation', href: '/organisme/dossiers' },
    { text: 'Labels de mes formations', href: '/organisme/labels' },
    { text: 'Conventions et versements', href: '/organisme/conventions' },
  ],
  reviewer: [{ text: 'Dossiers à instruire', href: '/instruction' }],
  funder: [{ text: 'Conventions financées', href: '/conventions' }],
  operator: [
    { text: 'Appels à projets', href: '/operateur/appels' },
    { text: 'Labels', href: '/operateur/labels' },
    { text: 'Tours d’admission', href: '/operateur/tours' },
    { text: 'Demandes d’aide', href: '/operateur/aides' },
    { text: 'Conventions et versements', href: '/operateur/conventions' },
    { text: 'Organisations', href: '/operateur/organisations' },
    { text: 'Journal d’audit', href: '/operateur/journal' },
  ],
};

/** The signed-in person's name, among the quick access items (the Header gives it an id). */
function HeaderName({ id, name }: { id?: string; name: string }) {
  return (
    <p id={id} className="fr-btn fr-icon-user-line app-header-name">
      <span className="fr-sr-only">Connecté·e : </span>
      {name}
    </p>
  );
}

/** Signed out: « Se connecter »; signed in: the name, « Mon compte », « Se déconnecter » (the switcher: in the navigation bar). */
function quickAccess(session: Session, pathname: string): HeaderProps['quickAccessItems'] {
  if (session.status === 'loading') return [];
  const { account } = session;
  if (!account) {
    const back = NO_RETURN.test(pathname) ? '' : `?retour=${encodeURIComponent(pathname + window.location.search)}`;
    return [{ iconId: 'fr-icon-account-circle-line', text: 'Se connecter', linkProps: { href: `/connexion${back}` } }];
  }
  return [
    <HeaderName name={fullName(account)} />,
    { iconId: 'fr-icon-account-circle-line', text: 'Mon compte', linkProps: { href: '/compte', 'aria-current': pathname === '/compte' ? 'page' : undefined } },
    {
      iconId: 'fr-icon-logout-box-r-line',
      text: 'Se déconnecter',
      buttonProps: {
        type: 'button',
        onClick: () => {
          void session.signOut().finally(() => navigate('/connexion?deconnexion=1'));
        },
      },
    },
  ];
}

/**
 * The main navigation and, on its right (in the menu on small screens), the switcher of the
 * organisation or role the signed-in person acts for.
 */
function Navigation({ items, account }: { items: MainNavigationProps.Item[]; account: Account | null }) {
  return (
    <div className="app-header-nav">
      <MainNavigation id={MAIN_NAVIGATION_ID} items={items} />
      {account && (
        <Suspense fallback={null}>
          <HeaderAccount account={account} />
        </Suspense>
      )}
    </div>
  );
}

export function AppHeader({ pathname }: { pathname: string }) {
  const session = useSession();
  const navigation: MainNavigationProps.Item[] = NAVIGATION.map((item) => ({
    text: item.text,
    linkProps: { href: item.href },
    isActive: item.isActive(pathname),
  }));
  const mine = session.active ? (ROLE_NAVIGATION[session.active.role] ?? []) : [];
  if (mine.length > 0) {
    navigation.push({
      text: 'Mon espace',
      isActive: mine.some((l) => pathname.startsWith(l.href)),
      menuLinks: mine.map((l) => ({
        text: l.text,
        linkProps: { href: l.href, 'aria-current': pathname.startsWith(l.href) ? ('page' as const) : undefined },
        isActive: pathname.startsWith(l.href),
      })),
    });
  }
  return (
    <Header
      brandTop={BRAND_TOP}
      serviceTitle="Fabriques – Grande École du Numérique"
      serviceTagline="Trouver une formation au numérique labellisée, près de chez vous"
      homeLinkProps={HOME_LINK_PROPS}
      quickAccessItems={quickAccess(session, pathname)}
      navigation={<Navigation items={navigation} account={session.account} />}
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
