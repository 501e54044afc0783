import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Link } from '../router/Link.tsx';
import { callsApi } from '../calls/api.ts';
import { day, euros, PROPOSAL_STATUS } from '../calls/labels.ts';
import { Badge, LoadError, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

const TITLE = 'Mes dossiers de candidature au label';

/** The provider's proposals, and the open calls it may answer. */
export function ProviderProposalsPage() {
  return (
    <RequireSession title={TITLE} roles={['provider']}>
      {({ active }) => <Proposals organisation={active?.organisationName ?? ''} />}
    </RequireSession>
  );
}

function Proposals({ organisation }: { organisation: string }) {
  const { state } = useReload('proposals', (signal) => callsApi.proposals(signal));
  const calls = useReload('calls', (signal) => callsApi.calls(false, signal)).state;
  const open = (calls.data ?? []).filter((c) => c.status === 'open');
  return (
    <ContentPage title={TITLE} width="full" lead={`Les dossiers de ${organisation}, préparés avec vos collègues.`}>
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.data && state.data.length === 0 && <p>Vous n’avez pas encore de dossier.</p>}
      {state.data && state.data.length > 0 && (
        <DataTable
          caption="Dossiers de l’organisme"
          headers={['Dossier', 'Appel', 'État', 'Formations', 'Subvention demandée', 'Déposé le']}
          rows={state.data.map((p) => ({
            key: p.id,
            cells: [
              <Link key="l" href={`/organisme/dossiers/${p.id}`}>
                {p.title}
              </Link>,
              p.callTitle,
              <Badge key="b" severity={p.status === 'decided' ? 'success' : p.status === 'withdrawn' ? 'warning' : 'info'}>
                {PROPOSAL_STATUS[p.status]}
              </Badge>,
              String(p.trainings),
              euros(p.requestedCents),
              p.submittedAt ? day(p.submittedAt.slice(0, 10)) : '—',
            ],
          }))}
        />
      )}
      <h2 className="fr-h3 fr-mt-4w">Appels ouverts</h2>
      {open.length === 0 ? (
        <p>Aucun appel n’est ouvert en ce moment.</p>
      ) : (
        <ul>
          {open.map((c) => (
            <li key={c.id}>
              <Link href={`/appels/${c.id}`}>{c.title}</Link> — prochaine date limite : {day(c.nextCutOff)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/organisme/conventions">
          Mes conventions et leurs versements
        </Link>
      </p>
    </ContentPage>
  );
}
