import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useApi } from '../api/useApi.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { admissionsApi, type ProviderSession } from '../admissions/api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { formatDateRange } from '../format/dates.ts';
import { Link } from '../router/Link.tsx';
import { ErrorPage } from './ErrorPage.tsx';

const TITLE = 'Admissions de mes sessions';

export const STATE_LABELS: Record<ProviderSession['state'], { label: string; severity: 'info' | 'success' | 'warning' }> = {
  draft: { label: 'Classement en préparation', severity: 'warning' },
  published: { label: 'Classement publié', severity: 'info' },
  frozen: { label: 'Propositions en cours', severity: 'success' },
};

export function ProviderAdmissionsPage() {
  return (
    <RequireSession title={TITLE} roles={['provider']}>
      {({ active }) => <SessionsLoader key={active?.organisationId ?? ''} organisationName={active?.organisationName ?? null} />}
    </RequireSession>
  );
}

function SessionsLoader({ organisationName }: { organisationName: string | null }) {
  const state = useApi('provider-admission-sessions', (signal) => admissionsApi.providerSessions(signal));
  if (state.status === 'error' && !state.data) return <ErrorPage message={state.error.message} />;
  if (!state.data) return <PageLoading label="Chargement de vos sessions…" />;
  const sessions = state.data;
  return (
    <ContentPage title={TITLE} width="full" lead={organisationName ?? undefined}>
      <p>
        Pour chaque session : réglez les publics prioritaires et leurs taux minimaux, classez les candidatures (à l’écran ou par un fichier
        CSV), puis publiez le classement. L’ordre d’appel est alors calculé et les propositions partent chaque jour à 6 h, dans la limite des
        places. Voir aussi les <Link href="/organisme/candidatures">candidatures et diagnostics</Link>.
      </p>
      {sessions.length === 0 ? (
        <p>Aucune session en préparation, en recrutement ou en cours.</p>
      ) : (
        <DataTable
          caption="Mes sessions"
          headers={['Formation', 'Dates', 'Places', 'Candidatures', 'Classement']}
          rows={sessions.map((s) => ({
            key: s.id,
            cells: [
              <Link key="l" href={`/organisme/admissions/${encodeURIComponent(s.id)}`}>
                {s.trainingTitle}
              </Link>,
              formatDateRange(s.startsOn, s.endsOn),
              `${s.seatsTaken} prise${s.seatsTaken > 1 ? 's' : ''} sur ${s.seats}`,
              String(s.applications),
              <Badge key="b" severity={STATE_LABELS[s.state].severity} small noIcon>
                {STATE_LABELS[s.state].label}
              </Badge>,
            ],
          }))}
        />
      )}
    </ContentPage>
  );
}
