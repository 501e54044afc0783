import { useEffect, useRef, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { candidatesApi, type Wish } from '../candidates/api.ts';
import { CandidateOffers } from '../admissions/CandidateOffers.tsx';
import { CandidateNav } from '../candidates/CandidateNav.tsx';
import { formatInstant, MAX_ACTIVE_WISHES, WISH_BADGE } from '../candidates/labels.ts';
import { WishHistory } from '../candidates/WishHistory.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { formatDateRange } from '../format/dates.ts';
import { useLocation } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { announce } from '../router/announcer.ts';
import { ErrorPage } from './ErrorPage.tsx';
import '../account/account.css';
import '../candidates/candidates.css';

const TITLE = 'Mes vœux';

export function CandidateWishesPage() {
  return (
    <RequireSession title={TITLE} roles={['candidate']}>
      {() => <WishesLoader />}
    </RequireSession>
  );
}

function WishesLoader() {
  const state = useApi('own-wishes', (signal) => candidatesApi.wishes(signal));
  if (state.status === 'error' && !state.data) return <ErrorPage message={state.error.message} />;
  if (!state.data) return <PageLoading label="Chargement de vos vœux…" />;
  return <WishesView initial={state.data} />;
}

/** Which button keeps the focus after a move (the list re-renders in the new order). */
type FocusTarget = { wishId: string; direction: 'up' | 'down' } | null;

function WishesView({ initial }: { initial: Wish[] }) {
  const { searchParams } = useLocation();
  const [wishes, setWishes] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<FocusTarget>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  // the offers section reloads when the wishes change here (their order, a withdrawal)
  const [wishesVersion, setWishesVersion] = useState(0);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const active = wishes.filter((w) => w.active);
  const others = wishes.filter((w) => !w.active);
  const sent = searchParams.get('envoye') === '1';

  useEffect(() => {
    if (!focus) return;
    const key = `${focus.wishId}-${focus.direction}`;
    const other = `${focus.wishId}-${focus.direction === 'up' ? 'down' : 'up'}`;
    const target = buttons.current.get(key);
    // at the top (or bottom) the button is disabled: keep the focus on the other one
    (target && !target.disabled ? target : buttons.current.get(other))?.focus();
    setFocus(null);
  }, [wishes]);

  async function move(index: number, delta: -1 | 1) {
    const ids = active.map((w) => w.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved!);
    setBusy(true);
    setError(null);
    try {
      const next = await candidatesApi.reorder(ids);
      setFocus({ wishId: moved!, direction: delta < 0 ? 'up' : 'down' });
      setWishes(next);
      setWishesVersion((v) => v + 1);
      const w = next.find((x) => x.id === moved)!;
      announce(`Vœu « ${w.training.title} » placé en position ${w.preference} sur ${ids.length}.`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Le classement n’a pas été enregistré.');
    } finally {
      setBusy(false);
    }
  }

  async function withdraw(wish: Wish, motive: string) {
    setBusy(true);
    setError(null);
    try {
      setWishes(await candidatesApi.withdraw(wish.id, motive));
      setWishesVersion((v) => v + 1);
      setWithdrawing(null);
      announce(`Vœu « ${wish.training.title} » retiré.`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Le retrait n’a pas abouti.');
    } finally {
      setBusy(false);
    }
  }

  const register = (key: string) => (el: HTMLButtonElement | null) => {
    if (el) buttons.current.set(key, el);
    else buttons.current.delete(key);
  };

  return (
    <ContentPage title={TITLE} width="full" segments={[{ label: 'Mon compte', href: '/compte' }]}>
      <CandidateNav current="/candidat/voeux" />
      {sent && <Alert severity="success" small className="fr-mb-3w" description="Votre candidature est envoyée. Un message de confirmation vous a été adressé." />}
      <p>
        Vous avez {active.length} vœu{active.length > 1 ? 'x' : ''} en cours sur {MAX_ACTIVE_WISHES} possibles. Classez-les par ordre de
        préférence : le premier est celui que vous préférez. Ce classement n’est pas montré aux organismes de formation.
      </p>
      <div role="status" aria-live="polite">
        {error && <Alert severity="error" small className="fr-mb-3w" description={error} />}
      </div>

      {/* offers, waiting positions and the automatic responder (admissions) */}
      <CandidateOffers reloadKey={wishesVersion} onChanged={() => void candidatesApi.wishes().then(setWishes, () => {})} />

      <section aria-labelledby="voeux-en-cours" className="fr-mb-6w">
        <h2 id="voeux-en-cours" className="fr-h4">
          Vœux en cours, par ordre de préférence
        </h2>
        {active.length === 0 ? (
          <p>
            Aucun vœu en cours. <Link href="/formations">Trouver une formation</Link> puis choisissez « Candidater » sur une session dont le
            recrutement est ouvert.
          </p>
        ) : (
          <ol className="app-wish-list">
            {active.map((w, i) => (
              <li key={w.id} className="app-wish">
                <WishSummary wish={w} rank={`Vœu n° ${w.preference}`} />
                <div className="app-wish__actions">
                  <button
                    ref={register(`${w.id}-up`)}
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-arrow-up-line fr-btn--icon-left"
                    disabled={busy || i === 0}
                    onClick={() => move(i, -1)}
                  >
                    Monter<span className="fr-sr-only"> le vœu « {w.training.title} »</span>
                  </button>
                  <button
                    ref={register(`${w.id}-down`)}
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-arrow-down-line fr-btn--icon-left"
                    disabled={busy || i === active.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    Descendre<span className="fr-sr-only"> le vœu « {w.training.title} »</span>
                  </button>
                  {w.status !== 'offered' && withdrawing !== w.id && (
                    <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" disabled={busy} onClick={() => setWithdrawing(w.id)}>
                      Retirer<span className="fr-sr-only"> le vœu « {w.training.title} »</span>
                    </button>
                  )}
                </div>
                {withdrawing === w.id && <WithdrawForm wish={w} busy={busy} onCancel={() => setWithdrawing(null)} onConfirm={(m) => withdraw(w, m)} />}
                <WishHistory events={w.history} title={w.training.title} />
              </li>
            ))}
          </ol>
        )}
      </section>

      {others.length > 0 && (
        <section aria-labelledby="voeux-termines">
          <h2 id="voeux-termines" className="fr-h4">
            Autres vœux
          </h2>
          <ul className="app-wish-list">
            {others.map((w) => (
              <li key={w.id} className="app-wish app-wish--inactive">
                <WishSummary wish={w} rank={null} />
                <WishHistory events={w.history} title={w.training.title} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </ContentPage>
  );
}

function WishSummary({ wish, rank }: { wish: Wish; rank: string | null }) {
  return (
    <>
      <h3 className="fr-h6 fr-mb-1w">
        {rank && <span className="app-wish__rank">{rank} : </span>}
        <Link href={`/formations/${encodeURIComponent(wish.training.id)}`}>{wish.training.title}</Link>
      </h3>
      <p className="fr-mb-1w">
        {wish.training.providerName} – {wish.training.communeName}, session {formatDateRange(wish.session.startsOn, wish.session.endsOn)}
      </p>
      <p className="fr-mb-1w">
        État :{' '}
        <Badge severity={WISH_BADGE[wish.status]} small noIcon>
          {wish.statusLabel}
        </Badge>{' '}
        <span className="fr-hint-text app-inline-hint">
          envoyé le {formatInstant(wish.createdAt)}
          {wish.createdByCandidate ? '' : ' par la structure qui vous accompagne'}
          {wish.referredBy ? `, prescrit par ${wish.referredBy}` : ''}
        </span>
      </p>
    </>
  );
}

function WithdrawForm({ wish, busy, onCancel, onConfirm }: { wish: Wish; busy: boolean; onCancel: () => void; onConfirm: (motive: string) => void }) {
  const [motive, setMotive] = useState('');
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <form
      className="fr-mt-2w app-panel"
      aria-label={`Retirer le vœu « ${wish.training.title} »`}
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(motive.trim());
      }}
    >
      <p className="fr-text--bold">Retirer ce vœu ? L’organisme de formation en sera informé ; vous pourrez candidater de nouveau à cette session tant qu’elle recrute.</p>
      <Input label="Motif (facultatif)" nativeInputProps={{ ref, id: `retrait-${wish.id}`, maxLength: 500, value: motive, onChange: (e) => setMotive(e.target.value) }} />
      <div className="app-inline-actions">
        <button type="submit" className="fr-btn fr-btn--sm" disabled={busy}>
          Confirmer le retrait
        </button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
