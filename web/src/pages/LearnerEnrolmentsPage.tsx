import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { admissionsApi, euros, EXCLUSION_LABELS, type LearnerEnrolment } from '../admissions/api.ts';
import { CandidateNav } from '../candidates/CandidateNav.tsx';
import { formatInstant } from '../candidates/labels.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { formatDate, formatDateRange } from '../format/dates.ts';
import { announce } from '../router/announcer.ts';
import { Link } from '../router/Link.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import '../account/account.css';
import '../candidates/candidates.css';
import '../admissions/admissions.css';

const TITLE = 'Mes inscriptions et l’aide GEN';
const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function LearnerEnrolmentsPage() {
  return <RequireSession title={TITLE} roles={['candidate']}>{() => <Loader />}</RequireSession>;
}

function Loader() {
  const [version, setVersion] = useState(0);
  const state = useApi(`learner-enrolments-${version}`, (signal) => admissionsApi.learnerEnrolments(signal));
  if (state.status === 'error' && !state.data) return <ErrorPage message={state.error.message} />;
  if (!state.data) return <PageLoading label="Chargement de vos inscriptions…" />;
  return (
    <ContentPage title={TITLE} width="full" segments={[{ label: 'Mon compte', href: '/compte' }]}>
      <CandidateNav current="/apprenant/inscriptions" />
      {state.data.length === 0 ? (
        <p>
          Aucune inscription pour le moment : une proposition acceptée devient une inscription le jour où la session commence. Suivez vos
          propositions sur la page <Link href="/candidat/voeux">Mes vœux</Link>.
        </p>
      ) : (
        state.data.map((e) => <EnrolmentCard key={e.id} e={e} onChanged={() => setVersion((v) => v + 1)} />)
      )}
    </ContentPage>
  );
}

function EnrolmentCard({ e, onChanged }: { e: LearnerEnrolment; onChanged: () => void }) {
  const base = useId();
  return (
    <section className="app-wish fr-mb-4w" aria-labelledby={`${base}-h`}>
      <h2 id={`${base}-h`} className="fr-h5 fr-mb-1w">
        {e.trainingTitle}
      </h2>
      <p className="fr-mb-1w">
        Session {formatDateRange(e.startsOn, e.endsOn)} –{' '}
        <Badge severity={e.status === 'in_training' ? 'success' : 'info'} small noIcon>
          {e.statusLabel}
        </Badge>
        {e.startedOn ? ` depuis le ${formatDate(e.startedOn)}` : ''}
      </p>
      {e.aidRequests.map((r) => (
        <div key={r.id} className="app-panel fr-mb-2w">
          <h3 className="fr-h6 fr-mb-1w">
            Demande d’aide du {formatInstant(r.submittedAt)} :{' '}
            {r.status === 'submitted' ? 'en cours d’examen' : r.status === 'granted' ? 'accordée' : 'refusée'}
          </h3>
          {r.decision?.decision === 'granted' && (
            <>
              <p>
                Échelon {r.decision.echelonLabel} (barème {r.decision.scaleYear}) : {euros(r.decision.monthlyCents)} par mois, {r.decision.payments} mensualités, soit{' '}
                {euros(r.decision.totalCents)}.
              </p>
              <DataTable
                caption="Mensualités dues"
                headers={['Mois de formation', 'Année universitaire', 'Montant']}
                rows={r.paymentsDue.map((p) => ({
                  key: p.monthStarting,
                  cells: [MONTH.format(new Date(`${p.monthStarting}T00:00:00Z`)), p.academicYear, p.paid ? euros(p.amountCents) : 'aucune (10 mensualités au plus par année)'],
                }))}
              />
            </>
          )}
          {r.decision?.decision === 'refused' && <p>Motif : {r.decision.motive}</p>}
          {r.decision && (
            <details className="app-wish-history">
              <summary>Explication du calcul</summary>
              <ol>
                {r.decision.explanation.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ol>
            </details>
          )}
        </div>
      ))}
      {e.canRequestAid && <AidRequestForm enrolment={e} onDone={onChanged} />}
    </section>
  );
}

function AidRequestForm({ enrolment, onDone }: { enrolment: LearnerEnrolment; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [income, setIncome] = useState('');
  const [children, setChildren] = useState('0');
  const [higher, setHigher] = useState('0');
  const [disability, setDisability] = useState(false);
  const [carer, setCarer] = useState(false);
  const [exclusions, setExclusions] = useState<string[]>([]);
  const [home, setHome] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  if (!open) {
    return (
      <button type="button" className="fr-btn" onClick={() => setOpen(true)}>
        Demander l’aide Grande École du Numérique
      </button>
    );
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await admissionsApi.requestAid(enrolment.id, {
        incomeEuros: Number(income.replace(/\s/g, '').replace(',', '.')),
        children: Number(children),
        childrenInHigherEducation: Number(higher),
        disability,
        carer,
        exclusions,
        ...(home.trim() ? { homeCommuneCode: home.trim() } : {}),
      });
      announce('Demande d’aide envoyée.');
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.fields);
        setMessage(e.message);
      } else setMessage('La demande n’a pas été envoyée.');
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string) => (errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${name}-err` } : {});
  const err = (name: string) =>
    errors[name] ? (
      <p className="fr-error-text" id={`${id}-${name}-err`}>
        {errors[name]}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} className="app-panel" aria-label={`Demande d’aide pour « ${enrolment.trainingTitle} »`} noValidate>
      <p>
        L’aide est calculée sur le barème des bourses sur critères sociaux, à partir du revenu de votre foyer fiscal de l’année N-2 (celui de vos
        parents si vous leur êtes rattaché·e). Ces informations ne sont vues que par l’opérateur qui instruit la demande.
      </p>
      <div role="status" aria-live="polite">
        {message && <Alert severity="error" small className="fr-mb-2w" description={message} />}
      </div>
      <div className={`fr-input-group${errors.incomeEuros ? ' fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor={`${id}-income`}>
          Revenu brut global du foyer fiscal (euros)
          <span className="fr-hint-text">Ligne « revenu brut global » de l’avis d’imposition, par exemple 18 500.</span>
        </label>
        <input className="fr-input" id={`${id}-income`} inputMode="decimal" required value={income} onChange={(e) => setIncome(e.target.value)} {...field('incomeEuros')} />
        {err('incomeEuros')}
      </div>
      <div className="app-constraint-row">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-children`}>
            Autres enfants à charge du foyer
          </label>
          <input className="fr-input app-rank-input" id={`${id}-children`} type="number" min={0} max={30} value={children} onChange={(e) => setChildren(e.target.value)} {...field('children')} />
          {err('children')}
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-higher`}>
            dont dans l’enseignement supérieur
          </label>
          <input className="fr-input app-rank-input" id={`${id}-higher`} type="number" min={0} max={30} value={higher} onChange={(e) => setHigher(e.target.value)} {...field('childrenInHigherEducation')} />
          {err('childrenInHigherEducation')}
        </div>
      </div>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Situations</legend>
        <div className="fr-checkbox-group fr-col-12">
          <input type="checkbox" id={`${id}-dis`} checked={disability} onChange={(e) => setDisability(e.target.checked)} />
          <label className="fr-label" htmlFor={`${id}-dis`}>
            Handicap reconnu par la CDAPH
          </label>
        </div>
        <div className="fr-checkbox-group fr-col-12">
          <input type="checkbox" id={`${id}-carer`} checked={carer} onChange={(e) => setCarer(e.target.checked)} />
          <label className="fr-label" htmlFor={`${id}-carer`}>
            Aidant·e d’un proche handicapé
          </label>
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          Pendant la formation, êtes-vous dans l’une de ces situations ?
          <span className="fr-hint-text">Elles excluent l’aide (décret n° 2017-548).</span>
        </legend>
        {Object.entries(EXCLUSION_LABELS).map(([key, label]) => (
          <div key={key} className="fr-checkbox-group fr-col-12">
            <input type="checkbox" id={`${id}-x-${key}`} checked={exclusions.includes(key)} onChange={(e) => setExclusions(e.target.checked ? [...exclusions, key] : exclusions.filter((x) => x !== key))} />
            <label className="fr-label" htmlFor={`${id}-x-${key}`}>
              {label}
            </label>
          </div>
        ))}
      </fieldset>
      <div className={`fr-input-group${errors.homeCommuneCode || errors.home ? ' fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor={`${id}-home`}>
          Commune du domicile (code INSEE, facultatif)
          <span className="fr-hint-text">Par défaut celle de votre profil ; elle donne la distance au lieu de formation.</span>
        </label>
        <input className="fr-input app-rank-input" id={`${id}-home`} maxLength={5} value={home} onChange={(e) => setHome(e.target.value)} {...field(errors.home ? 'home' : 'homeCommuneCode')} />
        {err('homeCommuneCode')}
        {err('home')}
      </div>
      <div className="app-inline-actions">
        <button type="submit" className="fr-btn" disabled={busy}>
          Envoyer ma demande
        </button>
        <button type="button" className="fr-btn fr-btn--secondary" onClick={() => setOpen(false)}>
          Annuler
        </button>
      </div>
    </form>
  );
}
