import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { EmailField } from '../account/EmailField.tsx';
import { accountsApi } from '../api/accounts.ts';
import { DemoMailNotice } from '../account/DemoMailNotice.tsx';
import { ErrorSummary, useSubmission, type FieldMap } from '../account/forms.tsx';
import { PasswordField } from '../account/PasswordField.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { useLocation } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { useSession } from '../session/SessionContext.tsx';
import '../account/account.css';

// The pages the platform's mails link to (?jeton=…), and the request of a new password.

function useToken(): string {
  return useLocation().searchParams.get('jeton')?.trim() ?? '';
}

/** The success of a step: a DSFR alert whose title takes the focus. */
function Success({ title, children }: { title: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="fr-alert fr-alert--success fr-mb-4w">
      <h2 ref={ref} tabIndex={-1} className="fr-alert__title">
        {title}
      </h2>
      {children}
    </div>
  );
}

function MissingToken() {
  return (
    <Alert
      severity="error"
      className="fr-mb-4w"
      title="Lien incomplet"
      description="Ce lien ne contient pas son code : copiez l’adresse complète depuis le message reçu, ou ouvrez-le directement depuis votre messagerie."
    />
  );
}

/** /confirmation-adresse?jeton=… */
export function ConfirmEmailPage() {
  const token = useToken();
  const submission = useSubmission();
  const [message, setMessage] = useState<string | null>(null);

  async function confirm() {
    const r = await submission.run(() => accountsApi.confirmEmail(token));
    if (r) setMessage(r.value.message);
  }

  return (
    <ContentPage title="Confirmer votre adresse e-mail" width="narrow">
      {!token ? (
        <MissingToken />
      ) : message ? (
        <>
          <Success title="Adresse confirmée">
            <p>{message}</p>
          </Success>
          <Link className="fr-btn" href="/connexion">
            Se connecter
          </Link>
        </>
      ) : (
        <>
          <ErrorSummary failure={submission.failure} fields={{}} title="Votre adresse n’a pas pu être confirmée" />
          <p>Confirmez que cette adresse e-mail est bien la vôtre pour activer votre compte Fabriques.</p>
          <button type="button" className="fr-btn" onClick={() => void confirm()}>
            Confirmer mon adresse e-mail
          </button>
          {submission.failure && (
            <p className="fr-mt-4w">
              Le lien a peut-être expiré (il est valable 48 heures) ou déjà servi. Si votre adresse est déjà confirmée,{' '}
              <Link href="/connexion">connectez-vous</Link>. Sinon, <Link href="/mot-de-passe-oublie">demandez un lien pour choisir un mot de passe</Link> :
              l’ouvrir confirme aussi votre adresse.
            </p>
          )}
        </>
      )}
    </ContentPage>
  );
}

/** /accord-parental?jeton=… */
export function ParentalConsentPage() {
  const token = useToken();
  const submission = useSubmission();
  const [message, setMessage] = useState<string | null>(null);

  async function consent() {
    const r = await submission.run(() => accountsApi.parentalConsent(token));
    if (r) setMessage(r.value.message);
  }

  return (
    <ContentPage title="Accord parental" width="narrow">
      {!token ? (
        <MissingToken />
      ) : message ? (
        <Success title="Accord enregistré">
          <p>{message}</p>
        </Success>
      ) : (
        <>
          <ErrorSummary failure={submission.failure} fields={{}} title="Votre accord n’a pas pu être enregistré" />
          <p>
            Votre enfant, âgé·e de moins de 15 ans, a demandé à créer un compte sur Fabriques, la plateforme de la Grande École
            du Numérique. Ce compte lui permet de chercher une formation au numérique, d’y postuler et de suivre ses
            candidatures.
          </p>
          <p>
            La loi (article 45 de la loi Informatique et libertés) demande l’accord d’un parent pour que ses données
            personnelles soient traitées : son identité, sa date de naissance, son adresse e-mail et ses candidatures. Elles
            ne sont ni vendues ni utilisées à des fins publicitaires.{' '}
            <Link href="/donnees-personnelles">En savoir plus sur les données personnelles</Link>.
          </p>
          <p>Si vous ne souhaitez pas donner votre accord, ignorez simplement le message reçu : le compte ne sera pas activé.</p>
          <button type="button" className="fr-btn" onClick={() => void consent()}>
            Je donne mon accord
          </button>
        </>
      )}
    </ContentPage>
  );
}

const FORGOT_FIELDS: FieldMap = { email: { id: 'oubli-email', label: 'Adresse e-mail' } };

/** /mot-de-passe-oublie */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<{ message: string; email: string } | null>(null);
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return submission.fail({ email: 'Indiquez l’adresse e-mail de votre compte.' });
    const r = await submission.run(() => accountsApi.requestPasswordReset(email.trim()));
    if (r) setSent({ message: r.value.message, email: email.trim() });
  }

  return (
    <ContentPage title="Mot de passe oublié" width="narrow">
      {sent ? (
        <>
          <Success title="Vérifiez votre messagerie">
            <p>{sent.message}</p>
          </Success>
          <DemoMailNotice email={sent.email} />
          <p>
            <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/connexion">
              Revenir à la connexion
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>Indiquez l’adresse e-mail de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.</p>
          <ErrorSummary failure={submission.failure} fields={FORGOT_FIELDS} />
          <form onSubmit={submit} noValidate aria-label="Recevoir un lien de réinitialisation">
            <EmailField
              id={FORGOT_FIELDS.email!.id}
              name="email"
              autoComplete="email"
              value={email}
              onChange={(v) => {
                setEmail(v);
                submission.clearField('email');
              }}
              error={submission.errors.email}
            />
            <button type="submit" className="fr-btn">
              Recevoir le lien
            </button>
          </form>
          <p className="fr-mt-4w">
            <Link href="/connexion">Revenir à la connexion</Link>
          </p>
        </>
      )}
    </ContentPage>
  );
}

const RESET_FIELDS: FieldMap = { password: { id: 'nouveau-mot-de-passe', label: 'Nouveau mot de passe' } };

/** /nouveau-mot-de-passe?jeton=… */
export function ResetPasswordPage() {
  const token = useToken();
  const session = useSession();
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submission = useSubmission((name) => (name === 'token' ? 'jeton' : name));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return submission.fail({ password: 'Choisissez un nouveau mot de passe.' });
    const r = await submission.run(() => accountsApi.resetPassword(token, password));
    if (r) {
      // every session of the account has been closed, this one too
      if (session.account) session.setAccount(null);
      setMessage(r.value.message);
    }
  }

  return (
    <ContentPage title="Choisir un nouveau mot de passe" width="narrow">
      {!token ? (
        <MissingToken />
      ) : message ? (
        <>
          <Success title="Mot de passe modifié">
            <p>{message}</p>
          </Success>
          <Link className="fr-btn" href="/connexion">
            Se connecter
          </Link>
        </>
      ) : (
        <>
          <ErrorSummary failure={submission.failure} fields={RESET_FIELDS} title={submission.errors.jeton ? 'Ce lien n’est plus valable' : undefined} />
          {submission.errors.jeton && (
            <p>
              <Link href="/mot-de-passe-oublie">Demander un nouveau lien</Link>
            </p>
          )}
          <form onSubmit={submit} noValidate aria-label="Choisir un nouveau mot de passe">
            <PasswordField
              id={RESET_FIELDS.password!.id}
              label="Nouveau mot de passe"
              name="password"
              autoComplete="new-password"
              withRules
              value={password}
              onChange={(v) => {
                setPassword(v);
                submission.clearField('password');
              }}
              error={submission.errors.password}
            />
            <button type="submit" className="fr-btn fr-mt-2w">
              Enregistrer le mot de passe
            </button>
          </form>
        </>
      )}
    </ContentPage>
  );
}
