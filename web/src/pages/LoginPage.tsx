import { ContentPage } from '../components/ContentPage.tsx';
import { isAppPath, Link } from '../router/Link.tsx';
import { useLocation } from '../router/history.ts';

export function LoginPage() {
  const { searchParams } = useLocation();
  const back = searchParams.get('retour');
  // only a path of this site: never send the visitor elsewhere
  const backHref = back && isAppPath(back) ? back : null;
  return (
    <ContentPage title="Se connecter">
      <div className="fr-callout fr-mb-4w">
        <h2 className="fr-callout__title">La connexion arrive bientôt</h2>
        <p className="fr-callout__text">
          Les comptes candidat·es ne sont pas encore ouverts. Dès leur ouverture, vous pourrez vous connecter pour postuler à
          une session, suivre vos candidatures et demander l’aide financière de la Grande École du Numérique.
        </p>
      </div>
      <p>
        En attendant, chaque page de formation indique comment contacter l’organisme de formation : il peut vous renseigner
        sur les prochaines sessions et sur la façon de candidater.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {backHref && (
          <li>
            <Link className="fr-btn" href={backHref}>
              {backHref.startsWith('/formations/') ? 'Revenir à la formation' : 'Revenir à la page précédente'}
            </Link>
          </li>
        )}
        <li>
          <Link className={backHref ? 'fr-btn fr-btn--secondary' : 'fr-btn'} href="/formations">
            Trouver une formation
          </Link>
        </li>
      </ul>
    </ContentPage>
  );
}
