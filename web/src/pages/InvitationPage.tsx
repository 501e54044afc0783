import { useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { accountsApi, type InvitationPreview } from '../api/accounts.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorSummary, required, useSubmission, type FieldMap } from '../account/forms.tsx';
import { errorState } from '../components/fieldState.ts';
import { formatDateTime } from '../account/labels.ts';
import { PasswordField } from '../account/PasswordField.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { navigate, useLocation } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { announce } from '../router/announcer.ts';
import { useSession } from '../session/SessionContext.tsx';
import { fullName } from '../session/types.ts';
import '../account/account.css';

const TITLE = 'Invitation';

/** /invitation?jeton=…: read the invitation, then accept it (signed in as its address, or by creating the account). */
export function InvitationPage() {
  const token = useLocation().searchParams.get('jeton')?.trim() ?? '';
  const preview = useApi(token ? `invitation:${token}` : null, () => accountsApi.previewInvitation(token));

  if (!token) {
    return (
      <ContentPage title={TITLE} width="narrow">
        <Alert severity="error" title="Lien incomplet" description="Ce lien ne contient pas son code : ouvrez-le directement depuis le message d’invitation." />
      </ContentPage>
    );
  }
  return (
    <ContentPage title={TITLE} width="narrow">
      {preview.status === 'loading' && <p role="status">Chargement de l’invitation…</p>}
      {preview.status === 'error' && (
        <>
          <Alert severity="error" className="fr-mb-4w" title="Invitation non valable" description={preview.error.message} />
          <Link className="fr-btn fr-btn--secondary" href="/">
            Page d’accueil
          </Link>
        </>
      )}
      {preview.data && <Invitation token={token} invitation={preview.data} />}
    </ContentPage>
  );
}

function Invitation({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const session = useSession();
  const here = `/invitation?${new URLSearchParams({ jeton: token })}`;
  return (
    <>
      <div className="fr-callout fr-mb-4w">
        <h2 className="fr-callout__title">Rejoindre {invitation.organisationName}</h2>
        <p className="fr-callout__text">
          Vous êtes invité·e à rejoindre <strong>{invitation.organisationName}</strong> sur Fabriques avec le rôle{' '}
          <strong>{invitation.roleLabel}</strong>
          {invitation.isAdmin ? ', avec les droits d’administration (inviter et retirer des collègues)' : ''}.
        </p>
        <p className="fr-text--sm fr-mb-0">
          Invitation adressée à {invitation.email}, valable jusqu’au {formatDateTime(invitation.expiresAt)}.
        </p>
      </div>

      {session.status === 'loading' ? (
        <PageLoading label="Chargement…" />
      ) : session.account ? (
        session.account.user.email.toLowerCase() === invitation.email.toLowerCase() ? (
          <AcceptSignedIn token={token} />
        ) : (
          <>
            <Alert
              severity="warning"
              className="fr-mb-3w"
              title="Cette invitation est adressée à une autre personne"
              description={`Vous êtes connecté·e en tant que ${fullName(session.account)} (${session.account.user.email}). Déconnectez-vous, puis acceptez l’invitation avec le compte de ${invitation.email}.`}
            />
            <button type="button" className="fr-btn fr-btn--secondary" onClick={() => void session.signOut()}>
              Se déconnecter
            </button>
          </>
        )
      ) : invitation.accountExists ? (
        <>
          <p>Un compte Fabriques existe déjà avec l’adresse {invitation.email} : connectez-vous pour accepter l’invitation.</p>
          <Link className="fr-btn" href={`/connexion?${new URLSearchParams({ retour: here })}`}>
            Se connecter pour accepter
          </Link>
        </>
      ) : (
        <CreateAccount token={token} invitation={invitation} />
      )}
    </>
  );
}

function AcceptSignedIn({ token }: { token: string }) {
  const session = useSession();
  const submission = useSubmission();
  async function accept() {
    const r = await submission.run(() => accountsApi.acceptInvitation(token));
    if (r) {
      session.setAccount(r.value);
      navigate('/compte');
      announce('Invitation acceptée.');
    }
  }
  return (
    <>
      <ErrorSummary failure={submission.failure} fields={{}} title="L’invitation n’a pas pu être acceptée" />
      <button type="button" className="fr-btn" onClick={() => void accept()}>
        Accepter l’invitation
      </button>
    </>
  );
}

const FIELDS: FieldMap = {
  givenName: { id: 'invitation-prenom', label: 'Prénom' },
  familyName: { id: 'invitation-nom', label: 'Nom' },
  birthDate: { id: 'invitation-naissance', label: 'Date de naissance' },
  password: { id: 'invitation-mot-de-passe', label: 'Mot de passe' },
};

function CreateAccount({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const session = useSession();
  const [draft, setDraft] = useState({ givenName: '', familyName: '', birthDate: '', password: '' });
  const submission = useSubmission((name) => name.replace(/^account\./, ''));
  const { errors } = submission;

  function update(name: keyof typeof draft, value: string) {
    setDraft((d) => ({ ...d, [name]: value }));
    submission.clearField(name);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = required(draft, {
      givenName: 'Indiquez votre prénom.',
      familyName: 'Indiquez votre nom.',
      birthDate: 'Indiquez votre date de naissance, par exemple 17/05/1990.',
      password: 'Choisissez un mot de passe.',
    });
    if (Object.keys(missing).length > 0) return submission.fail(missing);
    const r = await submission.run(() =>
      accountsApi.acceptInvitation(token, { givenName: draft.givenName.trim(), familyName: draft.familyName.trim(), birthDate: draft.birthDate, password: draft.password }),
    );
    if (r) {
      session.setAccount(r.value);
      navigate('/compte');
      announce('Votre compte est créé et l’invitation acceptée.');
    }
  }

  return (
    <section aria-labelledby="invitation-compte">
      <h2 id="invitation-compte" className="fr-h4">
        Créez votre compte pour accepter
      </h2>
      <ErrorSummary failure={submission.failure} fields={FIELDS} />
      <form onSubmit={submit} noValidate aria-labelledby="invitation-compte">
        <p className="fr-hint-text">Tous les champs sont obligatoires.</p>
        <Input
          label="Adresse e-mail"
          hintText="Celle à laquelle l’invitation a été envoyée."
          nativeInputProps={{ id: 'invitation-email', name: 'email', type: 'email', autoComplete: 'username', readOnly: true, value: invitation.email }}
        />
        <Input
          label="Prénom"
          nativeInputProps={{ id: FIELDS.givenName!.id, name: 'givenName', autoComplete: 'given-name', required: true, maxLength: 100, value: draft.givenName, onChange: (e) => update('givenName', e.target.value) }}
          {...errorState(errors, 'givenName')}
        />
        <Input
          label="Nom"
          nativeInputProps={{ id: FIELDS.familyName!.id, name: 'familyName', autoComplete: 'family-name', required: true, maxLength: 100, value: draft.familyName, onChange: (e) => update('familyName', e.target.value) }}
          {...errorState(errors, 'familyName')}
        />
        <Input
          label="Date de naissance"
          hintText="Format attendu : JJ/MM/AAAA."
          nativeInputProps={{ id: FIELDS.birthDate!.id, name: 'birthDate', type: 'date', autoComplete: 'bday', required: true, value: draft.birthDate, onChange: (e) => update('birthDate', e.target.value) }}
          {...errorState(errors, 'birthDate')}
        />
        <PasswordField
          id={FIELDS.password!.id}
          label="Mot de passe"
          name="password"
          autoComplete="new-password"
          withRules
          value={draft.password}
          onChange={(v) => update('password', v)}
          error={errors.password}
        />
        <button type="submit" className="fr-btn fr-mt-2w">
          Créer mon compte et accepter
        </button>
      </form>
    </section>
  );
}
