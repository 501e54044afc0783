import { useState } from 'react';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Link } from '../router/Link.tsx';
import { callsApi, type LabelRow, type LabelStatus } from '../calls/api.ts';
import { day, LABEL_STATUS } from '../calls/labels.ts';
import { Badge, LoadError, Outcome, SelectField, TextField, useAction, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

const TITLE = 'Labels des formations';

/** The operator's labels: suspend, reinstate, withdraw (with a public reason), renew. */
export function OperatorLabelsPage() {
  return <RequireSession title={TITLE} roles={['operator']}>{() => <Labels />}</RequireSession>;
}

function Labels() {
  const [status, setStatus] = useState<LabelStatus | ''>('');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('pageSize=50');
  const { state, reload } = useReload(`labels:${query}`, (signal) => callsApi.labels(query, signal));
  return (
    <ContentPage title={TITLE} width="full" lead="Un label vaut trois ans. Suspendu ou retiré, il retire la formation de la recherche et sa page dit pourquoi. Il se renouvelle dans ses six derniers mois, ou dans les six mois après son expiration.">
      <form
        className="app-calls-grid"
        onSubmit={(e) => {
          e.preventDefault();
          const p = new URLSearchParams({ pageSize: '50' });
          if (status) p.set('status', status);
          if (q.trim()) p.set('q', q.trim());
          setQuery(p.toString());
        }}
      >
        <TextField path="labels-q" label="Formation" value={q} onChange={setQ} />
        <SelectField path="labels-status" label="État" placeholder="Tous" value={status} onChange={(v) => setStatus(v as LabelStatus | '')} options={Object.entries(LABEL_STATUS).map(([k, l]) => ({ value: k, label: l }))} />
        <div>
          <button type="submit" className="fr-btn fr-btn--secondary">
            Filtrer
          </button>
        </div>
      </form>
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.data && (
        <>
          <p role="status">{state.data.total} label{state.data.total > 1 ? 's' : ''}</p>
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

function LabelActions({ label, onChanged }: { label: LabelRow; onChanged: () => void }) {
  const [to, setTo] = useState<'suspended' | 'active' | 'withdrawn' | ''>('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const options =
    label.status === 'active'
      ? [
          { value: 'suspended', label: 'Suspendre' },
          { value: 'withdrawn', label: 'Retirer' },
        ]
      : label.status === 'suspended'
        ? [{ value: 'active', label: 'Rétablir' }]
        : [];
  return (
    <div>
      {options.length > 0 && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (to && (await action.run(() => callsApi.labelStatus(label.id, to, reason), 'État du label modifié.'))) onChanged();
          }}
        >
          <SelectField path={`to-${label.id}`} label={`Action sur « ${label.trainingTitle} »`} placeholder="Choisir" value={to} onChange={(v) => setTo(v as typeof to)} options={options} />
          <TextField path={`reason-${label.id}`} label="Motif (affiché sur la page de la formation)" value={reason} onChange={setReason} errors={action.errors.reason ? { [`reason-${label.id}`]: action.errors.reason } : {}} />
          <button type="submit" className="fr-btn fr-btn--sm" disabled={!to || action.busy}>
            Appliquer<span className="fr-sr-only"> à « {label.trainingTitle} »</span>
          </button>
        </form>
      )}
      {label.renewable ? (
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" disabled={action.busy} onClick={async () => (await action.run(() => callsApi.renewLabel(label.id), 'Label renouvelé.')) && onChanged()}>
          Renouveler<span className="fr-sr-only"> le label de « {label.trainingTitle} »</span>
        </button>
      ) : (
        label.renewalNote && label.status !== 'withdrawn' && <p className="fr-hint-text">{label.renewalNote}</p>
      )}
      <Outcome message={action.message} error={action.errors.reason ? null : action.error} />
    </div>
  );
}
