import type { Session } from '../api/types.ts';
import { formatDateRange } from '../format/dates.ts';
import { plural } from '../format/numbers.ts';

export function seatsText(session: Session): string {
  if (session.seatsLeft <= 0) return `Complet (${plural(session.seats, 'place', 'places')})`;
  return `${plural(session.seatsLeft, 'place restante', 'places restantes')} sur ${session.seats}`;
}

/** "Prochaine session : du 3 mars 2026 au 12 septembre 2026 · 4 places restantes sur 12" */
export function NextSession({ session }: { session: Session | null }) {
  if (!session) return <>Aucune session programmée pour le moment</>;
  return (
    <>
      Prochaine session : {formatDateRange(session.startsOn, session.endsOn)}
      <span aria-hidden="true"> · </span>
      <span className="fr-sr-only">, </span>
      {seatsText(session)}
    </>
  );
}
