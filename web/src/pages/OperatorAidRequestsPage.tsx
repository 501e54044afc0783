import { useId, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { admissionsApi, euros, EXCLUSION_LABELS, type AidRequestReview } from '../admissions/api.ts';
import { formatInstant } from '../candidates/labels.ts';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { formatDateRange } from '../format/dates.ts';
import { announce } from '../router/announcer.ts';
import { ErrorPage } from './ErrorPage.tsx';
import '../account/account.css';
import '../admissions/admissions.css';

const TITLE = 'Demandes d’aide Grande École du Numérique';
const FILTERS = [
  { value: 'submitted', label: 'À instruire' },
  { value: 'granted', label: 'Accordées' },
  { value: 'refused', label: 'Refusées' },
  { value: '', label: 'Toutes' },
];

export function OperatorAidRequestsPage() {
  return <RequireSession title={TITLE} roles={['operator']}>{() => <RequestsView />}</RequireSession>;
}

function RequestsView() {
  const [status, setStatus] = useState('submitted');
  const [version, setVersion] = useState(0);
  const state = useApi(`aid-requests-${status}-${version}`, (signal) => admissionsApi.aidRequests(status, signal));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  if (state.status === 'error' && !state.data) return <ErrorPage message={state.error.message} />;

  async function decide(r: AidRequestReview, decision: 'grant' | 'refuse', motive: string | null) {
    setBusy(true);
    setMessage(null);
    try {
      await admissionsApi.decideAid(r.id, decision, motive);
      const text = decision === 'grant' ? `Aide accordée à ${r.learnerName}.` : `Aide refusée à ${r.learnerName}.`;
      setMessage({ ok: true, text });
      announce(text);
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? (Object.values(e.fields)[0] ?? e.message) : 'La décision n’a pas été enregistrée.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <ContentPage title={TITLE} width="full">
      <p>
        L’opérateur instruit les demandes pour le Crous : la décision reprend l’échelon et les montants calculés sur le barème des bourses sur
        critères sociaux (décret n° 2017-548), ou refuse l’aide avec un motif communiqué à la personne.
      </p>
      <div className="fr-select-group fr-mb-3w">
        <label className="fr-label" htmlFor={`${id}-f`}>
          Afficher
        </label>
        <select className="fr-select" id={`${id}-f`} value={status} onChange={(e) => setStatus(e.target.value)}>
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div role="status" aria-live="polite">
        {message && <Alert severity={message.ok ? 'success' : 'error'} small className="fr-mb-3w" description={message.text} />}
      </div>
      {!state.data ? (
        <PageLoading label="Chargement des demandes…" />
      ) : state.data.length === 0 ? (
        <p>Aucune demande.</p>
      ) : (
        <ul className="app-wish-list">
          {state.data.map((r) => (
            <RequestCard key={r.id} r={r} busy={busy} onDecide={(d, m) => void decide(r, d, m)} />
          ))}
        </ul>
      )}
    </ContentPage>
  );
}

function RequestCard({ r, busy, onDecide }: { r: AidRequestReview; busy: boolean; onDecide: (d: 'grant' | 'refuse', motive: string | null) => void }) {
  const [motive, setMotive] = useState('');
  const id = useId();
  const c = r.decision ?? r.computed;
  return (
    <li className="app-wish">
      <h2 className="fr-h6 fr-mb-1w">
        {r.learnerName} – {r.trainingTitle}{' '}
        <Badge severity={r.status === 'granted' ? 'success' : r.status === 'refused' ? 'error' : 'new'} small noIcon>
          {r.status === 'granted' ? 'accordée' : r.status === 'refused' ? 'refusée' : 'à instruire'}
        </Badge>
      </h2>
      <p className="fr-mb-1w">
        Demande du {formatInstant(r.submittedAt)} ; formation {formatDateRange(r.inputs.trainingStart, r.inputs.trainingEnd)}.
      </p>
      <ul className="fr-mb-1w">
        <li>Revenu brut global du foyer (N-2) : {euros(r.inputs.incomeCents)}</li>
        <li>
          Domicile : {r.inputs.homeCommune} ; lieu de formation : {r.inputs.trainingCommune} ; {r.inputs.distanceKm} km
        </li>
        <li>
          Autres enfants à charge : {r.inputs.children} (dont dans le supérieur : {r.inputs.childrenInHigherEducation}) ; handicap ou aidant : {r.inputs.disabilityOrCarer}
        </li>
        {r.inputs.exclusions.length > 0 && <li>Situations d’exclusion : {r.inputs.exclusions.map((x) => EXCLUSION_LABELS[x] ?? x).join(' ; ')}</li>}
      </ul>
      <p className="fr-text--bold fr-mb-1w">
        {c.echelon ? `Échelon ${c.echelonLabel} : ${euros(c.monthlyCents)} par mois, ${c.payments} mensualités, ${euros(c.totalCents)} au total` : 'Aucun échelon : pas d’aide'} (barème {c.scaleYear}, {c.points} points de charge).
      </p>
      {r.decision?.motive && <p>Motif du refus : {r.decision.motive}</p>}
      <details className="app-wish-history fr-mb-1w">
        <summary>Explication du calcul</summary>
        <ol>
          {c.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </details>
      {r.status === 'submitted' && (
        <div className="app-panel">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={`${id}-m`}>
              Motif (obligatoire pour un refus)
            </label>
            <input className="fr-input" id={`${id}-m`} maxLength={2000} value={motive} onChange={(e) => setMotive(e.target.value)} />
          </div>
          <div className="app-inline-actions">
            <button type="button" className="fr-btn fr-btn--sm" disabled={busy || !r.computed.echelon} onClick={() => onDecide('grant', motive || null)}>
              Accorder l’échelon {r.computed.echelonLabel ?? ''}<span className="fr-sr-only"> à {r.learnerName}</span>
            </button>
            <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" disabled={busy} onClick={() => onDecide('refuse', motive)}>
              Refuser<span className="fr-sr-only"> l’aide à {r.learnerName}</span>
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
