import { useApi } from '../api/useApi.ts';
import type { Session } from '../api/types.ts';
import { formatDateRange } from '../format/dates.ts';
import { formatInteger } from '../format/numbers.ts';
import { admissionsApi, type PublicRules } from './api.ts';

/** Sessions whose rules the training page shows (the API serves those): not over. */
export const hasPublicRules = (session: Pick<Session, 'status'>) => session.status === 'planned' || session.status === 'recruiting' || session.status === 'running';

/** The anchor of a session's rules on its training page. */
export const rulesAnchor = (sessionId: string) => `regles-admission-${sessionId}`;

const plural = (n: number, one: string, many: string) => `${formatInteger(n)} ${n > 1 ? many : one}`;

/**
 * The public admission rules of one session (ADMISSIONS.md §3): constrained publics in priority order
 * with their minimum rates, offer target (seats + overbooking margin), block call, answer time.
 */
export function AdmissionRules({ rules: r }: { rules: PublicRules }) {
  return (
    <ul className="fr-mb-1w">
      {r.constraints.length === 0 ? (
        <li>Pas de public prioritaire : les propositions suivent le classement de l’organisme.</li>
      ) : (
        r.constraints.map((c) => (
          <li key={c.name}>
            Public prioritaire n° {c.priority} : {c.label}, au moins {c.rate} % des personnes appelées à chaque rang d’appel, tant qu’il en reste
          </li>
        ))
      )}
      <li>
        Cible de propositions : {plural(r.offerTarget, 'proposition', 'propositions')} en attente ou acceptées au plus pour {plural(r.seats, 'place', 'places')}
        {r.overbookingMargin > 0 ? ` (marge de surréservation : ${formatInteger(r.overbookingMargin)})` : ' (pas de surréservation)'}
      </li>
      <li>{r.blockCallRank > 0 ? `Appel en bloc : les rangs d’appel 1 à ${formatInteger(r.blockCallRank)} reçoivent une proposition dès le premier tour` : 'Pas d’appel en bloc'}</li>
      <li>
        Réponse attendue sous {plural(r.answerDays, 'jour', 'jours')}, jusqu’à 23 h 59 (heure locale de la session) ; sans réponse, la proposition est considérée comme refusée
      </li>
      <li>{r.rankingPublished ? 'Classement publié : l’ordre d’appel est calculé.' : 'Classement pas encore publié.'}</li>
    </ul>
  );
}

/**
 * The rules of every session of a training still to come or running, for its public page (one request).
 * Each session has its anchor (rulesAnchor), linked from the sessions table.
 */
export function TrainingAdmissionRules({ trainingId, sessions }: { trainingId: string; sessions: Session[] }) {
  const shown = sessions.filter(hasPublicRules);
  const state = useApi(shown.length > 0 ? `training-admission-rules-${trainingId}` : null, (signal) => admissionsApi.trainingRules(trainingId, signal));
  if (shown.length === 0) return null;
  const bySession = new Map((state.data?.sessions ?? []).map((r) => [r.sessionId, r]));
  return (
    <section aria-labelledby="regles-admission" className="fr-mt-4w">
      <h3 id="regles-admission" className="fr-h5">
        Règles d’admission
      </h3>
      <p>
        L’organisme classe les candidatures ; les propositions sont faites dans l’ordre d’appel, qui suit ce classement en faisant passer devant les
        publics prioritaires tant que leur taux minimum n’est pas atteint (la méthode de Parcoursup). Chaque jour, un tour de propositions comble
        les places libérées.
      </p>
      {shown.map((session) => {
        const rules = bySession.get(session.id);
        return (
          <div key={session.id} id={rulesAnchor(session.id)} className="fr-mb-3w">
            <h4 className="fr-h6 fr-mb-1w">Session {formatDateRange(session.startsOn, session.endsOn)}</h4>
            {rules ? (
              <AdmissionRules rules={rules} />
            ) : state.status === 'error' ? (
              <p className="fr-error-text">Les règles d’admission n’ont pas pu être chargées. Rechargez la page.</p>
            ) : (
              <p className="fr-hint-text">Chargement des règles d’admission…</p>
            )}
          </div>
        );
      })}
    </section>
  );
}
