import { useState } from 'react';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { plural } from '../format/numbers.ts';
import { Link } from '../router/Link.tsx';
import { callsApi, type CallProposal, type ProposalDetail, type Reviewer } from '../calls/api.ts';
import { euros, PROPOSAL_STATUS, score } from '../calls/labels.ts';
import { ProposalView } from '../calls/ProposalView.tsx';
import { Badge, Facts, fieldId, LoadError, Outcome, TextField, useAction, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

const callSegments = (callId: string) => [
  { label: 'Appels à projets (gestion)', href: '/operateur/appels' },
  { label: 'Appel', href: `/operateur/appels/${callId}` },
];

// ---- assignment ---------------------------------------------------------------------------------

/** The operator gives each filed proposal at least two reviewers without a conflict of interest. */
export function AssignmentPage({ params }: { params: Record<string, string> }) {
  return (
    <RequireSession title="Instructeur·rices des dossiers" roles={['operator']} segments={callSegments(params.id ?? '')}>
      {() => <Assignment callId={params.id ?? ''} />}
    </RequireSession>
  );
}

function Assignment({ callId }: { callId: string }) {
  const { state, reload } = useReload(`call-proposals:${callId}`, (signal) => callsApi.callProposals(callId, signal));
  const reviewers = useReload('reviewers', (signal) => callsApi.reviewers(signal)).state;
  return (
    <ContentPage title="Instructeur·rices des dossiers" width="full" segments={callSegments(callId)} lead="Confiez chaque dossier à au moins deux instructeur·rices. Une personne liée à l’organisme (conflit déclaré, ancien membre) ne peut pas l’évaluer.">
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.data && state.data.length === 0 && <p>Aucun dossier déposé sur cet appel.</p>}
      {state.data && reviewers.data && (
        <ul style={{ listStyle: 'none', paddingInlineStart: 0 }}>
          {state.data.map((p) => (
            <li key={p.id} className="fr-mb-3w">
              <AssignRow p={p} reviewers={reviewers.data!} onChanged={reload} />
            </li>
          ))}
        </ul>
      )}
    </ContentPage>
  );
}

function AssignRow({ p, reviewers, onChanged }: { p: CallProposal; reviewers: Reviewer[]; onChanged: () => void }) {
  const current = p.reviewers.filter((r) => r.status !== 'recused').map((r) => r.userId);
  const [chosen, setChosen] = useState<string[]>(current);
  const action = useAction();
  const editable = p.status === 'submitted' || p.status === 'in_review';
  const legendId = `assign-${p.id}`;
  return (
    <form
      className="app-calls-fieldset"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await action.run(() => callsApi.assign(p.id, chosen), 'Instructeur·rices enregistré·es : chacun·e a reçu un message.')) onChanged();
      }}
    >
      <h2 className="fr-h5" id={legendId}>
        {p.title} <Badge>{PROPOSAL_STATUS[p.status]}</Badge>
      </h2>
      <p>
        {p.providerName} · {euros(p.requestedCents)} demandés ·{' '}
        {p.reviewers.length === 0 ? 'aucun·e instructeur·rice' : p.reviewers.map((r) => `${r.name} (${r.status === 'submitted' ? 'évaluation remise' : r.status === 'recused' ? 'déporté·e' : 'à évaluer'})`).join(', ')}
      </p>
      {editable && (
        <fieldset className="fr-fieldset" aria-labelledby={legendId} id={fieldId(`reviewerIds-${p.id}`)}>
          {reviewers.map((r) => {
            const conflict = r.conflictOrganisationIds.includes(p.providerId);
            const id = `rev-${p.id}-${r.userId}`;
            return (
              <div key={r.userId} className="fr-fieldset__element">
                <div className="fr-checkbox-group">
                  <input
                    type="checkbox"
                    id={id}
                    checked={chosen.includes(r.userId)}
                    disabled={conflict}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, r.userId] : chosen.filter((x) => x !== r.userId))}
                  />
                  <label className="fr-label" htmlFor={id}>
                    {r.name}
                    {conflict && <span className="fr-hint-text">Conflit d’intérêts déclaré avec cet organisme</span>}
                  </label>
                </div>
              </div>
            );
          })}
        </fieldset>
      )}
      {editable && (
        <button type="submit" className="fr-btn fr-btn--sm" disabled={action.busy}>
          Confier le dossier<span className="fr-sr-only"> « {p.title} »</span>
        </button>
      )}
      <Outcome message={action.message} error={action.error} />
    </form>
  );
}

// ---- committee ----------------------------------------------------------------------------------

/** The committee's view: ranking, disagreement, cumulative line against the envelope, territorial spread. */
export function CommitteePage({ params }: { params: Record<string, string> }) {
  return (
    <RequireSession title="Vue du comité" roles={['operator']} segments={callSegments(params.id ?? '')}>
      {() => <Committee callId={params.id ?? ''} />}
    </RequireSession>
  );
}

function Committee({ callId }: { callId: string }) {
  const { state } = useReload(`committee:${callId}`, (signal) => callsApi.committee(callId, signal));
  const v = state.data;
  return (
    <ContentPage title={v ? `Comité : ${v.call.title}` : 'Vue du comité'} width="full" segments={callSegments(callId)}>
      {state.status === 'error' && <LoadError error={state.error} />}
      {v && (
        <>
          <Facts
            items={[
              ['Enveloppe', euros(v.call.envelopeCents)],
              ['Demandé (tous dossiers)', `${euros(v.totals.requestedCents)} pour ${plural(v.totals.trainings, 'formation', 'formations')} dans ${plural(v.totals.proposals, 'dossier', 'dossiers')}`],
              ['Accordé', euros(v.totals.acceptedCents)],
              ['Reste sur l’enveloppe', euros(v.totals.remainingEnvelopeCents)],
            ]}
          />
          <p>
            <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/calls/${callId}/ranking.csv`} download>
              Exporter le classement (CSV)
            </a>
          </p>
          <DataTable
            caption="Classement des dossiers par note moyenne pondérée"
            headers={['Rang', 'Dossier', 'Organisme', 'Note moyenne', 'Évaluations', 'Désaccord', 'Demandé', 'Cumul', 'Enveloppe', 'Décisions']}
            rows={v.rows.map((r) => ({
              key: r.proposalId,
              cells: [
                String(r.rank),
                <Link key="l" href={`/operateur/dossiers/${r.proposalId}`}>
                  {r.title}
                </Link>,
                r.providerName,
                score(r.mean),
                `${r.reviewsSubmitted} / ${r.reviewsAssigned}`,
                r.disagreement ? (
                  <Badge key="d" severity="warning">
                    {r.disagreement}
                  </Badge>
                ) : (
                  '—'
                ),
                euros(r.requestedCents),
                euros(r.cumulativeCents),
                r.withinEnvelope ? 'Dans l’enveloppe' : <strong key="o">Au-delà</strong>,
                r.trainings.map((t) => (t.decision === 'accepted' ? 'acceptée' : t.decision === 'rejected' ? 'refusée' : 'à décider')).join(', '),
              ],
            }))}
          />
          <h2 className="fr-h3">Répartition territoriale</h2>
          <DataTable
            caption="Formations proposées et acceptées par région"
            headers={['Région', 'Formations proposées', 'Demandé', 'Acceptées', 'Accordé']}
            rows={v.spread.map((s) => ({ key: s.regionCode ?? 'inconnue', cells: [s.regionName, String(s.trainings), euros(s.requestedCents), String(s.accepted), euros(s.acceptedCents)] }))}
          />
        </>
      )}
    </ContentPage>
  );
}

// ---- decisions ----------------------------------------------------------------------------------

/** One proposal for the operator: its content, all its reviews, and the decision of each training. */
export function DecisionPage({ params }: { params: Record<string, string> }) {
  return (
    <RequireSession title="Décision sur un dossier" roles={['operator']} segments={[{ label: 'Appels à projets (gestion)', href: '/operateur/appels' }]}>
      {() => <Decision id={params.id ?? ''} />}
    </RequireSession>
  );
}

function Decision({ id }: { id: string }) {
  const { state, reload } = useReload(`proposal:${id}`, (signal) => callsApi.proposal(id, signal));
  const reviews = useReload(`reviews:${id}:${state.data?.status ?? ''}`, (signal) => callsApi.reviews(id, signal)).state;
  const p = state.data;
  const segments = p ? [...callSegments(p.call.id), { label: 'Vue du comité', href: `/operateur/appels/${p.call.id}/comite` }] : [];
  return (
    <ContentPage title={p ? `Décision : ${p.title}` : 'Décision sur un dossier'} width="full" segments={segments}>
      {state.status === 'error' && <LoadError error={state.error} />}
      {p && (
        <>
          <p>
            <Badge>{PROPOSAL_STATUS[p.status]}</Badge> {p.provider.name} · appel « {p.call.title} » ({p.call.statusLabel.toLowerCase()})
          </p>
          <h2 className="fr-h3">Évaluations</h2>
          {reviews.data && reviews.data.reviews.length > 0 ? (
            <DataTable
              caption="Évaluations du dossier"
              hideCaption
              headers={['Instructeur·rice', 'État', 'Note pondérée', ...reviews.data.grid.map((c) => `${c.label} (×${c.weight})`)]}
              rows={reviews.data.reviews.map((r) => ({
                key: r.id,
                cells: [
                  r.reviewer,
                  r.statusLabel,
                  score(r.weightedScore),
                  ...reviews.data!.grid.map((c) => {
                    const s = r.scores?.find((x) => x.criterion === c.code);
                    return s ? `${s.score} — ${s.comment}` : '—';
                  }),
                ],
              }))}
            />
          ) : (
            <p>Aucune évaluation.</p>
          )}
          <h2 className="fr-h3">Décisions par formation</h2>
          {p.trainings.map((t, i) => (
            <TrainingDecision key={t.id} p={p} index={i} onDecided={reload} />
          ))}
          <ProposalView p={p} />
        </>
      )}
    </ContentPage>
  );
}

function TrainingDecision({ p, index, onDecided }: { p: ProposalDetail; index: number; onDecided: () => void }) {
  const t = p.trainings[index]!;
  const [decision, setDecision] = useState<'accepted' | 'rejected' | ''>('');
  const [motive, setMotive] = useState('');
  const action = useAction();
  const name = t.data.title || `Formation ${index + 1}`;
  const legendId = `decision-${t.id}`;
  if (t.decision) {
    return (
      <p>
        <strong>{name}</strong> : {t.decision === 'accepted' ? <Badge severity="success">Acceptée</Badge> : <Badge severity="error">Refusée</Badge>} {t.decisionMotive && `— ${t.decisionMotive}`}
        {t.trainingId && (
          <>
            {' '}
            · <Link href={`/formations/${t.trainingId}`}>page publique</Link>
          </>
        )}
      </p>
    );
  }
  return (
    <form
      className="app-calls-fieldset"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!decision) {
          action.setErrors({ [`decision-${t.id}`]: 'Choisissez : accepter ou refuser.' });
          return;
        }
        if (await action.run(() => callsApi.decide(p.id, t.id, decision, motive))) onDecided();
      }}
    >
      <fieldset className={`fr-fieldset${action.errors[`decision-${t.id}`] ? ' fr-fieldset--error' : ''}`} aria-labelledby={legendId} id={fieldId(`decision-${t.id}`)}>
        <legend className="fr-fieldset__legend" id={legendId}>
          {name} — {euros(t.data.budget?.requestedCents ?? 0)} demandés
        </legend>
        {(['accepted', 'rejected'] as const).map((d) => (
          <div key={d} className="fr-fieldset__element fr-fieldset__element--inline">
            <div className="fr-radio-group">
              <input type="radio" id={`${t.id}-${d}`} name={`decision-${t.id}`} checked={decision === d} onChange={() => setDecision(d)} />
              <label className="fr-label" htmlFor={`${t.id}-${d}`}>
                {d === 'accepted' ? `Accepter « ${name} »` : `Refuser « ${name} »`}
              </label>
            </div>
          </div>
        ))}
        {action.errors[`decision-${t.id}`] && <p className="fr-message fr-message--error">{action.errors[`decision-${t.id}`]}</p>}
      </fieldset>
      <TextField
        path={`motive-${t.id}`}
        label={`Motif de la décision sur « ${name} »`}
        hint="Obligatoire pour un refus ; il est envoyé à l’organisme."
        multiline
        value={motive}
        onChange={setMotive}
        errors={action.errors.motive ? { [`motive-${t.id}`]: action.errors.motive } : {}}
      />
      <button type="submit" className="fr-btn" disabled={action.busy}>
        Enregistrer la décision<span className="fr-sr-only"> sur « {name} »</span>
      </button>
      <Outcome message={action.message} error={action.error} />
    </form>
  );
}
