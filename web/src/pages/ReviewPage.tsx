import { useEffect, useState } from 'react';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { navigate } from '../router/history.ts';
import { callsApi, type ProposalDetail, type Reviews, type Score } from '../calls/api.ts';
import { score as fmtScore, size } from '../calls/labels.ts';
import { ProposalView } from '../calls/ProposalView.tsx';
import { fieldId, LoadError, Outcome, ProblemList, TextField, useAction, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

const SEGMENTS = [{ label: 'Dossiers à évaluer', href: '/instruction' }];

/** A reviewer's page of one assigned proposal: the proposal, the scoring form, then the others' reviews. */
export function ReviewPage({ params }: { params: Record<string, string> }) {
  return (
    <RequireSession title="Évaluation d’un dossier" roles={['reviewer']} segments={SEGMENTS}>
      {() => <Review id={params.id ?? ''} />}
    </RequireSession>
  );
}

function Review({ id }: { id: string }) {
  const proposal = useReload(`proposal:${id}`, (signal) => callsApi.proposal(id, signal)).state;
  const { state, reload } = useReload(`reviews:${id}`, (signal) => callsApi.reviews(id, signal));
  const p = proposal.data;
  return (
    <ContentPage title={p ? `Évaluation : ${p.title}` : 'Évaluation d’un dossier'} width="full" segments={SEGMENTS}>
      {proposal.status === 'error' && <LoadError error={proposal.error} />}
      {p && (
        <p>
          Organisme : <strong>{p.provider.name}</strong> · appel : {p.call.title}
        </p>
      )}
      {p && state.data && <ScoreForm p={p} reviews={state.data} onChanged={reload} />}
      {state.data && <OthersReviews reviews={state.data} />}
      {p && (
        <>
          <ProposalView p={p} />
          <h2 className="fr-h3">Pièces jointes</h2>
          <ul>
            {p.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/api/proposals/${p.id}/attachments/${a.id}`} download>
                  {a.kindLabel} : {a.fileName} ({size(a.byteSize)})
                </a>
              </li>
            ))}
          </ul>
          <Recuse id={p.id} />
        </>
      )}
    </ContentPage>
  );
}

function ScoreForm({ p, reviews, onChanged }: { p: ProposalDetail; reviews: Reviews; onChanged: () => void }) {
  const mine = reviews.reviews.find((r) => r.own);
  const [scores, setScores] = useState<Record<string, { score: number | undefined; comment: string }>>({});
  const save = useAction();
  const submit = useAction();
  useEffect(() => {
    const init: Record<string, { score: number | undefined; comment: string }> = {};
    for (const c of reviews.grid) {
      const s = mine?.scores?.find((x) => x.criterion === c.code);
      init[c.code] = { score: s?.score, comment: s?.comment ?? '' };
    }
    setScores(init);
  }, [mine?.id, mine?.status]);
  if (!mine) return null;
  const submitted = mine.status === 'submitted';
  const list = (): Score[] =>
    reviews.grid.filter((c) => scores[c.code]?.score !== undefined).map((c) => ({ criterion: c.code, score: scores[c.code]!.score!, comment: scores[c.code]!.comment }));
  // the server names problems by criterion code (scores.<code>) or by position in the list sent (scores.<i>.score)
  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...save.errors, ...submit.errors })) {
    const m = /^scores\.(\d+)\.(\w+)$/.exec(k);
    const code = m ? list()[Number(m[1])]?.criterion : k.replace(/^scores\./, '').split('.')[0];
    if (code) errors[`score.${code}${k.endsWith('.comment') ? '.comment' : ''}`] = v;
  }
  const problems = Object.entries(errors).map(([field, message]) => ({ field, message }));
  return (
    <section aria-labelledby="ma-note" className="fr-mb-6w">
      <h2 id="ma-note" className="fr-h3">
        Mon évaluation {submitted && '(remise)'}
      </h2>
      <p>Notez chaque critère de 0 (insuffisant) à 5 (excellent) et justifiez chaque note.</p>
      <ProblemList title="L’évaluation n’est pas complète" problems={problems} focusKey={submit.attempt} />
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await submit.run(() => callsApi.submitReview(p.id, list()), 'Votre évaluation est remise. Les évaluations des autres instructeur·rices sont maintenant visibles.')) onChanged();
        }}
      >
        {reviews.grid.map((c) => {
          const v = scores[c.code] ?? { score: undefined, comment: '' };
          const legendId = `crit-${c.code}`;
          return (
            <fieldset key={c.code} className="app-calls-fieldset" aria-labelledby={legendId}>
              <legend id={legendId}>
                {c.label} (poids {c.weight})
              </legend>
              <fieldset className="fr-fieldset" id={fieldId(`score.${c.code}`)} tabIndex={-1}>
                <legend className="fr-fieldset__legend fr-fieldset__legend--regular">Note pour « {c.label} »</legend>
                {[0, 1, 2, 3, 4, 5].map((n) => (
                  <div key={n} className="fr-fieldset__element fr-fieldset__element--inline">
                    <div className="fr-radio-group">
                      <input
                        type="radio"
                        id={`note-${c.code}-${n}`}
                        name={`note-${c.code}`}
                        checked={v.score === n}
                        disabled={submitted}
                        onChange={() => setScores({ ...scores, [c.code]: { ...v, score: n } })}
                      />
                      <label className="fr-label" htmlFor={`note-${c.code}-${n}`}>
                        {n}
                      </label>
                    </div>
                  </div>
                ))}
                {errors[`score.${c.code}`] && <p className="fr-message fr-message--error">{errors[`score.${c.code}`]}</p>}
              </fieldset>
              <TextField path={`score.${c.code}.comment`} label={`Commentaire sur « ${c.label} »`} multiline disabled={submitted} value={v.comment} onChange={(x) => setScores({ ...scores, [c.code]: { ...v, comment: x } })} errors={errors} />
            </fieldset>
          );
        })}
        {!submitted && (
          <div className="app-calls-actions">
            <button type="button" className="fr-btn fr-btn--secondary" disabled={save.busy} onClick={() => void save.run(() => callsApi.saveReview(p.id, list()), 'Brouillon de l’évaluation enregistré.')}>
              Enregistrer le brouillon
            </button>
            <button type="submit" className="fr-btn" disabled={submit.busy}>
              Remettre mon évaluation
            </button>
          </div>
        )}
        <Outcome message={submit.message ?? save.message} error={submit.error ?? save.error} />
      </form>
    </section>
  );
}

function OthersReviews({ reviews }: { reviews: Reviews }) {
  const others = reviews.reviews.filter((r) => !r.own);
  return (
    <section aria-labelledby="autres" className="fr-mb-6w">
      <h2 id="autres" className="fr-h3">
        Les autres évaluations
      </h2>
      {reviews.hidden ? (
        <p>Les notes des autres instructeur·rices s’afficheront quand vous aurez remis votre évaluation.</p>
      ) : others.length === 0 ? (
        <p>Aucune autre évaluation.</p>
      ) : (
        <DataTable
          caption="Évaluations des autres instructeur·rices"
          headers={['Instructeur·rice', 'État', 'Note pondérée', ...reviews.grid.map((c) => c.label)]}
          rows={others.map((r) => ({
            key: r.id,
            cells: [
              r.reviewer,
              r.statusLabel,
              fmtScore(r.weightedScore),
              ...reviews.grid.map((c) => {
                const s = r.scores?.find((x) => x.criterion === c.code);
                return s ? `${s.score} — ${s.comment}` : '—';
              }),
            ],
          }))}
        />
      )}
    </section>
  );
}

function Recuse({ id }: { id: string }) {
  const [motive, setMotive] = useState('');
  const action = useAction();
  return (
    <section aria-labelledby="deport" className="fr-mt-6w">
      <h2 id="deport" className="fr-h4">
        Conflit d’intérêts
      </h2>
      <p>Si vous avez un lien avec cet organisme, déportez-vous : le dossier vous sera retiré et le lien enregistré.</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await action.run(() => callsApi.recuse(id, motive))) navigate('/instruction');
        }}
      >
        <TextField path="motive" label="Nature du lien" value={motive} onChange={setMotive} errors={action.errors} />
        <button type="submit" className="fr-btn fr-btn--tertiary" disabled={action.busy}>
          Me déporter de ce dossier
        </button>
        <Outcome message={null} error={action.error} />
      </form>
    </section>
  );
}
