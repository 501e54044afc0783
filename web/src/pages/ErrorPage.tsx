import { PageHeading } from '../components/PageHeading.tsx';
import { Link } from '../router/Link.tsx';
import { usePageTitle } from '../router/usePageTitle.ts';

/** The page could not be shown (server unavailable, network lost, outdated page code). */
export function ErrorPage({ message }: { message?: string }) {
  usePageTitle('Erreur');
  return (
    <div className="fr-container fr-my-8w">
      <PageHeading>Service momentanément indisponible</PageHeading>
      <p className="fr-text--lead">{message ?? 'Cette page n’a pas pu être affichée.'}</p>
      <p>Rechargez la page dans quelques instants. Si le problème persiste, revenez plus tard.</p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="button" className="fr-btn" onClick={() => window.location.reload()}>
            Recharger la page
          </button>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" href="/">
            Page d’accueil
          </Link>
        </li>
      </ul>
    </div>
  );
}
