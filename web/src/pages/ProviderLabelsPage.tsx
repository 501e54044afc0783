import { useState } from 'react';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Link } from '../router/Link.tsx';
import { callsApi, type ProviderLabel } from '../calls/api.ts';
import { dateTime, day, LABEL_STATUS } from '../calls/labels.ts';
import { Badge, LoadError, Outcome, TextField, useAction, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

const TITLE = 'Labels de mes formations';

/** The provider's labels: validity, why one is suspended or withdrawn, and renewal requests. */
export function ProviderLabelsPage() {
  return (
    <RequireSession title={TITLE} roles={['provider']}>
      {({ active }) => <Labels organisation={active?.organisationName ?? ''} />}
    </RequireSession>
  );
}

function Labels({ organisation }: { organisation: string }) {
  const { state, reload } = useReload('provider-labels', (signal) => callsApi.providerLabels(signal));
  return (
    <ContentPage
      title={TITLE}
      width="full"
      lead={`Les labels Grande École du Numérique des formations de ${organisation}. Un label vaut trois ans ; vous pouvez en demander le renouvellement dans ses six derniers mois, ou dans les six mois qui suivent son expiration. Un renouvellement n’ouvre pas droit à une nouvelle subvention.`}
    >
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.data && state.data.length === 0 && (
        <p>
          Aucune de vos formations n’est labellisée pour le moment. Le label s’obtient en répondant à un <Link href="/appels">appel à projets</Link>.
        </p>
      )}
      {state.data && state.data.length > 0 && (
        <DataTable
          caption="Labels de mes formations"
          hideCaption
          headers={['Formation', 'État', 'Validité', 'Renouvellement']}
          rows={state.data.map((l) => ({
            key: l.id,
            cells: [
              <Link key="t" href={`/formations/${l.trainingId}`}>
                {l.trainingTitle}
              </Link>,
              <span key="s">
                <Badge severity={l.status === 'active' ? 'success' : l.status === 'expired' ? undefined : 'warning'}>{LABEL_STATUS[l.status]}</Badge>
                {l.statusReason && <span className="fr-hint-text">Motif : {l.statusReason}</span>}
              </span>,
              `du ${day(l.grantedOn)} au ${day(l.validUntil)}`,
              <Renewal key="r" label={l} onChanged={reload} />,
            ],
          }))}
        />
      )}
    </ContentPage>
  );
}

function Renewal({ label, onChanged }: { label: ProviderLabel; onChanged: () => void }) {
  const [motive, setMotive] = useState('');
  const action = useAction();
  const path = `motive-${label.id}`;
  return (
    <div>
      {label.requests.length > 0 && (
        <ul className="fr-mb-1w">
          {label.requests.map((q) => (
            <li key={q.id}>
              Demande du {dateTime(q.requestedAt)} : <Badge severity={q.status === 'granted' ? 'success' : q.status === 'refused' ? 'error' : 'new'}>{q.statusLabel}</Badge>
              {q.decisionMotive && q.status === 'refused' && <span className="fr-hint-text">Motif du refus : {q.decisionMotive}</span>}
            </li>
          ))}
        </ul>
      )}
      {label.canRequest ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (await action.run(() => callsApi.requestRenewal(label.id, motive), 'Demande envoyée : l’opérateur vous répondra par courriel.')) {
              setMotive('');
              onChanged();
            }
          }}
        >
          <TextField
            path={path}
            label={`Pourquoi renouveler le label de « ${label.trainingTitle} » ?`}
            hint="Bilan des sessions, résultats, évolutions prévues (10 caractères au moins)"
            multiline
            value={motive}
            onChange={setMotive}
            errors={action.errors.motive ? { [path]: action.errors.motive } : {}}
          />
          <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy}>
            Demander le renouvellement<span className="fr-sr-only"> du label de « {label.trainingTitle} »</span>
          </button>
        </form>
      ) : (
        label.renewalNote && <p className="fr-hint-text">{label.renewalNote}</p>
      )}
      <Outcome message={action.message} error={action.errors.motive ? null : action.error} />
    </div>
  );
}
