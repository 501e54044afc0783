import { DataTable } from '../components/DataTable.tsx';
import { Link } from '../router/Link.tsx';
import type { ProposalDetail } from './api.ts';
import { euros, MODALITY } from './labels.ts';
import { Badge, Facts } from './ui.tsx';

/** A filed proposal, read-only: trainings with commitments, budget and decision; partners. */
export function ProposalView({ p, headingLevel = 2 }: { p: ProposalDetail; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as 'h2';
  const H2 = `h${headingLevel + 1}` as 'h3';
  return (
    <>
      <H className="fr-h3">Le projet</H>
      <p style={{ whiteSpace: 'pre-wrap' }}>{p.data.summary || '—'}</p>
      <p>
        Subvention d’amorçage demandée au total : <strong>{euros(p.requestedCents)}</strong>
      </p>
      {p.warnings.length > 0 && (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
          <ul>
            {p.warnings.map((w) => (
              <li key={w.field}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      {p.trainings.map((t, i) => {
        const d = t.data;
        const c = d.commitments ?? {};
        const b = d.budget ?? {};
        return (
          <section key={t.id} className="fr-mb-4w" aria-labelledby={`formation-${t.id}`}>
            <H className="fr-h4" id={`formation-${t.id}`}>
              Formation {i + 1} : {d.title || 'sans titre'}{' '}
              {t.decision === 'accepted' && <Badge severity="success">Acceptée</Badge>}
              {t.decision === 'rejected' && <Badge severity="error">Refusée</Badge>}
            </H>
            {t.decision && (
              <p>
                {t.decision === 'accepted' ? 'Décision : acceptée' : 'Décision : refusée'}
                {t.decisionMotive ? ` — motif : ${t.decisionMotive}` : ''}
                {t.trainingId && (
                  <>
                    {' '}
                    · <Link href={`/formations/${t.trainingId}`}>page publique de la formation</Link>
                  </>
                )}
              </p>
            )}
            <p>{d.summary}</p>
            <Facts
              items={[
                ['Certification', `${d.certificationCode ?? '—'} — ${d.certificationTitle ?? ''} (niveau ${d.certificationLevel ?? '—'})`],
                ['Métiers (ROME)', (d.romeCodes ?? []).join(', ') || '—'],
                ['Durée', `${d.durationMonths ?? '—'} mois, ${d.durationHours ?? '—'} heures, ${d.modality ? MODALITY[d.modality] : '—'}`],
                ['Lieu', `${d.address ?? ''} ${d.postalCode ?? ''} (commune ${d.communeCode ?? '—'})`],
                ['Sessions', `${d.sessionsPerYear ?? '—'} par an, ${d.seatsPerSession ?? '—'} places`],
                ['Engagements', `${c.womenPct ?? '—'} % de femmes, ${c.neetPct ?? '—'} % de NEET ou peu qualifié·es, ${c.qpvPct ?? '—'} % d’habitant·es des QPV, ${c.lowQualifiedJobSeekersPerSession ?? '—'} demandeur·ses d’emploi peu qualifié·es par session`],
              ]}
            />
            <H2 className="fr-h6">Budget</H2>
            <DataTable
              caption={`Budget de la formation ${i + 1}`}
              hideCaption
              headers={['Budget total', 'Subvention demandée', 'Région', 'Privé', 'Fonds propres']}
              rows={[{ key: 'b', cells: [b.totalCents, b.requestedCents, b.regionCents, b.privateCents, b.ownCents].map((x) => (x === undefined ? '—' : euros(x))) }]}
            />
          </section>
        );
      })}
      <H className="fr-h3">Employeurs partenaires</H>
      {p.data.partners.length === 0 ? (
        <p>Aucun.</p>
      ) : (
        <DataTable
          caption="Employeurs partenaires et leurs engagements"
          hideCaption
          headers={['Employeur', 'SIRET', 'Stages', 'Mentors', 'Jury', 'Embauches']}
          rows={p.data.partners.map((pa, i) => ({ key: String(i), cells: [pa.name, pa.siret ?? '—', String(pa.internships ?? 0), String(pa.mentors ?? 0), pa.jury ? 'Oui' : 'Non', String(pa.hires ?? 0)] }))}
        />
      )}
    </>
  );
}
