import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { EmailField } from '../account/EmailField.tsx';
import { accountsApi } from '../api/accounts.ts';
import { CheckboxField } from '../account/CheckboxField.tsx';
import { DemoMailNotice } from '../account/DemoMailNotice.tsx';
import { ErrorSummary, required, useSubmission, type FieldErrors, type FieldMap } from '../account/forms.tsx';
import { errorState } from '../components/fieldState.ts';
import { ageOn, DIGITAL_MAJORITY, todayIso } from '../account/labels.ts';
import { PasswordField } from '../account/PasswordField.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { Link } from '../router/Link.tsx';
import { useSession } from '../session/SessionContext.tsx';
import '../account/account.css';

const FIELDS: FieldMap = {
  givenName: { id: 'inscription-prenom', label: 'Prénom' },
  familyName: { id: 'inscription-nom', label: 'Nom' },
  birthDate: { id: 'inscription-naissance', label: 'Date de naissance' },
  email: { id: 'inscription-email', label: 'Adresse e-mail' },
  password: { id: 'inscription-mot-de-passe', label: 'Mot de passe' },
  'parent.name': { id: 'inscription-parent-nom', label: 'Nom et prénom du parent' },
  'parent.email': { id: 'inscription-parent-email', label: 'Adresse e-mail du parent' },
  acceptTerms: { id: 'inscription-conditions', label: 'Conditions d’utilisation' },
};

interface Draft {
  givenName: string;
  familyName: string;
  birthDate: string;
  email: string;
  password: string;
  parentName: string;
  parentEmail: string;
  acceptTerms: boolean;
}

const EMPTY: Draft = { givenName: '', familyName: '', birthDate: '', email: '', password: '', parentName: '', parentEmail: '', acceptTerms: false };

export function SignUpPage() {
  const session = useSession();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [done, setDone] = useState<{ message: string; parentalConsentRequested: boolean; email: string } | null>(null);
  const submission = useSubmission();
  const { errors } = submission;
  const age = ageOn(draft.birthDate, todayIso());
  const minor = age !== null && age >= 0 && age < DIGITAL_MAJORITY;

  function update(patch: Partial<Draft>, field: string) {
    setDraft((d) => ({ ...d, ...patch }));
    submission.clearField(field);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldErrors = required(
      { ...draft, 'parent.name': draft.parentName, 'parent.email': draft.parentEmail },
      {
        givenName: 'Indiquez votre prénom.',
        familyName: 'Indiquez votre nom.',
        birthDate: 'Indiquez votre date de naissance, par exemple 17/05/2008.',
        email: 'Indiquez votre adresse e-mail.',
        password: 'Choisissez un mot de passe.',
        ...(minor ? { 'parent.name': 'Indiquez le nom de votre parent.', 'parent.email': 'Indiquez l’adresse e-mail de votre parent.' } : {}),
      },
    );
    if (!draft.acceptTerms) problems.acceptTerms = 'Cochez la case pour accepter les conditions d’utilisation.';
    if (Object.keys(problems).length > 0) return submission.fail(problems);
    const r = await submission.run(() =>
      accountsApi.signUp({
        email: draft.email.trim(),
        password: draft.password,
        givenName: draft.givenName.trim(),
        familyName: draft.familyName.trim(),
        birthDate: draft.birthDate,
        ...(minor ? { parent: { name: draft.parentName.trim(), email: draft.parentEmail.trim() } } : {}),
        acceptTerms: true,
      }),
    );
    if (r) setDone({ ...r.value, email: draft.email.trim() });
  }

  if (done) return <SignUpDone {...done} />;

  return (
    <ContentPage title="Créer un compte" width="narrow" lead="Votre compte candidat·e permet de postuler à une formation, de suivre vos candidatures et de demander l’aide financière.">
      {session.account && (
        <div className="fr-callout fr-mb-4w">
          <p className="fr-callout__text">
            Vous êtes déjà connecté·e. <Link href="/compte">Aller à mon compte</Link>
          </p>
        </div>
      )}
      <p>
        Vous avez déjà un compte ? <Link href="/connexion">Se connecter</Link>
      </p>
      <ErrorSummary failure={submission.failure} fields={FIELDS} />
      <form onSubmit={submit} noValidate aria-label="Créer un compte">
        <p className="fr-hint-text">Tous les champs sont obligatoires.</p>
        <fieldset className="fr-fieldset" aria-labelledby="inscription-identite">
          <legend className="fr-fieldset__legend" id="inscription-identite">
            Votre identité
          </legend>
          <div className="fr-fieldset__element">
            <Input
              label="Prénom"
              nativeInputProps={{ id: FIELDS.givenName!.id, name: 'givenName', autoComplete: 'given-name', required: true, maxLength: 100, value: draft.givenName, onChange: (e) => update({ givenName: e.target.value }, 'givenName') }}
              {...errorState(errors, 'givenName')}
            />
          </div>
          <div className="fr-fieldset__element">
            <Input
              label="Nom"
              nativeInputProps={{ id: FIELDS.familyName!.id, name: 'familyName', autoComplete: 'family-name', required: true, maxLength: 100, value: draft.familyName, onChange: (e) => update({ familyName: e.target.value }, 'familyName') }}
              {...errorState(errors, 'familyName')}
            />
          </div>
          <div className="fr-fieldset__element">
            <Input
              label="Date de naissance"
              hintText="Format attendu : JJ/MM/AAAA. Avant 15 ans, l’accord d’un parent est demandé."
              nativeInputProps={{ id: FIELDS.birthDate!.id, name: 'birthDate', type: 'date', autoComplete: 'bday', required: true, max: todayIso(), value: draft.birthDate, onChange: (e) => update({ birthDate: e.target.value }, 'birthDate') }}
              {...errorState(errors, 'birthDate')}
            />
          </div>
        </fieldset>

        <p className="fr-sr-only" aria-live="polite">
          {minor ? 'Vous avez moins de 15 ans : les coordonnées d’un parent sont demandées juste après la date de naissance.' : ''}
        </p>
        {minor && (
            <fieldset className="fr-fieldset app-parent-fieldset" aria-labelledby="inscription-parent">
              <legend className="fr-fieldset__legend" id="inscription-parent">
                Accord d’un parent
                <span className="fr-hint-text">
                  Vous avez moins de 15 ans : un de vos parents (ou la personne qui exerce l’autorité parentale) recevra un
                  message pour donner son accord. Votre compte sera activé ensuite.
                </span>
              </legend>
              <div className="fr-fieldset__element">
                <Input
                  label="Nom et prénom du parent"
                  nativeInputProps={{ id: FIELDS['parent.name']!.id, name: 'parentName', autoComplete: 'off', required: true, maxLength: 200, value: draft.parentName, onChange: (e) => update({ parentName: e.target.value }, 'parent.name') }}
                  {...errorState(errors, 'parent.name')}
                />
              </div>
              <div className="fr-fieldset__element">
                <EmailField
                  id={FIELDS['parent.email']!.id}
                  name="parentEmail"
                  label="Adresse e-mail du parent"
                  hint="Elle doit être différente de la vôtre."
                  autoComplete="off"
                  value={draft.parentEmail}
                  onChange={(v) => update({ parentEmail: v }, 'parent.email')}
                  error={errors['parent.email']}
                />
              </div>
            </fieldset>
        )}

        <fieldset className="fr-fieldset" aria-labelledby="inscription-identifiants">
          <legend className="fr-fieldset__legend" id="inscription-identifiants">
            Vos identifiants de connexion
          </legend>
          <div className="fr-fieldset__element">
            <EmailField
              id={FIELDS.email!.id}
              name="email"
              hint="Un lien de confirmation y sera envoyé."
              autoComplete="email"
              value={draft.email}
              onChange={(v) => update({ email: v }, 'email')}
              error={errors.email}
            />
          </div>
          <div className="fr-fieldset__element">
            <PasswordField
              id={FIELDS.password!.id}
              label="Mot de passe"
              name="password"
              autoComplete="new-password"
              withRules
              value={draft.password}
              onChange={(v) => update({ password: v }, 'password')}
              error={errors.password}
            />
          </div>
        </fieldset>

        <CheckboxField
          id={FIELDS.acceptTerms!.id}
          name="acceptTerms"
          label="J’accepte les conditions d’utilisation de Fabriques"
          hint={
            <>
              Vos données servent à gérer votre compte et vos candidatures : voir <Link href="/donnees-personnelles">la page Données personnelles</Link>.
            </>
          }
          checked={draft.acceptTerms}
          onChange={(checked) => update({ acceptTerms: checked }, 'acceptTerms')}
          error={errors.acceptTerms}
        />

        <button type="submit" className="fr-btn">
          Créer mon compte
        </button>
      </form>
    </ContentPage>
  );
}

function SignUpDone({ message, parentalConsentRequested, email }: { message: string; parentalConsentRequested: boolean; email: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <ContentPage title="Créer un compte" width="narrow">
      <div className="fr-alert fr-alert--success fr-mb-4w">
        <h2 ref={ref} tabIndex={-1} className="fr-alert__title">
          Vérifiez votre messagerie
        </h2>
        <p>{message}</p>
      </div>
      <p>
        Un message vient d’être envoyé à <strong>{email}</strong>. Ouvrez le lien qu’il contient dans les 48 heures pour
        activer votre compte. Pensez à regarder dans les courriers indésirables.
      </p>
      {parentalConsentRequested && <p>Votre parent a reçu, lui aussi, un message : votre compte sera actif dès qu’il aura donné son accord.</p>}
      <DemoMailNotice email={email} />
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/connexion">
          Aller à la page de connexion
        </Link>
      </p>
    </ContentPage>
  );
}
