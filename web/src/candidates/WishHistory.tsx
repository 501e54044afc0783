import type { WishEvent } from './api.ts';
import { formatInstantTime } from './labels.ts';

/** The history of a wish, oldest first, in a disclosure (native details/summary). */
export function WishHistory({ events, title }: { events: WishEvent[]; title: string }) {
  return (
    <details className="app-wish-history">
      <summary>
        Historique<span className="fr-sr-only"> du vœu « {title} »</span> ({events.length} étape{events.length > 1 ? 's' : ''})
      </summary>
      <ol className="fr-mt-1w">
        {events.map((e, i) => (
          <li key={i}>
            {formatInstantTime(e.at)} : {e.from ? `passé à « ${e.toLabel.toLowerCase()} »` : 'vœu envoyé'} par {e.by}
            {e.motive ? ` — motif : ${e.motive}` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}
