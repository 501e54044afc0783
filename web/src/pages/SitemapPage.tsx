import { ContentPage } from '../components/ContentPage.tsx';
import { Link } from '../router/Link.tsx';

const SECTIONS: { title: string; links: { label: string; href: string }[] }[] = [
  {
    title: 'Se former',
    links: [
      { label: 'Accueil', href: '/' },
      { label: 'Trouver une formation', href: '/formations' },
      { label: 'Carte des formations', href: '/carte' },
      { label: 'Se connecter', href: '/connexion' },
    ],
  },
  {
    title: 'Réutiliser les données',
    links: [{ label: 'Données ouvertes', href: '/donnees-ouvertes' }],
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
