import { ContentPage } from '../components/ContentPage.tsx';
import { Link } from '../router/Link.tsx';

const SECTIONS: { title: string; links: { label: string; href: string }[] }[] = [
  {
    title: 'Se former',
    links: [
      { label: 'Accueil', href: '/' },
      { label: 'Trouver une formation', href: '/formations' },
      { label: 'Carte des formations', href: '/carte' },
      { label: 'Simulateur de l’aide financière', href: '/simulateur-aide' },
    ],
  },
  {
    title: 'Mon compte',
    links: [
      { label: 'Se connecter', href: '/connexion' },
      { label: 'Créer un compte', href: '/inscription' },
      { label: 'Mot de passe oublié', href: '/mot-de-passe-oublie' },
    ],
  },
  {
    title: 'Le programme',
    links: [
      { label: 'Appels à projets', href: '/appels' },
      { label: 'Données ouvertes', href: '/donnees-ouvertes' },
    ],
  },
  {
    title: 'Informations',
    links: [
      { label: 'Mentions légales', href: '/mentions-legales' },
      { label: 'Déclaration d’accessibilité', href: '/accessibilite' },
      { label: 'Données personnelles', href: '/donnees-personnelles' },
      { label: 'Plan du site', href: '/plan-du-site' },
    ],
  },
];

export function SitemapPage() {
  return (
    <ContentPage title="Plan du site">
      {SECTIONS.map((section) => (
        <section key={section.title}>
          <h2>{section.title}</h2>
          <ul>
            {section.links.map((link) => (
              <li key={link.href}>
                <Link href={link.href}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>Pour les développeur·ses</h2>
      <ul>
        <li>
          <a href="/api/docs">Documentation de l’API</a>
        </li>
      </ul>
    </ContentPage>
  );
}
