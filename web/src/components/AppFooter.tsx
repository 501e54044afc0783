import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import { BRAND_TOP, HOME_LINK_PROPS } from './AppHeader.tsx';

export function AppFooter() {
  return (
    <Footer
      brandTop={BRAND_TOP}
      homeLinkProps={HOME_LINK_PROPS}
      accessibility="non compliant"
      contentDescription="Fabriques est la plateforme de la Grande École du Numérique : le catalogue public des formations au numérique labellisées, ouvertes aux personnes éloignées de l’emploi, sans condition de diplôme."
      websiteMapLinkProps={{ href: '/plan-du-site' }}
      accessibilityLinkProps={{ href: '/accessibilite' }}
      termsLinkProps={{ href: '/mentions-legales' }}
      bottomItems={[
        { text: 'Données personnelles', linkProps: { href: '/donnees-personnelles' } },
        { text: 'Données ouvertes', linkProps: { href: '/donnees-ouvertes' } },
        { text: 'Simulateur de l’aide financière', linkProps: { href: '/simulateur-aide' } },
        headerFooterDisplayItem,
      ]}
    />
  );
}
