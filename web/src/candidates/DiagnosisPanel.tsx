import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { DataTable } from '../components/DataTable.tsx';
import { documentHref, type Diagnosis } from './api.ts';
import { formatInstant, SOURCE_LABELS } from './labels.ts';

/**
 * A diagnosis in plain French: who made it and when, until when it holds, the priority publics met,
 * and for each criterion why and how it is known (with its proof when there is one).
 */
export function DiagnosisPanel({ diagnosis, headingLevel = 2, idPrefix }: { diagnosis: Diagnosis; headingLevel?: 2 | 3; idPrefix: string }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const author =
    diagnosis.author.role === 'prescriber'
      ? `par ${diagnosis.author.name}${diagnosis.author.organisationName ? `, ${diagnosis.author.organisationName}` : ''}`
      : diagnosis.author.name === 'vous-même'
        ? 'par vous-même, à partir de votre profil'
        : `par ${diagnosis.author.name}, à partir de son profil`;
  return (
    <section aria-labelledby={`${idPrefix}-titre`} className="app-diagnosis">
      <Heading id={`${idPrefix}-titre`} className={headingLevel === 2 ? 'fr-h3' : 'fr-h5'}>
        Diagnostic du {formatInstant(diagnosis.createdAt)}{' '}
        {diagnosis.expired ? (
          <Badge severity="warning" small>
            Expiré
          </Badge>
        ) : diagnosis.author.role === 'prescriber' ? (
          <Badge severity="success" small>
            Validé
          </Badge>
        ) : (
          <Badge severity="info" small>
            Déclaratif
          </Badge>
        )}
      </Heading>
      <p className="fr-mb-1w">Établi {author}.</p>
      <p className="fr-mb-2w fr-text--sm">{diagnosis.validity}</p>
      <p className="fr-text--lead fr-mb-3w">{diagnosis.summary}</p>
      <DataTable
        caption={`Critères du diagnostic du ${formatInstant(diagnosis.createdAt)}`}
        hideCaption
        bordered
        headers={['Public prioritaire', 'Rempli ?', 'Pourquoi', 'Comment c’est su']}
        rows={diagnosis.criteria.map((c) => ({
          key: c.criterion,
          cells: [
            c.label,
            c.met ? <strong>Oui</strong> : 'Non',
            c.reason,
            <>
              {c.met && <span className="fr-text--bold">{SOURCE_LABELS[c.source]}. </span>}
              {c.evidence}
              {c.documentId && (
                <>
                  {' '}
                  <a className="fr-link fr-link--sm" href={documentHref(c.documentId)} download>
                    Télécharger le justificatif<span className="fr-sr-only"> ({c.label})</span>
                  </a>
                </>
              )}
            </>,
          ],
        }))}
      />
    </section>
  );
}
