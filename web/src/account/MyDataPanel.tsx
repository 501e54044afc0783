import { useId, useState, type FormEvent } from 'react';
import { apiSend } from '../api/send.ts';
import { Link } from '../router/Link.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { CheckboxField } from './CheckboxField.tsx';
import { ErrorSummary, useSubmission, type FieldMap } from './forms.tsx';
import { PasswordField } from './PasswordField.tsx';

// The person's RGPD rights on their account (src/areas/privacy/routes.ts): download everything they
// hold on the platform, or erase the account (password asked again, or a recent sign-in).

export const DATA_EXPORT_URL = '/api/account/data';

const FIELDS: FieldMap = {
  confirm: { id: 'suppression-confirmation', label: 'Confirmation' },
  password: { id: 'suppression-mot-de-passe', label: 'Mot de passe' },
};

export function MyDataPanel({ hasPassword, onErased }: { hasPassword: boolean; onErased: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <section aria-labelledby="compte-donnees" className="fr-mb-6w app-panel app-panel--narrow">
      <h2 id="compte-donnees" className="fr-h3">
        Mes données personnelles
      </h2>
      <p>
        Vous pouvez obtenir toutes les données que la plateforme garde sur vous, dans un fichier JSON lisible et réutilisable
        (droits d’accès et à la portabilité). Voir aussi{' '}
        <Link href="/donnees-personnelles">la politique de données personnelles</Link> et ses durées de conservation.
      </p>
      <p>
        <a className="fr-link fr-link--download" href={DATA_EXPORT_URL} download>
          Télécharger mes données <span className="fr-link__detail">JSON – toutes les données de mon compte</span>
        </a>
      </p>

      <h3 className="fr-h4 fr-mt-4w">Supprimer mon compte</h3>
      <p>
        La suppression efface ou anonymise vos données personnelles : nom, adresse e-mail, date de naissance, téléphone,
        motivations et justificatifs. Elle est définitive.
      </p>
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-icon-delete-line fr-btn--icon-left"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((o) => !o)}
      >
        Supprimer mon compte
      </button>
      <div id={formId} hidden={!open}>
        {open && <EraseForm hasPassword={hasPassword} onCancel={() => setOpen(false)} onErased={onErased} />}
      </div>
    </section>
  );
}

function EraseForm({ hasPassword, onCancel, onErased }: { hasPassword: boolean; onCancel: () => void; onErased: (message: string) => void }) {
  const session = useSession();
  const [confirm, setConfirm] = useState(false);
  const [password, setPassword] = useState('');
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!confirm) missing.confirm = 'Cochez la case pour confirmer la suppression de votre compte.';
    if (hasPassword && password === '') missing.password = 'Indiquez votre mot de passe pour confirmer la suppression.';
    if (Object.keys(missing).length > 0) return submission.fail(missing);
    const r = await submission.run(() => apiSend<{ message: string }>('POST', '/api/account/erasure', hasPassword ? { confirm: true, password } : { confirm: true }));
    if (r) {
      onErased(r.value.message);
      session.setAccount(null);
    }
  }

  return (
    <div className="fr-mt-3w">
      <div className="fr-alert fr-alert--warning fr-mb-3w">
        <h4 className="fr-alert__title">Ce qui se passera</h4>
        <ul>
          <li>vous serez déconnecté·e de tous vos appareils et ne pourrez plus vous connecter avec ce compte ;</li>
          <li>vos vœux en attente seront retirés et une proposition d’admission en attente sera refusée ;</li>
          <li>une place acceptée dans une session qui n’a pas commencé sera libérée pour une autre personne ;</li>
          <li>
            une inscription en formation, une aide financière déjà décidée et le journal des opérations sont conservés sans
            votre nom, pour l’organisme de formation et la comptabilité publique ;
          </li>
          <li>pensez à télécharger vos données avant : elles ne pourront plus être retrouvées.</li>
        </ul>
      </div>
      <ErrorSummary failure={submission.failure} fields={FIELDS} title={submission.failure?.status === 409 ? 'La suppression n’est pas possible pour l’instant' : undefined} />
      <form onSubmit={submit} noValidate aria-labelledby="suppression-titre">
        <h4 id="suppression-titre" className="fr-sr-only">
          Confirmer la suppression de mon compte
        </h4>
        <CheckboxField
          id={FIELDS.confirm!.id}
          name="confirm"
          label="Je comprends que la suppression de mon compte est définitive."
          checked={confirm}
          onChange={(v) => {
            setConfirm(v);
            submission.clearField('confirm');
          }}
          error={submission.errors.confirm}
        />
        {hasPassword ? (
          <>
            <input type="text" name="username" autoComplete="username" value={session.account?.user.email ?? ''} readOnly hidden />
            <PasswordField
              id={FIELDS.password!.id}
              label="Mot de passe"
              hintText="Pour confirmer qu’il s’agit bien de vous."
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(v) => {
                setPassword(v);
                submission.clearField('password');
              }}
              error={submission.errors.password}
            />
          </>
        ) : (
          <p className="fr-text--sm">
            Votre compte n’a pas de mot de passe : si votre connexion date de plus de 10 minutes, reconnectez-vous d’abord
            avec FranceConnect ou ProConnect.
          </p>
        )}
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-2w">
          <li>
            <button type="submit" className="fr-btn fr-icon-delete-line fr-btn--icon-left" disabled={submission.busy}>
              Supprimer définitivement mon compte
            </button>
          </li>
          <li>
            <button type="button" className="fr-btn fr-btn--tertiary" onClick={onCancel}>
              Annuler
            </button>
          </li>
        </ul>
      </form>
    </div>
  );
}
