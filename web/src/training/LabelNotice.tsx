import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { TrainingDetail } from '../api/types.ts';
import { formatDate } from '../format/dates.ts';

/** What the label says about this training: valid until when, or why it no longer applies. */
export function LabelNotice({ label }: { label: TrainingDetail['label'] }) {
  const reason = label.statusReason ? ` Motif : ${label.statusReason}` : '';
  switch (label.status) {
    case 'active':
      return (
        <p className="app-label-notice fr-mb-3w">
          <span className="fr-icon-award-line" aria-hidden="true" /> Labellisée Grande École du Numérique jusqu’au{' '}
          {formatDate(label.validUntil)}
          <span className="fr-hint-text">Label accordé le {formatDate(label.grantedOn)}, valable trois ans pour toutes les sessions.</span>
        </p>
      );
    case 'suspended':
      return (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          as="h2"
          title="Le label de cette formation est suspendu"
          description={`Le temps de la suspension, ses sessions sont gelées : aucune nouvelle candidature ni proposition ; les vœux et propositions en cours sont conservés.${reason}`}
        />
      );
    case 'withdrawn':
      return (
        <Alert
          className="fr-mb-3w"
          severity="error"
          as="h2"
          title="Le label de cette formation a été retiré"
          description={`Cette formation ne fait plus partie du réseau Grande École du Numérique ; ses sessions à venir sont annulées et leurs candidat·es ont été prévenu·es.${reason}`}
        />
      );
    case 'expired':
      return (
        <Alert
          className="fr-mb-3w"
          severity="info"
          as="h2"
          title={`Le label de cette formation a expiré le ${formatDate(label.validUntil)}`}
          description={`Il peut être renouvelé par l’organisme de formation.${reason}`}
        />
      );
  }
}
