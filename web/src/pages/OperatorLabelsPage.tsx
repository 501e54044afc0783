import { useState } from 'react';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Link } from '../router/Link.tsx';
import { callsApi, type LabelEffects, type LabelRow, type LabelStatus } from '../calls/api.ts';
import { dateTime, day, LABEL_STATUS } from '../calls/labels.ts';
import { Badge, CheckboxField, LoadError, Outcome, SelectField, TextField, useAction, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

const TITLE = 'Labels des formations';

/** The operator's labels: suspend, reinstate, withdraw (with a public reason), renew, answer the providers' renewal requests. */
export function OperatorLabelsPage() {
  return <RequireSession title={TITLE} roles={['operator']}>{() => <Labels />}</RequireSession>;
}

function Labels() {
  const [status, setStatus] = useState<LabelStatus | ''>('');
  const [q, setQ] = useState('');
  const [requested, setRequested] = useState(false);
  const [query, setQuery] = useState('pageSize=50');
  const { state, reload } = useReload(`labels:${query}`, (signal) => callsApi.labels(query, signal));
  return (
    <ContentPage
      title={TITLE}
      width="full"
      lead="Un label vaut trois ans. Suspendu, il retire la formation de la recherche et gèle ses sessions ouvertes (ni vœu, ni proposition, ni acceptation) sans rien perdre ; retiré, il annule ses sessions ouvertes et prévient chaque candidat·e. La page de la formation dit pourquoi. Il se renouvelle dans ses six derniers mois, ou dans les six mois après son expiration, à la demande de l’organisme ou de votre propre initiative."
    >
      <form
        className="app-calls-grid"
        onSubmit={(e) => {
          e.preventDefault();
          const p = new URLSearchParams({ pageSize: '50' });
          if (status) p.set('status', status);
          if (q.trim()) p.set('q', q.trim());
          if (requested) p.set('demande', '1');
          setQuery(p.toString());
        }}
      >
        <TextField path="labels-q" label="Formation" value={q} onChange={setQ} />
        <SelectField path="labels-status" label="État" placeholder="Tous" value={status} onChange={(v) => setStatus(v as LabelStatus | '')} options={Object.entries(LABEL_STATUS).map(([k, l]) => ({ value: k, label: l }))} />
        <CheckboxField path="labels-requested" label="Demandes de renouvellement en attente seulement" checked={requested} onChange={setRequested} />
        <div>
          <button type="submit" className="fr-btn fr-btn--secondary">
            Filtrer
          </button>
        </div>
      </form>
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.data && (
        <>
          <p role="status">
            {state.data.total} label{state.data.total > 1 ? 's' : ''}
          </p>
          <DataTable
            caption="Labels"
            hideCaption
            headers={['Formation', 'Organisme', 'État', 'Validité', 'Actions']}
            rows={state.data.results.map((l) => ({
              key: l.id,
              cells: [
                <Link key="t" href={`/formations/${l.trainingId}`}>
                  {l.trainingTitle}
                </Link>,
                l.providerName,
                <span key="s">
                  <Badge severity={l.status === 'active' ? 'success' : l.status === 'expired' ? undefined : 'warning'}>{LABEL_STATUS[l.status]}</Badge>
                  {l.statusReason && <span className="fr-hint-text">{l.statusReason}</span>}
                  {l.renewalRequest && (
                    <span className="fr-hint-text">
                      <Badge severity="new">Renouvellement demandé</Badge> le {dateTime(l.renewalRequest.requestedAt)} : « {l.renewalRequest.motive} »
                    </span>
                  )}
                </span>,
                `du ${day(l.grantedOn)} au ${day(l.validUntil)}`,
                <LabelActions key="a" label={l} onChanged={reload} />,
              ],
            }))}
          />
        </>
      )}
    </ContentPage>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** What a change did, in one sentence. */
function effectsMessage(to: 'suspended' | 'active' | 'withdrawn', e: LabelEffects): string {
  const sessions = plural(e.sessions, 'session ouverte', 'sessions ouvertes');
  const people = plural(e.candidates, 'candidat·e prévenu·e', 'candidat·es prévenu·es');
  if (to === 'suspended') return `Label suspendu : ${sessions} gelée${e.sessions > 1 ? 's' : ''} (${plural(e.wishes, 'vœu', 'vœux')}, ${plural(e.offers, 'proposition en attente', 'propositions en attente')}), ${people}.`;
  if (to === 'withdrawn') return `Label retiré : ${plural(e.sessions, 'session annulée', 'sessions annulées')}, ${plural(e.wishes, 'vœu retiré', 'vœux retirés')}, ${plural(e.offers, 'proposition libérée', 'propositions libérées')}, ${people}.`;
  return `Label rétabli : ${sessions} dégelée${e.sessions > 1 ? 's' : ''}, ${plural(e.offers, 'délai de réponse prolongé', 'délais de réponse prolongés')}, ${people}.`;
}

function LabelActions({ label, onChanged }: { label: LabelRow; onChanged: () => void }) {
  const [to, setTo] = useState<'suspended' | 'active' | 'withdrawn' | ''>('');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const action = useAction();
  const renewal = useAction();
  const options =
    label.status === 'active'
      ? [
          { value: 'suspended', label: 'Suspendre (gèle les sessions ouvertes)' },
          { value: 'withdrawn', label: 'Retirer (annule les sessions ouvertes)' },
        ]
      : label.status === 'suspended'
        ? [{ value: 'active', label: 'Rétablir' }]
        : [];
  const reasonPath = `reason-${label.id}`;
  const refusalPath = `refusal-${label.id}`;
  return (
    <div>
      {options.length > 0 && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!to) return;
            const effects = await action.run(() => callsApi.labelStatus(label.id, to, reason));
            if (effects) {
              action.setMessage(effectsMessage(to, effects));
              setTo('');
              setReason('');
              setConfirmed(false);
              onChanged();
            }
          }}
        >
          <SelectField path={`to-${label.id}`} label={`Action sur « ${label.trainingTitle} »`} placeholder="Choisir" value={to} onChange={(v) => setTo(v as typeof to)} options={options} />
          <TextField path={reasonPath} label="Motif (affiché sur la page de la formation)" value={reason} onChange={setReason} errors={action.errors.reason ? { [reasonPath]: action.errors.reason } : {}} />
          {to === 'withdrawn' && (
            <CheckboxField
              path={`confirm-${label.id}`}
              label="Je confirme le retrait définitif"
              hint="Les sessions ouvertes seront annulées, leurs vœux retirés et leurs propositions libérées ; chaque candidat·e est prévenu·e."
              checked={confirmed}
              onChange={setConfirmed}
            />
          )}
          <button type="submit" className="fr-btn fr-btn--sm" disabled={!to || action.busy || (to === 'withdrawn' && !confirmed)}>
            Appliquer<span className="fr-sr-only"> à « {label.trainingTitle} »</span>
          </button>
        </form>
      )}
      <Outcome message={action.message} error={action.errors.reason ? null : action.error} />
      {label.renewable ? (
        <div className="fr-mt-1w">
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary"
            disabled={renewal.busy}
            onClick={async () => (await renewal.run(() => callsApi.renewLabel(label.id, label.renewalRequest ? 'Demande de l’organisme accordée' : undefined), 'Label renouvelé.')) && onChanged()}
          >
            {label.renewalRequest ? 'Accorder le renouvellement' : 'Renouveler'}
            <span className="fr-sr-only"> du label de « {label.trainingTitle} »</span>
          </button>
        </div>
      ) : (
        label.renewalNote && label.status !== 'withdrawn' && <p className="fr-hint-text">{label.renewalNote}</p>
      )}
      {label.renewalRequest && (
        <form
          className="fr-mt-1w"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await renewal.run(() => callsApi.refuseRenewal(label.id, refusal), 'Demande de renouvellement refusée ; l’organisme est prévenu.')) onChanged();
          }}
        >
          <TextField path={refusalPath} label="Motif du refus (envoyé à l’organisme)" value={refusal} onChange={setRefusal} errors={renewal.errors.motive ? { [refusalPath]: renewal.errors.motive } : {}} />
          <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary" disabled={renewal.busy}>
            Refuser la demande<span className="fr-sr-only"> de renouvellement de « {label.trainingTitle} »</span>
          </button>
        </form>
      )}
      <Outcome message={renewal.message} error={renewal.errors.motive ? null : renewal.error} />
    </div>
  );
}
