import { useApi } from '../api/useApi.ts';
import { admissionsApi } from './api.ts';

/**
 * The public admission rules of a session (ADMISSIONS.md §3): constrained publics in priority order
 * with their minimum rates, offer target, block call, answer time. For the public session page.
 */
export function AdmissionRules({ sessionId }: { sessionId: string }) {
  const state = useApi(`admission-rules-${sessionId}`, (signal) => admissionsApi.publicRules(sessionId, signal));
  const r = state.data;
  if (!r) return null;
  return (
    <div className="fr-mt-2w">
      <p className="fr-text--bold fr-mb-1w">Règles d’admission de la session</p>
      <ul className="fr-mb-1w">
        {r.constraints.length === 0 ? (
          <li>Pas de public prioritaire : les propositions suivent le classement de l’organisme.</li>
        ) : (
          r.constraints.map((c) => (
            <li key={c.name}>
              Priorité {c.priority} : {c.label}, au moins {c.rate} % à chaque rang d’appel tant qu’il en reste
            </li>
          ))
        )}
        <li>
          {r.offerTarget} proposition{r.offerTarget > 1 ? 's' : ''} au plus en attente ou acceptées pour {r.seats} place{r.seats > 1 ? 's' : ''}
          {r.overbookingMargin > 0 ? ` (marge de surréservation : ${r.overbookingMargin})` : ''}
          {r.blockCallRank > 0 ? ` ; appel en bloc jusqu’au rang ${r.blockCallRank}` : ''}.
        </li>
        <li>Réponse attendue sous {r.answerDays} jour{r.answerDays > 1 ? 's' : ''}, jusqu’à 23 h 59 (heure locale de la session).</li>
      </ul>
    </div>
  );
}
