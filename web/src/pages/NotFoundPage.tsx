import { PageHeading } from '../components/PageHeading.tsx';
import { Link } from '../router/Link.tsx';
import { usePageTitle } from '../router/usePageTitle.ts';

export function NotFoundPage() {
  usePageTitle('Page non trouvée');
  return (
    <div className="fr-container fr-my-8w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <PageHeading>Page non trouvée</PageHeading>
          <p className="fr-text--sm fr-mb-3w">Erreur 404</p>
          <p className="fr-text--lead fr-mb-3w">La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
          <p className="fr-mb-5w">
            Si vous avez tapé l’adresse web dans le navigateur, vérifiez qu’elle est correcte : la page n’est peut-être plus
            disponible. Une formation dont le label a pris fin n’apparaît plus dans le catalogue.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <Link className="fr-btn" href="/">
                Page d’accueil
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" href="/formations">
                Trouver une formation
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}
