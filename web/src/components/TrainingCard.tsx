import { Card } from '@codegouvfr/react-dsfr/Card';
import type { TrainingSummary } from '../api/types.ts';
import { formatInteger } from '../format/numbers.ts';
import { levelLabel } from '../format/labels.ts';
import { NextSession } from './NextSession.tsx';
import { TrainingBadges } from './TrainingBadges.tsx';

export function TrainingCard({
  training,
  levels,
}: {
  training: TrainingSummary;
  levels?: { level: number; label: string }[];
}) {
  const { commune } = training;
  return (
    <Card
      title={training.title}
      titleAs="h3"
      linkProps={{ href: `/formations/${encodeURIComponent(training.id)}` }}
      enlargeLink
      size="medium"
      start={
        <TrainingBadges
          labelStatus={training.label.status}
          modality={training.modality}
          isFree={training.isFree}
          priceCents={training.priceCents}
        />
      }
      detail={training.provider.name}
      desc={<span className="app-clamp">{training.summary}</span>}
      end={
        <ul className="app-card-facts">
          <li>
            <span className="fr-icon-map-pin-2-line fr-icon--sm" aria-hidden="true" /> {commune.name} ({commune.departement} –{' '}
            {commune.departementName})
            {training.distanceKm !== null && <> – à {formatInteger(training.distanceKm)} km</>}
          </li>
          <li>
            <span className="fr-icon-calendar-line fr-icon--sm" aria-hidden="true" /> <NextSession session={training.nextSession} />
          </li>
        </ul>
      }
      endDetail={`${training.durationMonths} mois · ${levelLabel(training.certification.level, levels)}`}
    />
  );
}
