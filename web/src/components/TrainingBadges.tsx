import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { LabelStatus, Modality } from '../api/types.ts';
import { MODALITY_SHORT_LABELS } from '../format/labels.ts';
import { formatPrice } from '../format/numbers.ts';

const LABEL_BADGES: Record<LabelStatus, { text: string; severity: 'success' | 'warning' | 'error' | 'info' }> = {
  active: { text: 'Labellisée GEN', severity: 'success' },
  suspended: { text: 'Label suspendu', severity: 'warning' },
  withdrawn: { text: 'Label retiré', severity: 'error' },
  expired: { text: 'Label expiré', severity: 'info' },
};

export function LabelBadge({ status }: { status: LabelStatus }) {
  const { text, severity } = LABEL_BADGES[status];
  return (
    <Badge as="span" small severity={severity}>
      {text}
    </Badge>
  );
}

export function ModalityBadge({ modality }: { modality: Modality }) {
  return (
    <Badge as="span" small className="fr-badge--blue-cumulus">
      {MODALITY_SHORT_LABELS[modality]}
    </Badge>
  );
}

export function PriceBadge({ isFree, priceCents }: { isFree: boolean; priceCents: number | null }) {
  return isFree ? (
    <Badge as="span" small className="fr-badge--green-emeraude">
      Gratuite
    </Badge>
  ) : (
    <Badge as="span" small className="fr-badge--purple-glycine">
      {priceCents !== null ? `Payante : ${formatPrice(priceCents)}` : 'Payante'}
    </Badge>
  );
}

/** The three badges of a training, as a DSFR badges group. */
export function TrainingBadges(props: {
  labelStatus: LabelStatus;
  modality: Modality;
  isFree: boolean;
  priceCents: number | null;
}) {
  return (
    <ul className="fr-badges-group">
      <li>
        <LabelBadge status={props.labelStatus} />
      </li>
      <li>
        <ModalityBadge modality={props.modality} />
      </li>
      <li>
        <PriceBadge isFree={props.isFree} priceCents={props.priceCents} />
      </li>
    </ul>
  );
}
