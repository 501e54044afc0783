import { formatDate } from '../format/dates.ts';
import { Link } from '../router/Link.tsx';
import { useSession } from '../session/SessionContext.tsx';

/** Where a candidate applies to a session. */
export function applyPagePath(trainingId: string, sessionId: string): string {
  return `/formations/${encodeURIComponent(trainingId)}/sessions/${encodeURIComponent(sessionId)}/candidater`;
}

/** Sign-in first, then back to the application form. */
export function signInToApplyHref(trainingId: string, sessionId: string): string {
  return `/connexion?retour=${encodeURIComponent(applyPagePath(trainingId, sessionId)).replace(/%2F/g, '/')}`;
}

/**
 * « Candidater » on a recruiting session: the application form for a signed-in candidate, the sign-in
 * page (coming back to the form) for a visitor, a short note for other roles.
 */
export function ApplyAction({ trainingId, sessionId, startsOn }: { trainingId: string; sessionId: string; startsOn: string }) {
  const session = useSession();
  const dates = <span className="fr-sr-only"> à la session du {formatDate(startsOn)}</span>;
  if (session.account && session.active && session.active.role !== 'candidate') {
    return <span className="fr-hint-text app-no-apply">Réservé aux candidat·es</span>;
  }
  const href = session.account ? applyPagePath(trainingId, sessionId) : signInToApplyHref(trainingId, sessionId);
  return (
    <Link href={href} className="fr-btn fr-btn--sm">
      Candidater{dates}
    </Link>
  );
}
