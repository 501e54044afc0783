import { useId, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { formatDateRange } from '../format/dates.ts';
import { announce } from '../router/announcer.ts';
import { Link } from '../router/Link.tsx';
import { admissionsApi, type AdmissionItem, type CandidateAdmissions } from './api.ts';
import './admissions.css';

/**
 * The candidate's offers and waiting positions (mounted on « Mes vœux »): answer each offer before
 * its deadline, see the call rank, the last call rank offered and why, and opt in to the automatic
 * responder. `onChanged` lets the page reload the wishes after an answer.
 */
export function CandidateOffers({ onChanged, reloadKey = 0 }: { onChanged?: () => void; /** changes when the page changed the wishes (order, withdrawal) */ reloadKey?: number }) {
  const [version, setVersion] = useState(0);
  const state = useApi(`candidate-admissions-${version}-${reloadKey}`, (signal) => admissionsApi.mine(signal));
  if (!state.data) {
    if (state.status === 'error') return <Alert severity="error" small className="fr-mb-3w" description={state.error.message} />;
    return null;
  }
  return (
    <OffersView
      data={state.data}
      onChanged={() => {
        setVersion((v) => v + 1);
        onChanged?.();
      }}
    />
  );
}

function OffersView({ data, onChanged }: { data: CandidateAdmissions; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = data.items.filter((i) => i.offer?.status === 'pending');
  const accepted = data.items.filter((i) => i.offer?.status === 'accepted');
  const waiting = data.items.filter((i) => !i.offer && i.waitingPlace > 0);
  const closed = data.items.filter((i) => i.offer && i.offer.status !== 'pending' && i.offer.status !== 'accepted');
  const autoId = useId();

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      announce(done);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'La réponse n’a pas été enregistrée.');
    } finally {
      setBusy(false);
    }
  }

  if (data.items.length === 0 && !data.autoResponder) return null;

  return (
    <section aria-labelledby="propositions" className="fr-mb-6w">
      <h2 id="propositions" className="fr-h4">
        Propositions d’admission
      </h2>
      <div role="status" aria-live="polite">
        {error && <Alert severity="error" small className="fr-mb-3w" description={error} />}
      </div>

      <div className="fr-checkbox-group fr-mb-3w">
        <input
          type="checkbox"
          id={autoId}
          checked={data.autoResponder}
          disabled={busy}
          onChange={(e) => run(() => admissionsApi.autoResponder(e.target.checked), e.target.checked ? 'Réponse automatique activée.' : 'Réponse automatique désactivée.')}
          aria-describedby={`${autoId}-hint`}
        />
        <label className="fr-label" htmlFor={autoId}>
          Répondre automatiquement selon l’ordre de mes vœux
          <span className="fr-hint-text" id={`${autoId}-hint`}>
            Chaque jour, la plateforme accepte pour vous la proposition du vœu que vous préférez, refuse les propositions moins bien placées
            et retire les vœux en attente moins bien placés. Vos vœux en attente mieux placés restent en attente.
          </span>
        </label>
      </div>

      {pending.length > 0 && (
        <>
          <h3 className="fr-h6">À répondre avant la date limite</h3>
          <ul className="app-wish-list">
            {pending.map((item) => (
              <li key={item.wishId} className="app-wish app-offer">
                <OfferHeading item={item} />
                <p className="fr-mb-1w">
                  <strong>Répondez avant le {item.offer!.deadlineLabel}.</strong> Sans réponse, la proposition est considérée comme refusée.
                </p>
                <CallRankLine item={item} />
                <Explanation item={item} />
                <PendingActions item={item} busy={busy} onAccept={(withdraw) => run(() => admissionsApi.accept(item.offer!.id, withdraw), `Proposition « ${item.trainingTitle} » acceptée.`)} onDecline={() => run(() => admissionsApi.decline(item.offer!.id), `Proposition « ${item.trainingTitle} » refusée.`)} />
              </li>
            ))}
          </ul>
        </>
      )}

      {accepted.map((item) => (
        <div key={item.wishId} className="app-wish app-offer app-offer--accepted fr-mb-3w">
          <OfferHeading item={item} />
          <p className="fr-mb-1w">
            Vous avez accepté cette proposition{item.offer!.answeredBy === 'auto_responder' ? ' (réponse automatique)' : ''}. Si une proposition
            arrive pour un vœu que vous avez gardé en attente, l’accepter libérera cette place. Au début de la session, votre inscription et la
            demande d’aide Grande École du Numérique se font sur la page <Link href="/apprenant/inscriptions">Mes inscriptions et l’aide GEN</Link>.
          </p>
          <CallRankLine item={item} />
          <Explanation item={item} />
          <RenounceAction item={item} busy={busy} onConfirm={() => run(() => admissionsApi.renounce(item.offer!.id), `Place « ${item.trainingTitle} » abandonnée.`)} />
        </div>
      ))}

      {waiting.length > 0 && (
        <>
          <h3 className="fr-h6">Vœux en liste d’attente</h3>
          <ul className="app-wish-list">
            {waiting.map((item) => (
              <li key={item.wishId} className="app-wish app-wish--inactive">
                <p className="fr-text--bold fr-mb-1w">{item.trainingTitle}</p>
                <p className="fr-mb-1w">{item.waiting}</p>
                <Explanation item={item} />
              </li>
            ))}
          </ul>
        </>
      )}

      {closed.length > 0 && (
        <details className="app-wish-history fr-mb-2w">
          <summary>Propositions terminées ({closed.length})</summary>
          <ul>
            {closed.map((item) => (
              <li key={item.wishId}>
                {item.trainingTitle} : {item.offer!.statusLabel.toLowerCase()}
                {item.offer!.answeredBy === 'auto_responder' ? ' (réponse automatique)' : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function OfferHeading({ item }: { item: AdmissionItem }) {
  return (
    <>
      <p className="fr-text--bold fr-mb-1w">
        {item.trainingTitle}{' '}
        <Badge severity={item.offer?.status === 'accepted' ? 'success' : 'new'} small noIcon>
          {item.offer?.statusLabel ?? ''}
        </Badge>
      </p>
      <p className="fr-mb-1w">
        Session {formatDateRange(item.startsOn, item.endsOn)}
        {item.preference > 0 ? ` – votre vœu n° ${item.preference}` : ''}
      </p>
    </>
  );
}

/** The call rank beside the provider's ranking, and the constraints that moved it (shown on every offer). */
function CallRankLine({ item }: { item: AdmissionItem }) {
  if (item.callRank === null) return null;
  const earlier = item.movedBy.filter((m) => m.effect === 'earlier').map((m) => m.label);
  const later = item.movedBy.filter((m) => m.effect === 'later').map((m) => m.label);
  return (
    <p className="fr-mb-1w">
      Rang d’appel : <strong>{item.callRank}</strong>
      {item.rank !== null && <> (rang dans le classement de l’organisme : {item.rank})</>}
      {earlier.length > 0 && <> – appelé·e plus tôt au titre du public prioritaire {earlier.map((l) => `« ${l} »`).join(' et ')}</>}
      {later.length > 0 && <> – des personnes classées après vous ont été appelées avant, au titre de {later.map((l) => `« ${l} »`).join(' et ')}</>}.
    </p>
  );
}

function Explanation({ item }: { item: AdmissionItem }) {
  if (!item.explanation) return null;
  return (
    <details className="app-wish-history fr-mb-1w">
      <summary>
        Pourquoi ce rang d’appel ?<span className="fr-sr-only"> « {item.trainingTitle} »</span>
      </summary>
      <p className="fr-mt-1w fr-mb-0">{item.explanation}</p>
      {item.lastOfferedCallRank > 0 && <p className="fr-mb-0">Dernier rang d’appel ayant reçu une proposition dans cette session : {item.lastOfferedCallRank}.</p>}
    </details>
  );
}

function PendingActions({ item, busy, onAccept, onDecline }: { item: AdmissionItem; busy: boolean; onAccept: (withdrawWorse: boolean) => void; onDecline: () => void }) {
  const [mode, setMode] = useState<'none' | 'accept' | 'decline'>('none');
  const [withdrawWorse, setWithdrawWorse] = useState(false);
  const id = useId();
  if (mode === 'accept') {
    return (
      <form
        className="app-panel fr-mt-2w"
        aria-label={`Accepter la proposition « ${item.trainingTitle} »`}
        onSubmit={(e) => {
          e.preventDefault();
          onAccept(withdrawWorse);
        }}
      >
        <p className="fr-text--bold">Accepter cette proposition ? Vos autres propositions en attente seront refusées.</p>
        <div className="fr-checkbox-group fr-mb-2w">
          <input type="checkbox" id={id} checked={withdrawWorse} onChange={(e) => setWithdrawWorse(e.target.checked)} />
          <label className="fr-label" htmlFor={id}>
            Retirer aussi mes vœux en attente moins bien placés que celui-ci
            <span className="fr-hint-text">Les vœux gardés en attente sont ceux que vous préféreriez à cette proposition.</span>
          </label>
        </div>
        <div className="app-inline-actions">
          <button type="submit" className="fr-btn fr-btn--sm" disabled={busy}>
            Confirmer l’acceptation
          </button>
          <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setMode('none')}>
            Annuler
          </button>
        </div>
      </form>
    );
  }
  if (mode === 'decline') {
    return (
      <div className="app-panel fr-mt-2w" role="group" aria-label={`Refuser la proposition « ${item.trainingTitle} »`}>
        <p className="fr-text--bold">Refuser cette proposition ? La place sera proposée à une autre personne ; ce choix est définitif.</p>
        <div className="app-inline-actions">
          <button type="button" className="fr-btn fr-btn--sm" disabled={busy} onClick={onDecline}>
            Confirmer le refus
          </button>
          <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setMode('none')}>
            Annuler
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="app-wish__actions">
      <button type="button" className="fr-btn fr-btn--sm" disabled={busy} onClick={() => setMode('accept')}>
        Accepter<span className="fr-sr-only"> la proposition « {item.trainingTitle} »</span>
      </button>
      <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" disabled={busy} onClick={() => setMode('decline')}>
        Refuser<span className="fr-sr-only"> la proposition « {item.trainingTitle} »</span>
      </button>
    </div>
  );
}

function RenounceAction({ item, busy, onConfirm }: { item: AdmissionItem; busy: boolean; onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-1w" disabled={busy} onClick={() => setOpen(true)}>
        Renoncer à cette place<span className="fr-sr-only"> « {item.trainingTitle} »</span>
      </button>
    );
  }
  return (
    <div className="app-panel fr-mt-2w" role="group" aria-label={`Renoncer à la place « ${item.trainingTitle} »`}>
      <p className="fr-text--bold">Renoncer à cette place ? Elle sera proposée à une autre personne ; ce choix est définitif.</p>
      <div className="app-inline-actions">
        <button type="button" className="fr-btn fr-btn--sm" disabled={busy} onClick={onConfirm}>
          Confirmer
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setOpen(false)}>
          Annuler
        </button>
      </div>
    </div>
  );
}
