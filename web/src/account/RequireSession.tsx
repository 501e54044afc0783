import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { ContentPage, type ContentPageProps } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { useLocation } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { membershipLabel, ROLE_LABELS, type Account, type Membership, type Role } from '../session/types.ts';

export interface SignedIn {
  account: Account;
  active: Membership | null;
}

export interface RequireSessionProps {
  title: string;
  segments?: ContentPageProps['segments'];
  /** the roles that may see the page (acting with one of them); any signed-in person when absent */
  roles?: Role[];
  children: (signedIn: SignedIn) => ReactNode;
}

/** A private page: shown to a signed-in person (with one of `roles`), else a French explanation. */
export function RequireSession({ title, segments, roles, children }: RequireSessionProps) {
  const session = useSession();
  const { pathname, search } = useLocation();

  if (session.status === 'loading') return <PageLoading />;

  if (!session.account) {
    const back = encodeURIComponent(pathname + (search ? `?${search}` : ''));
    return (
      <ContentPage title={title} segments={segments} width="narrow">
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Connectez-vous pour accéder à cette page</h2>
          <p className="fr-callout__text">Cette page est réservée aux personnes connectées à leur compte Fabriques.</p>
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Link className="fr-btn" href={`/connexion?retour=${back}`}>
              Se connecter
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" href="/inscription">
              Créer un compte
            </Link>
          </li>
        </ul>
      </ContentPage>
    );
  }

  if (roles && !(session.active && roles.includes(session.active.role))) {
    return (
      <ContentPage title={title} segments={segments} width="narrow">
        <RoleRefusal roles={roles} account={session.account} active={session.active} />
      </ContentPage>
    );
  }

  return children({ account: session.account, active: session.active });
}

function RoleRefusal({ roles, account, active }: { roles: Role[]; account: Account; active: Membership | null }) {
  const { switchMembership } = useSession();
  const [error, setError] = useState<string | null>(null);
  const allowed = account.memberships.filter((m) => roles.includes(m.role));
  const who = roles.map((r) => ROLE_LABELS[r]).join(', ');
  return (
    <>
      <div className="fr-alert fr-alert--warning fr-mb-4w">
        <h2 className="fr-alert__title">Page réservée : {who}</h2>
        <p>
          {active ? `Vous agissez en tant que ${membershipLabel(active)} : ce rôle ne permet pas de voir cette page.` : 'Votre compte n’a pas de rôle qui permette de voir cette page.'}
        </p>
      </div>
      {allowed.length > 0 ? (
        <>
          <p>Vous pouvez agir avec un autre de vos rattachements :</p>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            {allowed.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="fr-btn"
                  onClick={() => {
                    setError(null);
                    switchMembership(m.id).catch((e: unknown) => setError(e instanceof ApiError ? e.message : 'Le changement n’a pas abouti.'));
                  }}
                >
                  Agir en tant que {membershipLabel(m)}
                </button>
              </li>
            ))}
          </ul>
          {error && (
            <p className="fr-message fr-message--error" role="alert">
              {error}
            </p>
          )}
        </>
      ) : (
        <p>
          <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/compte">
            Revenir à mon compte
          </Link>
        </p>
      )}
    </>
  );
}
