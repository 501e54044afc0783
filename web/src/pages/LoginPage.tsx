import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { FranceConnectButton } from '@codegouvfr/react-dsfr/FranceConnectButton';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { EmailField } from '../account/EmailField.tsx';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { accountsApi, loadDemoAccounts, oidcStartHref, type DemoAccounts, type OidcProvider } from '../api/accounts.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorSummary, required, useSubmission, type FieldMap } from '../account/forms.tsx';
import { safeReturnPath } from '../account/labels.ts';
import { PasswordField } from '../account/PasswordField.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DemoNotice } from '../components/DemoNotice.tsx';
import { navigate, useLocation } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { expectSession } from '../session/store.ts';
import { fullName } from '../session/types.ts';
import '../account/account.css';

const FIELDS: FieldMap = {
  email: { id: 'connexion-email', label: 'Adresse e-mail' },
  password: { id: 'connexion-mot-de-passe', label: 'Mot de passe' },
};

const PROVIDER_NAMES: Record<string, string> = { franceconnect: 'FranceConnect', proconnect: 'ProConnect' };

export function LoginPage() {
  const { searchParams } = useLocation();
  const back = safeReturnPath(searchParams.get('retour'));
  if (searchParams.get('liaison') === '1') return <LinkAccount back={back} />;
  return <SignIn back={back} oidcError={searchParams.get('erreur') === 'oidc'} signedOut={searchParams.get('deconnexion')} />;
}

function SignIn({ back, oidcError, signedOut }: { back: string | null; oidcError: boolean; signedOut: string | null }) {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submission = useSubmission();
  const { errors } = submission;
  const submitRef = useRef<HTMLButtonElement>(null);
  const providers = useApi('oidc-providers', (signal) => accountsApi.oidcProviders(signal));
  const demo = useApi('demo-accounts', () => loadDemoAccounts());

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = required({ email, password }, { email: 'Indiquez votre adresse e-mail.', password: 'Indiquez votre mot de passe.' });
    if (Object.keys(missing).length > 0) return submission.fail(missing);
    const done = await submission.run(() => accountsApi.signIn(email.trim(), password));
    if (done) {
      session.setAccount(done.value);
      navigate(back ?? '/compte');
    }
  }

  const oidc = (providers.data ?? []).filter((p) => p.id === 'franceconnect' || p.id === 'proconnect');

  return (
    <ContentPage title="Se connecter" width="full">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-9 fr-col-lg-7">
          {signedOut && (
            <Alert
              severity="success"
              small
              className="fr-mb-4w"
              description={signedOut === 'tous' ? 'Vous êtes déconnecté·e de tous vos appareils.' : 'Vous êtes déconnecté·e.'}
            />
          )}
          {oidcError && (
            <Alert
              severity="error"
              className="fr-mb-4w"
              title="La connexion par l’identité numérique n’a pas abouti"
              description="FranceConnect ou ProConnect n’a pas pu confirmer votre identité, ou la connexion a été annulée. Réessayez, ou connectez-vous avec votre adresse e-mail et votre mot de passe."
            />
          )}

          {session.account ? (
            <div className="fr-callout fr-mb-4w">
              <h2 className="fr-callout__title">Vous êtes connecté·e</h2>
              <p className="fr-callout__text">
                Vous êtes connecté·e en tant que {fullName(session.account)} ({session.account.user.email}).
              </p>
              <Link className="fr-btn fr-mt-2w" href={back ?? '/compte'}>
                {back ? 'Continuer' : 'Aller à mon compte'}
              </Link>
            </div>
          ) : (
            <>
              {oidc.length > 0 && <IdentityProviders providers={oidc} back={back} />}

              <section aria-labelledby="connexion-mot-de-passe-titre" className="fr-mb-6w">
                <h2 id="connexion-mot-de-passe-titre" className="fr-h4">
                  Avec votre adresse e-mail et votre mot de passe
                </h2>
                <ErrorSummary failure={submission.failure} fields={FIELDS} title={Object.keys(errors).length > 0 ? 'La connexion n’a pas abouti' : undefined} />
                {submission.failure?.code === 'adresse_non_confirmee' && (
                  <p>
                    Le lien de confirmation a expiré ou s’est perdu ?{' '}
                    <Link href="/mot-de-passe-oublie">Demandez un lien pour choisir un mot de passe</Link> : l’ouvrir confirme aussi
                    votre adresse.
                  </p>
                )}
                <form onSubmit={submit} noValidate aria-labelledby="connexion-mot-de-passe-titre">
                  <p className="fr-hint-text">Tous les champs sont obligatoires.</p>
                  <EmailField
                    id={FIELDS.email!.id}
                    name="email"
                    autoComplete="email"
                    value={email}
                    onChange={(v) => {
                      setEmail(v);
                      submission.clearField('email');
                    }}
                    error={errors.email}
                  />
                  <PasswordField
                    id={FIELDS.password!.id}
                    label="Mot de passe"
                    name="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(v) => {
                      setPassword(v);
                      submission.clearField('password');
                    }}
                    error={errors.password}
                  />
                  <p className="fr-mt-2w">
                    <Link className="fr-link" href="/mot-de-passe-oublie">
                      Mot de passe oublié ?
                    </Link>
                  </p>
                  <button ref={submitRef} type="submit" className="fr-btn">
                    Se connecter
                  </button>
                </form>
              </section>

              <section aria-labelledby="connexion-nouveau" className="fr-mb-6w">
                <hr />
                <h2 id="connexion-nouveau" className="fr-h4">
                  Vous n’avez pas de compte ?
                </h2>
                <Link className="fr-btn fr-btn--secondary" href="/inscription">
                  Créer un compte
                </Link>
              </section>
            </>
          )}
        </div>
      </div>

      {!session.account && demo.data && (
        <DemoAccountsTable
          demo={demo.data}
          onUse={(account) => {
            setEmail(account);
            setPassword(demo.data!.password);
            submission.reset();
            submitRef.current?.focus();
          }}
        />
      )}
    </ContentPage>
  );
}

function IdentityProviders({ providers, back }: { providers: OidcProvider[]; back: string | null }) {
  const returnTo = back ?? '/compte';
  return (
    <section aria-labelledby="connexion-identite" className="fr-mb-4w">
      <h2 id="connexion-identite" className="fr-h4">
        Avec une identité numérique
      </h2>
      {/* the server sends the visitor to the provider; on the way back, ask who is signed in */}
      <div onClickCapture={expectSession}>
        {providers.map((p) => (
          <div key={p.id} className="fr-mb-3w">
            {p.audience && <p className="fr-mb-1w">{p.audience}</p>}
            {p.id === 'franceconnect' ? (
              <FranceConnectButton url={oidcStartHref('franceconnect', returnTo)} />
            ) : (
              <ProConnectButton url={oidcStartHref('proconnect', returnTo)} />
            )}
          </div>
        ))}
      </div>
      <p className="fr-hr-or">ou</p>
    </section>
  );
}

function DemoAccountsTable({ demo, onUse }: { demo: DemoAccounts; onUse: (email: string) => void }) {
  return (
    <section aria-labelledby="comptes-demo" className="fr-mt-4w">
      <h2 id="comptes-demo" className="fr-h4">
        Comptes de démonstration
      </h2>
      <DemoNotice>
        Ces comptes fictifs montrent chaque rôle de la plateforme. Leur mot de passe à tous est <code>{demo.password}</code>.
      </DemoNotice>
      <DataTable
        caption="Comptes de démonstration et leur rôle"
        hideCaption
        bordered
        headers={['Compte', 'Rôles', 'Ce que montre ce compte', 'Action']}
        rows={demo.accounts.map((a) => ({
          key: a.email,
          cells: [
            <>
              {a.name}
              <br />
              <span className="fr-text--sm">{a.email}</span>
            </>,
            a.roles.join(', '),
            a.description,
            <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => onUse(a.email)}>
              Utiliser<span className="fr-sr-only"> le compte de {a.name}</span>
            </button>,
          ],
        }))}
      />
    </section>
  );
}

function LinkAccount({ back }: { back: string | null }) {
  const session = useSession();
  const pending = useApi('oidc-pending', (signal) => accountsApi.oidcPending(signal));
  const [password, setPassword] = useState('');
  const submission = useSubmission();
  const fields: FieldMap = { password: { id: 'liaison-mot-de-passe', label: 'Mot de passe' } };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return submission.fail({ password: 'Indiquez le mot de passe de votre compte Fabriques.' });
    const done = await submission.run(() => accountsApi.oidcLink(password));
    if (done) {
      session.setAccount(done.value);
      navigate(back ?? '/compte');
    }
  }

  return (
    <ContentPage title="Relier votre identité numérique à votre compte" width="narrow">
      {pending.status === 'loading' && <p role="status">Chargement…</p>}
      {pending.status === 'error' && (
        <>
          <Alert
            severity="error"
            className="fr-mb-4w"
            title="Aucune connexion à relier"
            description="La connexion par FranceConnect ou ProConnect a expiré ou n’a pas commencé. Recommencez depuis la page de connexion."
          />
          <Link className="fr-btn" href="/connexion">
            Revenir à la connexion
          </Link>
        </>
      )}
      {pending.data && (
        <>
          <p>
            Vous vous êtes identifié·e avec {PROVIDER_NAMES[pending.data.provider] ?? pending.data.provider} sous l’adresse{' '}
            <strong>{pending.data.email}</strong>. Un compte Fabriques existe déjà avec cette adresse.
          </p>
          <p>
            Pour relier les deux, saisissez le mot de passe de votre compte Fabriques. Vous pourrez ensuite vous connecter de
            l’une ou l’autre façon.
          </p>
          <ErrorSummary failure={submission.failure} fields={fields} />
          <form onSubmit={submit} noValidate aria-label="Relier votre compte">
            <Input
              label="Adresse e-mail du compte"
              nativeInputProps={{ id: 'liaison-email', name: 'email', type: 'email', autoComplete: 'username', readOnly: true, value: pending.data.email }}
            />
            <PasswordField
              id={fields.password!.id}
              label="Mot de passe de votre compte Fabriques"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(v) => {
                setPassword(v);
                submission.clearField('password');
              }}
              error={submission.errors.password}
            />
            <p className="fr-mt-2w">
              <Link className="fr-link" href="/mot-de-passe-oublie">
                Mot de passe oublié ?
              </Link>
            </p>
            <button type="submit" className="fr-btn">
              Relier et me connecter
            </button>
          </form>
        </>
      )}
    </ContentPage>
  );
}
