import type { Session } from '../api/types.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDateRange } from '../format/dates.ts';
import { SESSION_STATUS_LABELS } from '../format/labels.ts';
import { formatInteger } from '../format/numbers.ts';
import { ApplyAction } from '../candidates/ApplyAction.tsx';
import { hasPublicRules, rulesAnchor } from '../admissions/AdmissionRules.tsx';

/** The dates, and a link to the session's admission rules below the table (sessions not over). */
function datesCell(session: Session) {
  const dates = formatDateRange(session.startsOn, session.endsOn);
  if (!hasPublicRules(session)) return dates;
  return (
    <>
      {dates}
      <br />
      <a className="fr-link fr-link--sm" href={`#${rulesAnchor(session.id)}`}>
        Règles d’admission<span className="fr-sr-only"> de la session {dates}</span>
      </a>
    </>
  );
}

function applyCell(trainingId: string, session: Session, canApply: boolean) {
  if (canApply && session.status === 'recruiting') {
    return <ApplyAction trainingId={trainingId} sessionId={session.id} startsOn={session.startsOn} />;
  }
  const reason =
    session.status === 'cancelled'
      ? 'Session annulée'
      : session.status === 'finished' || session.status === 'running'
      ? 'Closes'
      : canApply
        ? 'Pas encore ouvertes'
        : 'Gelées';
  return <span className="fr-hint-text app-no-apply">{reason}</span>;
}

export function SessionsTable({
  trainingId,
  sessions,
  canApply,
}: {
  trainingId: string;
  sessions: Session[];
  /** false while the label is suspended, withdrawn or expired */
  canApply: boolean;
}) {
  if (sessions.length === 0) {
    return <p>Aucune session n’est programmée pour le moment.</p>;
  }
  return (
    <DataTable
      caption="Sessions de la formation"
      hideCaption
      headers={['Dates', 'Places', 'Places restantes', 'Statut', 'Candidature']}
      rows={sessions.map((session) => ({
        key: session.id,
        cells: [
          datesCell(session),
          formatInteger(session.seats),
          session.seatsLeft > 0 ? formatInteger(session.seatsLeft) : 'Complet',
          SESSION_STATUS_LABELS[session.status],
          applyCell(trainingId, session, canApply),
        ],
      }))}
    />
  );
}
