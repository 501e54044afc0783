import { useState } from 'react';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Link } from '../router/Link.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { callsApi, type Evidence, type GrantDetail } from '../calls/api.ts';
import { dateTime, day, euros, LABEL_STATUS, size, TRANCHE_STATUS } from '../calls/labels.ts';
import { Badge, Facts, fieldId, LoadError, Outcome, SelectField, TextField, useAction, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

const TITLE = 'Conventions et versements';

/** Grants: the operator's (with committed vs paid vs remaining), a provider's own, a funder's funded. */
export function GrantsPage() {
  return <RequireSession title={TITLE} roles={['operator', 'provider', 'funder']}>{({ active }) => <Grants role={active!.role} />}</RequireSession>;
}

function Grants({ role }: { role: string }) {
  const { state } = useReload('grants', (signal) => callsApi.grants(signal));
  const finance = useReload(role === 'provider' ? null : 'finance', (signal) => callsApi.finance(signal)).state;
  return (
    <ContentPage title={TITLE} width="full" lead="Aucun versement sans justificatifs approuvés : l’organisme dépose ses justificatifs par versement, l’opérateur les approuve ou les retourne avec un motif, puis paie.">
      {finance.data && (
        <>
          <h2 className="fr-h3">Engagé, payé, reste à payer</h2>
          <DataTable
            caption="Suivi financier par appel"
            headers={['Appel', 'Enveloppe', 'Engagé', 'Approuvé à payer', 'Payé', 'Reste à payer', 'Enveloppe non engagée']}
            rows={finance.data.byCall.map((c) => ({
              key: c.callId,
              cells: [c.title, euros(c.envelopeCents), euros(c.committedCents), euros(c.approvedCents), euros(c.paidCents), euros(c.remainingCents), euros(c.envelopeLeftCents)],
            }))}
          />
          <DataTable
            caption="Suivi financier par financeur"
            headers={['Financeur', 'Conventions', 'Engagé', 'Payé', 'Reste à payer']}
            rows={finance.data.byFunder.map((f) => ({ key: f.funderId ?? 'etat', cells: [f.name, String(f.grants), euros(f.committedCents), euros(f.paidCents), euros(f.remainingCents)] }))}
          />
        </>
      )}
      <h2 className="fr-h3">Conventions</h2>
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.data && state.data.length === 0 && <p>Aucune convention.</p>}
      {state.data && state.data.length > 0 && (
        <DataTable
          caption="Conventions de subvention d’amorçage"
          hideCaption
          headers={['Formation', 'Organisme', 'Appel', 'Montant', 'Versé', 'À examiner', 'À payer']}
          rows={state.data.map((g) => ({
            key: g.id,
            cells: [
              <Link key="l" href={`/conventions/${g.id}`}>
                {g.trainingTitle}
              </Link>,
              g.providerName,
              g.callTitle,
              euros(g.amountCents),
              euros(g.paidCents),
              String(g.toReview),
              String(g.toPay),
            ],
          }))}
        />
      )}
    </ContentPage>
  );
}

/** One grant: its tranches, the evidence of each, and what the role may do with it. */
export function GrantPage({ params }: { params: Record<string, string> }) {
  return (
    <RequireSession title="Convention" roles={['operator', 'provider', 'funder']} segments={[{ label: TITLE, href: '/conventions' }]}>
      {() => <Grant id={params.id ?? ''} />}
    </RequireSession>
  );
}

function Grant({ id }: { id: string }) {
  const { state, reload } = useReload(`grant:${id}`, (signal) => callsApi.grant(id, signal));
  const g = state.data;
  return (
    <ContentPage title={g ? `Convention : ${g.trainingTitle}` : 'Convention'} width="full" segments={[{ label: TITLE, href: '/conventions' }]}>
      {state.status === 'error' && <LoadError error={state.error} />}
      {g && (
        <>
          <Facts
            items={[
              ['Organisme', g.providerName],
              ['Appel', g.callTitle],
              ['Financeur', g.funderName],
              ['Subvention d’amorçage', euros(g.amountCents)],
              ['Label', g.label ? `${LABEL_STATUS[g.label.status]}, valable jusqu’au ${day(g.label.validUntil)}` : 'aucun label en cours'],
            ]}
          />
          <p>
            <Link href={`/formations/${g.trainingId}`}>Page publique de la formation</Link>
          </p>
          {g.tranches.map((t) => (
            <Tranche key={t.id} g={g} trancheId={t.id} onChanged={reload} />
          ))}
        </>
      )}
    </ContentPage>
  );
}

const KINDS: { value: Evidence['kind']; label: string }[] = [
  { value: 'attendance', label: 'Feuilles d’émargement' },
  { value: 'invoices', label: 'Factures acquittées' },
  { value: 'report', label: 'Rapport d’activité' },
  { value: 'other', label: 'Autre justificatif' },
];

function Tranche({ g, trancheId, onChanged }: { g: GrantDetail; trancheId: string; onChanged: () => void }) {
  const t = g.tranches.find((x) => x.id === trancheId)!;
  const { active } = useSession();
  const role = active?.role;
  const action = useAction();
  const [kind, setKind] = useState<Evidence['kind']>('attendance');
  const [file, setFile] = useState<File | null>(null);
  const [motive, setMotive] = useState('');
  const [reference, setReference] = useState('');
  const headingId = `versement-${t.id}`;
  const fileId = fieldId(`file-${t.id}`);
  return (
    <section aria-labelledby={headingId} className="app-calls-fieldset">
      <h2 className="fr-h4" id={headingId}>
        Versement {t.position} : {t.label} — {euros(t.amountCents)}{' '}
        <Badge severity={t.status === 'paid' ? 'success' : t.status === 'approved' ? 'info' : t.status === 'evidence_submitted' ? 'new' : undefined}>{TRANCHE_STATUS[t.status]}</Badge>
      </h2>
      {t.returnMotive && t.status === 'planned' && (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
          <p>Justificatifs retournés : {t.returnMotive}</p>
        </div>
      )}
      {t.paidAt && (
        <p>
          Payé le {dateTime(t.paidAt)} (référence {t.paymentReference}).
        </p>
      )}
      {t.evidence.length > 0 ? (
        <ul>
          {t.evidence.map((e) => (
            <li key={e.id}>
              <a href={`/api/grants/${g.id}/tranches/${t.id}/evidence/${e.id}`} download>
                {e.kindLabel} : {e.fileName}
              </a>{' '}
              ({size(e.byteSize)}, déposé le {dateTime(e.uploadedAt)})
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun justificatif déposé.</p>
      )}

      {role === 'provider' && t.status === 'planned' && (
        <>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (file && (await action.run(() => callsApi.uploadEvidence(g.id, t.id, kind, file), `« ${file.name} » est déposé.`))) {
                setFile(null);
                onChanged();
              }
            }}
          >
            <div className="app-calls-grid">
              <SelectField path={`kind-${t.id}`} label={`Type de justificatif (versement ${t.position})`} value={kind} onChange={(v) => setKind(v as Evidence['kind'])} options={KINDS} />
              <div className={`fr-upload-group${action.errors.file ? ' fr-upload-group--error' : ''}`}>
                <label className="fr-label" htmlFor={fileId}>
                  Justificatif du versement {t.position}
                  <span className="fr-hint-text">PDF uniquement, 10 Mo au plus.</span>
                </label>
                <input className="fr-upload" type="file" id={fileId} accept="application/pdf,.pdf" aria-describedby={action.errors.file ? `${fileId}-error` : undefined} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
                {action.errors.file && (
                  <p className="fr-error-text" id={`${fileId}-error`}>
                    {action.errors.file}
                  </p>
                )}
              </div>
            </div>
            <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm" disabled={!file || action.busy}>
              Déposer le justificatif<span className="fr-sr-only"> du versement {t.position}</span>
            </button>
          </form>
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-mt-2w"
            disabled={action.busy || t.evidence.length === 0}
            onClick={async () => (await action.run(() => callsApi.submitEvidence(g.id, t.id), 'Justificatifs transmis à l’opérateur.')) && onChanged()}
          >
            Transmettre les justificatifs du versement {t.position}
          </button>
        </>
      )}

      {role === 'operator' && t.status === 'evidence_submitted' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <TextField path={`motive-${t.id}`} label={`Motif du retour (versement ${t.position})`} hint="Obligatoire pour retourner les justificatifs ; il est envoyé à l’organisme." multiline value={motive} onChange={setMotive} errors={action.errors.motive ? { [`motive-${t.id}`]: action.errors.motive } : {}} />
          <div className="app-calls-actions">
            <button type="button" className="fr-btn" disabled={action.busy} onClick={async () => (await action.run(() => callsApi.reviewEvidence(g.id, t.id, 'approve', motive), 'Justificatifs approuvés.')) && onChanged()}>
              Approuver les justificatifs du versement {t.position}
            </button>
            <button type="button" className="fr-btn fr-btn--secondary" disabled={action.busy} onClick={async () => (await action.run(() => callsApi.reviewEvidence(g.id, t.id, 'return', motive), 'Justificatifs retournés à l’organisme.')) && onChanged()}>
              Retourner avec un motif
            </button>
          </div>
        </form>
      )}

      {role === 'operator' && t.status === 'approved' && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (await action.run(() => callsApi.pay(g.id, t.id, reference), 'Versement marqué payé.')) onChanged();
          }}
        >
          <TextField path={`reference-${t.id}`} label={`Référence du paiement (versement ${t.position})`} value={reference} onChange={setReference} errors={action.errors.reference ? { [`reference-${t.id}`]: action.errors.reference } : {}} />
          <button type="submit" className="fr-btn" disabled={action.busy}>
            Marquer le versement {t.position} payé
          </button>
        </form>
      )}
      {role === 'operator' && t.status === 'planned' && <p className="fr-hint-text">En attente des justificatifs de l’organisme : ce versement ne peut pas être payé.</p>}
      <Outcome message={action.message} error={action.errors.file || action.errors.motive || action.errors.reference ? null : action.error} />
    </section>
  );
}
