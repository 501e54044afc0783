import { useState } from 'react';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Link } from '../router/Link.tsx';
import { callsApi } from '../calls/api.ts';
import { dateTime } from '../calls/labels.ts';
import { Badge, LoadError, Outcome, SelectField, TextField, useAction, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

const TITLE = 'Dossiers à évaluer';

/** The reviewer's assigned proposals, and their declared conflicts of interest. */
export function ReviewerPage() {
  return <RequireSession title={TITLE} roles={['reviewer']}>{() => <Assigned />}</RequireSession>;
}

function Assigned() {
  const { state } = useReload('my-reviews', (signal) => callsApi.myReviews(signal));
  return (
    <ContentPage title={TITLE} width="full" lead="Vous ne voyez que les dossiers qui vous sont confiés. Les notes des autres instructeur·rices restent masquées tant que vous n’avez pas remis la vôtre.">
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.data && state.data.length === 0 && <p>Aucun dossier ne vous est confié pour le moment.</p>}
      {state.data && state.data.length > 0 && (
        <DataTable
          caption="Dossiers qui me sont confiés"
          headers={['Dossier', 'Organisme', 'Appel', 'Mon évaluation', 'Confié le']}
          rows={state.data.map((a) => ({
            key: a.proposalId,
            cells: [
              <Link key="l" href={`/instruction/${a.proposalId}`}>
                {a.title}
              </Link>,
              a.providerName,
              a.callTitle,
              <Badge key="b" severity={a.status === 'submitted' ? 'success' : 'new'}>
                {a.statusLabel}
              </Badge>,
              dateTime(a.assignedAt),
            ],
          }))}
        />
      )}
      <Conflicts />
    </ContentPage>
  );
}

function Conflicts() {
  const { state, reload } = useReload('conflicts', (signal) => callsApi.conflicts(signal));
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ id: string; name: string }[]>([]);
  const [organisationId, setOrganisationId] = useState('');
  const [motive, setMotive] = useState('');
  const search = useAction();
  const declare = useAction();
  return (
    <section aria-labelledby="conflits" className="fr-mt-6w">
      <h2 id="conflits" className="fr-h3">
        Mes conflits d’intérêts
      </h2>
      <p>Déclarez tout lien avec un organisme (emploi, mandat, proche, prestation) : ses dossiers ne vous seront pas confiés.</p>
      {state.data && state.data.length > 0 && (
        <ul>
          {state.data.map((c) => (
            <li key={c.id}>
              {c.organisationName} — {c.motive} (déclaré le {dateTime(c.declaredAt)})
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await search.run(() => callsApi.searchProviders(q));
          if (r) {
            setOptions(r);
            setOrganisationId(r[0]?.id ?? '');
          }
        }}
      >
        <TextField path="q" label="Chercher un organisme de formation" value={q} onChange={setQ} errors={search.errors} />
        <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm fr-mb-2w" disabled={search.busy}>
          Chercher
        </button>
      </form>
      {options.length > 0 && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (await declare.run(() => callsApi.declareConflict(organisationId, motive), 'Conflit d’intérêts déclaré.')) {
              setMotive('');
              reload();
            }
          }}
        >
          <SelectField path="organisationId" label="Organisme" value={organisationId} onChange={setOrganisationId} options={options.map((o) => ({ value: o.id, label: o.name }))} errors={declare.errors} />
          <TextField path="motive" label="Nature du lien" value={motive} onChange={setMotive} errors={declare.errors} />
          <button type="submit" className="fr-btn fr-btn--sm" disabled={declare.busy}>
            Déclarer le conflit
          </button>
        </form>
      )}
      <Outcome message={declare.message} error={declare.error ?? search.error} />
    </section>
  );
}
