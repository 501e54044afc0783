import { useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { accountsApi } from '../api/accounts.ts';
import { ApiError } from '../api/client.ts';
import { ErrorSummary, required, useSubmission, type FieldMap } from '../account/forms.tsx';
import { MyDataPanel } from '../account/MyDataPanel.tsx';
import { OrganisationPanels } from '../account/OrganisationPanels.tsx';
import { PasswordField } from '../account/PasswordField.tsx';
import { RequireSession, type SignedIn } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { fullName, membershipLabel, ROLE_LABELS } from '../session/types.ts';
import '../account/account.css';

const TITLE = 'Mon compte';

export function AccountPage() {
  // after an erasure the session is gone: the page says what happened instead of asking to sign in
  const [erased, setErased] = useState<string | null>(null);
  if (erased) return <AccountErased message={erased} />;
  return <RequireSession title={TITLE}>{(signedIn) => <Account {...signedIn} onErased={setErased} />}</RequireSession>;
}

function AccountErased({ message }: { message: string }) {
  return (
    <ContentPage title="Compte supprimé">
      <div role="status">
        <Alert severity="success" title="Votre compte est supprimé" description={message} className="fr-mb-4w" />
      </div>
      <p>
        Merci d’avoir utilisé Fabriques. Vous pouvez toujours <Link href="/formations">chercher une formation</Link> sans
        compte, ou en créer un nouveau plus tard.
      </p>
    </ContentPage>
  );
}

function Account({ account, active, onErased }: SignedIn & { onErased: (message: string) => void }) {
  const { switchMembership } = useSession();
  const [switchError, setSwitchError] = useState<string | null>(null);
  const organisation =
    active?.organisationId && active.organisationKind && active.organisationName
      ? { id: active.organisationId, kind: active.organisationKind, name: active.organisationName }
      : null;

  return (
    <ContentPage title={TITLE} width="full">
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <section aria-labelledby="compte-identite" className="fr-col-12 fr-col-md-6">
          <h2 id="compte-identite" className="fr-h3">
            Mon identité
          </h2>
          <dl className="app-facts">
            <div className="app-facts__row">
              <dt>Nom</dt>
              <dd>{fullName(account)}</dd>
            </div>
            <div className="app-facts__row">
              <dt>Adresse e-mail</dt>
              <dd>
                {account.user.email}{' '}
                {account.user.emailVerified ? (
                  <Badge small severity="success" noIcon>
                    Confirmée
                  </Badge>
                ) : (
                  <Badge small severity="warning" noIcon>
                    À confirmer
                  </Badge>
                )}
              </dd>
            </div>
            <div className="app-facts__row">
              <dt>Rôle actif</dt>
              <dd>{active ? membershipLabel(active) : 'Aucun'}</dd>
            </div>
          </dl>
        </section>
        <section aria-labelledby="compte-sessions" className="fr-col-12 fr-col-md-6">
          <SignOutEverywhere />
        </section>
      </div>

      <section aria-labelledby="compte-rattachements" className="fr-mb-6w">
        <h2 id="compte-rattachements" className="fr-h3">
          Mes rattachements
        </h2>
        <p>Vos rôles sur la plateforme, et les organisations pour lesquelles vous agissez. Le rôle actif décide de ce que vous voyez.</p>
        <div role="status" aria-live="polite">
          {switchError && <Alert small severity="error" description={switchError} className="fr-mb-3w" />}
        </div>
        <DataTable
          caption="Mes rattachements"
          hideCaption
          headers={['Rôle', 'Organisation', 'Administration', 'État']}
          rows={account.memberships.map((m) => ({
            key: m.id,
            cells: [
              ROLE_LABELS[m.role],
              m.organisationName ?? '—',
              m.isAdmin ? 'Oui' : 'Non',
              m.id === account.activeMembershipId ? (
                <Badge small severity="info" noIcon>
                  Rôle actif
                </Badge>
              ) : (
                <button
                  type="button"
                  className="fr-btn fr-btn--sm fr-btn--secondary"
                  onClick={() => {
                    setSwitchError(null);
                    switchMembership(m.id).catch((e: unknown) => setSwitchError(e instanceof ApiError ? e.message : 'Le changement n’a pas abouti.'));
                  }}
                >
                  Agir avec ce rôle<span className="fr-sr-only"> : {membershipLabel(m)}</span>
                </button>
              ),
            ],
          }))}
        />
        {active?.role === 'operator' && (
          <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
            <li>
              <Link className="fr-btn fr-btn--secondary" href="/operateur/organisations">
                Gérer les organisations
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" href="/operateur/journal">
                Journal d’audit
              </Link>
            </li>
          </ul>
        )}
      </section>

      {organisation && (
        <section aria-labelledby="compte-organisation" className="fr-mb-6w">
          <h2 id="compte-organisation" className="fr-h3">
            Mon organisation : {organisation.name}
          </h2>
          <OrganisationPanels key={organisation.id} organisation={organisation} actor={active} userId={account.user.id} level={3} />
        </section>
      )}

      {account.user.hasPassword && <ChangePassword />}

      <MyDataPanel hasPassword={account.user.hasPassword} onErased={onErased} />
    </ContentPage>
  );
}

const PASSWORD_FIELDS: FieldMap = {
  currentPassword: { id: 'compte-mot-de-passe-actuel', label: 'Mot de passe actuel' },
  newPassword: { id: 'compte-nouveau-mot-de-passe', label: 'Nouveau mot de passe' },
};

function ChangePassword() {
  const session = useSession();
  const [draft, setDraft] = useState({ currentPassword: '', newPassword: '' });
  const [done, setDone] = useState(false);
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const missing = required(draft, { currentPassword: 'Indiquez votre mot de passe actuel.', newPassword: 'Choisissez un nouveau mot de passe.' });
    if (Object.keys(missing).length > 0) return submission.fail(missing);
    const r = await submission.run(() => accountsApi.changePassword(draft.currentPassword, draft.newPassword));
    if (r) {
      session.setAccount(r.value);
      setDraft({ currentPassword: '', newPassword: '' });
      setDone(true);
    }
  }

  function update(name: keyof typeof draft, value: string) {
    setDraft((d) => ({ ...d, [name]: value }));
    submission.clearField(name);
  }

  return (
    <section aria-labelledby="compte-mot-de-passe" className="fr-mb-6w app-panel app-panel--narrow">
      <h2 id="compte-mot-de-passe" className="fr-h3">
        Changer de mot de passe
      </h2>
      <p>Vos autres sessions (sur d’autres appareils) seront fermées.</p>
      <div role="status" aria-live="polite">
        {done && <Alert small severity="success" description="Votre mot de passe est changé. Vos autres sessions ont été fermées." className="fr-mb-3w" />}
      </div>
      <ErrorSummary failure={submission.failure} fields={PASSWORD_FIELDS} />
      <form onSubmit={submit} noValidate aria-labelledby="compte-mot-de-passe">
        <input type="text" name="username" autoComplete="username" value={session.account?.user.email ?? ''} readOnly hidden />
        <PasswordField
          id={PASSWORD_FIELDS.currentPassword!.id}
          label="Mot de passe actuel"
          name="currentPassword"
          autoComplete="current-password"
          value={draft.currentPassword}
          onChange={(v) => update('currentPassword', v)}
          error={submission.errors.currentPassword}
        />
        <PasswordField
          id={PASSWORD_FIELDS.newPassword!.id}
          label="Nouveau mot de passe"
          name="newPassword"
          autoComplete="new-password"
          withRules
          value={draft.newPassword}
          onChange={(v) => update('newPassword', v)}
          error={submission.errors.newPassword}
        />
        <button type="submit" className="fr-btn fr-mt-2w">
          Changer de mot de passe
        </button>
      </form>
    </section>
  );
}

function SignOutEverywhere() {
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setError(null);
    try {
      await accountsApi.signOutEverywhere();
      session.setAccount(null);
      navigate('/connexion?deconnexion=tous');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'La déconnexion n’a pas abouti.');
    }
  }
  return (
    <>
      <h2 id="compte-sessions" className="fr-h3">
        Mes sessions
      </h2>
      <p>Un appareil perdu, un ordinateur partagé ? Fermez toutes vos sessions, ici comme ailleurs.</p>
      <button type="button" className="fr-btn fr-btn--secondary fr-icon-logout-box-r-line fr-btn--icon-left" onClick={() => void run()}>
        Se déconnecter de tous mes appareils
      </button>
      {error && (
        <p className="fr-message fr-message--error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
