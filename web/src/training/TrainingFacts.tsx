import type { TrainingDetail } from '../api/types.ts';
import { formatDuration, levelLabel, MODALITY_LABELS } from '../format/labels.ts';
import { formatPrice } from '../format/numbers.ts';
import { Link } from '../router/Link.tsx';
import { NextSession } from '../components/NextSession.tsx';

/** The training at a glance (side column). */
export function TrainingFacts({ training, levels }: { training: TrainingDetail; levels?: { level: number; label: string }[] }) {
  const next = training.sessions.find((s) => s.status === 'recruiting' || s.status === 'planned') ?? null;
  return (
    <div className="app-facts">
      <h2 className="fr-h5">En bref</h2>
      <dl>
        <dt>Durée</dt>
        <dd>{formatDuration(training.durationMonths, training.durationHours)}</dd>
        <dt>Modalité</dt>
        <dd>{MODALITY_LABELS[training.modality]}</dd>
        <dt>Tarif</dt>
        <dd>{training.isFree || training.priceCents === null ? 'Gratuite' : formatPrice(training.priceCents)}</dd>
        <dt>Lieu</dt>
        <dd>
          {training.commune.name} ({training.commune.departement} – {training.commune.departementName})
        </dd>
        <dt>Certification</dt>
        <dd>{levelLabel(training.certification.level, levels)}</dd>
        <dt>Session</dt>
        <dd>
          <NextSession session={next} />
        </dd>
      </dl>
      <p className="fr-mb-0">
        <Link href={`/carte?formation=${encodeURIComponent(training.id)}`} className="fr-link fr-icon-map-pin-2-line fr-link--icon-left">
          Voir sur la carte
        </Link>
      </p>
    </div>
  );
}
