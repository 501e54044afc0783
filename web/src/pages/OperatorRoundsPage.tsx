import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { admissionsApi } from '../admissions/api.ts';
import { formatInstant } from '../candidates/labels.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { announce } from '../router/announcer.ts';
import { ErrorPage } from './ErrorPage.tsx';

const TITLE = 'Tours de propositions';

export function OperatorRoundsPage() {
  return <RequireSession title={TITLE} roles={['operator']}>{() => <RoundsView />}</RequireSession>;
}

function RoundsView() {
  const [version, setVersion] = useState(0);
  const state = useApi(`rounds-${version}`, (signal) => admissionsApi.rounds(signal));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (state.status === 'error' && !state.data) return <ErrorPage message={state.error.message} />;
  if (!state.data) return <PageLoading label="Chargement des tours…" />;

  async function run() {
    setBusy(true);
    setMessage(null);
    try {
      const r = await admissionsApi.runRound();
      const text = `Tour terminé en ${(r.ms / 1000).toLocaleString('fr-FR')} s : ${r.offers} proposition${r.offers > 1 ? 's' : ''} dans ${r.sessions} session${r.sessions > 1 ? 's' : ''}, ${r.expired} expirée${r.expired > 1 ? 's' : ''}.`;
      setMessage({ ok: true, text });
      announce(text);
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : 'Le tour n’a pas abouti : rien n’a été changé.' });
      setVersion((v) => v + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ContentPage title={TITLE} width="full">
      <p>
        Chaque jour à 6 h (heure de Paris), un tour expire les propositions sans réponse, puis fait de nouvelles propositions dans toutes les
        sessions dont le classement est publié, dans la limite des places libres, et applique la réponse automatique des personnes qui l’ont
        choisie. Un tour est une seule transaction : tout ou rien.
      </p>
      <div role="status" aria-live="polite">
        {message && <Alert severity={message.ok ? 'success' : 'error'} small className="fr-mb-3w" description={message.text} />}
      </div>
      <button type="button" className="fr-btn fr-mb-4w" disabled={busy} onClick={() => void run()}>
        {busy ? 'Tour en cours…' : 'Lancer un tour maintenant'}
      </button>
      {state.data.length === 0 ? (
        <p>Aucun tour pour le moment.</p>
      ) : (
        <DataTable
          caption="Derniers tours"
          headers={['Début', 'Type', 'Résultat', 'Sessions', 'Propositions', 'Expirées', 'Réponses automatiques', 'Durée']}
          rows={state.data.map((r) => ({
            key: r.id,
            cells: [
              formatInstant(r.startedAt),
              r.kind === 'daily' ? 'quotidien' : 'à la demande',
              r.status === 'completed' ? (
                <Badge key="s" severity="success" small noIcon>
                  terminé
                </Badge>
              ) : (
                <span key="s">
                  <Badge severity="error" small noIcon>
                    échec
                  </Badge>{' '}
                  {r.error}
                </span>
              ),
              String(r.sessions),
              String(r.offers),
              String(r.expired),
              `${r.autoAccepted} acceptée${r.autoAccepted > 1 ? 's' : ''}, ${r.autoDeclined} refusée${r.autoDeclined > 1 ? 's' : ''}, ${r.autoWithdrawn} vœu${r.autoWithdrawn > 1 ? 'x' : ''} retiré${r.autoWithdrawn > 1 ? 's' : ''}`,
              `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toLocaleString('fr-FR')} s`,
            ],
          }))}
        />
      )}
    </ContentPage>
  );
}
