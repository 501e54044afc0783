import { useId, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { admissionsApi, CONSTRAINT_LABELS, type ConstraintName, type SessionAdmissions, type SessionEnrolments, type Settings } from '../admissions/api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { formatDate, formatDateRange } from '../format/dates.ts';
import { announce } from '../router/announcer.ts';
import type { RouteParams } from '../router/routes.ts';
import { ErrorPage } from './ErrorPage.tsx';
import { STATE_LABELS } from './ProviderAdmissionsPage.tsx';
import '../account/account.css';
import '../candidates/candidates.css';
import '../admissions/admissions.css';

const TITLE = 'Admissions de la session';
const SEGMENTS = [{ label: 'Admissions de mes sessions', href: '/organisme/admissions' }];
const NAMES = Object.keys(CONSTRAINT_LABELS) as ConstraintName[];

export function ProviderSessionAdmissionsPage({ params }: { params: RouteParams }) {
  return (
    <RequireSession title={TITLE} segments={SEGMENTS} roles={['provider']}>
      {({ active }) => <Loader key={`${active?.organisationId ?? ''}-${params.sessionId}`} sessionId={params.sessionId ?? ''} />}
    </RequireSession>
  );
}

function Loader({ sessionId }: { sessionId: string }) {
  const state = useApi(`session-admissions-${sessionId}`, (signal) => admissionsApi.session(sessionId, signal));
  if (state.status === 'error' && !state.data) return <ErrorPage message={state.error.message} />;
  if (!state.data) return <PageLoading label="Chargement de la session…" />;
  return <SessionView initial={state.data} />;
}

function problemsOf(e: unknown): { message: string; lines: string[] } {
  if (e instanceof ApiError) return { message: e.message, lines: Object.entries(e.fields).map(([k, v]) => (k.startsWith('ligne') || k === 'fichier' ? `${k[0]!.toUpperCase()}${k.slice(1)} : ${v}` : v)) };
  return { message: 'L’enregistrement n’a pas abouti.', lines: [] };
}

function SessionView({ initial }: { initial: SessionAdmissions }) {
  const [data, setData] = useState(initial);
  const [error, setError] = useState<{ message: string; lines: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const s = data.session;
  const sessionId = s.id;

  async function run(action: () => Promise<SessionAdmissions>, done: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setData(await action());
      setNotice(done);
      announce(done);
    } catch (e) {
      setError(problemsOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ContentPage title={`${TITLE} : ${s.trainingTitle}`} width="full" segments={SEGMENTS} lead={`Session ${formatDateRange(s.startsOn, s.endsOn)} – ${s.seats} places, ${s.seatsTaken} prise${s.seatsTaken > 1 ? 's' : ''}`}>
      <p>
        <Badge severity={STATE_LABELS[data.state].severity} small noIcon>
          {STATE_LABELS[data.state].label}
        </Badge>{' '}
        {data.callOrderComputedAt && <span className="fr-hint-text app-inline-hint">ordre d’appel calculé le {formatDate(data.callOrderComputedAt.slice(0, 10))}</span>}
      </p>
      <div role="status" aria-live="polite">
        {notice && <Alert severity="success" small className="fr-mb-3w" description={notice} />}
        {error && (
          <Alert
            severity="error"
            className="fr-mb-3w"
            title={error.message}
            description={
              error.lines.length > 0 ? (
                <ul className="app-problems">
                  {error.lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              ) : (
                ''
              )
            }
          />
        )}
      </div>
      <SettingsForm data={data} busy={busy} onSave={(settings) => run(() => admissionsApi.saveSettings(sessionId, settings), 'Règles d’admission enregistrées.')} />
      <RankingEditor
        key={JSON.stringify(data.entries.map((e) => [e.wishId, e.rank, e.notRankedReason, e.status]))}
        data={data}
        busy={busy}
        onSave={(entries) => run(() => admissionsApi.saveRanking(sessionId, entries), 'Classement enregistré.')}
        onImport={(csv) => run(() => admissionsApi.importRanking(sessionId, csv), 'Classement importé.')}
        onPublish={(unsaved) =>
          run(async () => {
            // the edits on screen are saved first: publishing never leaves them behind
            if (unsaved) await admissionsApi.saveRanking(sessionId, unsaved);
            return admissionsApi.publish(sessionId);
          }, unsaved ? 'Classement enregistré et publié : l’ordre d’appel est calculé.' : 'Classement publié : l’ordre d’appel est calculé.')
        }
      />
      <RoundsHistory data={data} />
      <EnrolmentsSection sessionId={sessionId} />
    </ContentPage>
  );
}

function SettingsForm({ data, busy, onSave }: { data: SessionAdmissions; busy: boolean; onSave: (s: Settings) => void }) {
  const [constraints, setConstraints] = useState(data.settings.constraints);
  const [margin, setMargin] = useState(String(data.settings.overbookingMargin));
  const [block, setBlock] = useState(String(data.settings.blockCallRank));
  const [days, setDays] = useState(String(data.settings.answerDays));
  const frozen = data.state === 'frozen';
  const base = useId();
  const update = (i: number, patch: Partial<{ name: ConstraintName; rate: number }>) => setConstraints(constraints.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...constraints];
    const [c] = next.splice(i, 1);
    next.splice(i + d, 0, c!);
    setConstraints(next);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    onSave({ constraints, overbookingMargin: Number(margin), blockCallRank: Number(block), answerDays: Number(days) });
  }

  return (
    <section aria-labelledby={`${base}-h`} className="fr-mb-6w">
      <h2 id={`${base}-h`} className="fr-h4">
        Règles d’admission (publiques)
      </h2>
      <form onSubmit={submit} className="app-panel">
        <fieldset className="fr-fieldset" disabled={busy}>
          <legend className="fr-fieldset__legend">Publics prioritaires, par ordre de priorité, et leur taux minimum</legend>
          <p className="fr-hint-text fr-col-12">
            À chaque rang d’appel, le public prioritaire passe devant tant que son taux minimum n’est pas atteint ; le premier l’emporte sur les
            suivants. Au plus 4. {frozen ? 'Les propositions ont commencé : ces taux sont fixés pour la saison.' : ''}
          </p>
          {constraints.map((c, i) => (
            <div key={i} className="app-constraint-row fr-col-12">
              <div className="fr-select-group">
                <label className="fr-label" htmlFor={`${base}-n${i}`}>
                  Public n° {i + 1}
                </label>
                <select className="fr-select" id={`${base}-n${i}`} value={c.name} disabled={frozen} onChange={(e) => update(i, { name: e.target.value as ConstraintName })}>
                  {NAMES.map((n) => (
                    <option key={n} value={n}>
                      {CONSTRAINT_LABELS[n]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor={`${base}-r${i}`}>
                  Taux minimum (%)
                </label>
                <input className="fr-input app-rank-input" id={`${base}-r${i}`} type="number" min={0} max={100} step={1} value={c.rate} disabled={frozen} onChange={(e) => update(i, { rate: Number(e.target.value) })} />
              </div>
              {!frozen && (
                <div className="app-inline-actions">
                  <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" disabled={i === 0} onClick={() => move(i, -1)}>
                    Monter<span className="fr-sr-only"> le public n° {i + 1}</span>
                  </button>
                  <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" disabled={i === constraints.length - 1} onClick={() => move(i, 1)}>
                    Descendre<span className="fr-sr-only"> le public n° {i + 1}</span>
                  </button>
                  <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setConstraints(constraints.filter((_, k) => k !== i))}>
                    Retirer<span className="fr-sr-only"> le public n° {i + 1}</span>
                  </button>
                </div>
              )}
            </div>
          ))}
          {!frozen && constraints.length < 4 && (
            <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-mb-2w" onClick={() => setConstraints([...constraints, { name: NAMES.find((n) => !constraints.some((c) => c.name === n)) ?? 'woman', rate: 30 }])}>
              Ajouter un public prioritaire
            </button>
          )}
        </fieldset>
        <div className="app-constraint-row">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={`${base}-m`}>
              Marge de surréservation
              <span className="fr-hint-text">Propositions en plus des {data.session.seats} places (0 : aucune).</span>
            </label>
            <input className="fr-input app-rank-input" id={`${base}-m`} type="number" min={0} max={1000} value={margin} onChange={(e) => setMargin(e.target.value)} />
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={`${base}-b`}>
              Appel en bloc jusqu’au rang
              <span className="fr-hint-text">Tous ces rangs reçoivent une proposition dès le premier tour (0 : aucun).</span>
            </label>
            <input className="fr-input app-rank-input" id={`${base}-b`} type="number" min={0} value={block} onChange={(e) => setBlock(e.target.value)} />
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={`${base}-d`}>
              Délai de réponse (jours)
              <span className="fr-hint-text">Jusqu’à 23 h 59, heure locale de la session.</span>
            </label>
            <input className="fr-input app-rank-input" id={`${base}-d`} type="number" min={1} max={30} value={days} onChange={(e) => setDays(e.target.value)} />
          </div>
        </div>
        <p className="fr-mb-2w">Cible de propositions : {data.session.seats + (Number(margin) || 0)} (places + marge).</p>
        <button type="submit" className="fr-btn" disabled={busy}>
          Enregistrer les règles
        </button>
      </form>
    </section>
  );
}

interface Row {
  wishId: string;
  name: string;
  ranked: boolean;
  reason: string;
  notes: string;
}

type EntryInput = { wishId: string; rank: number | null; notRankedReason: string | null; notes: string | null };

function RankingEditor({ data, busy, onSave, onImport, onPublish }: { data: SessionAdmissions; busy: boolean; onSave: (entries: EntryInput[]) => void; onImport: (csv: string) => void; onPublish: (unsaved: EntryInput[] | null) => void }) {
  const rankable = data.entries.filter((e) => e.rankable);
  const [rows, setRows] = useState<Row[]>(() =>
    [...rankable]
      .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER))
      .map((e) => ({ wishId: e.wishId, name: e.candidateName, ranked: e.notRankedReason === null, reason: e.notRankedReason ?? '', notes: e.notes ?? '' })),
  );
  // what the server holds (the editor is re-created when it changes): the rows differ from it until saved
  const [saved] = useState(() => JSON.stringify(rankable.map((e) => [e.wishId, e.rank, e.notRankedReason, e.notes ?? null]).sort()));
  const file = useRef<HTMLInputElement>(null);
  const base = useId();
  const ranked = rows.filter((r) => r.ranked);
  const callRanks = new Map(rankable.filter((e) => e.callRank !== null).map((e) => [e.wishId, e.callRank!]));
  const others = data.entries.filter((e) => !e.rankable);
  const patch = (wishId: string, p: Partial<Row>) => setRows(rows.map((r) => (r.wishId === wishId ? { ...r, ...p } : r)));
  const move = (wishId: string, d: -1 | 1) => {
    const order = ranked.map((r) => r.wishId);
    const i = order.indexOf(wishId);
    order.splice(i, 1);
    order.splice(i + d, 0, wishId);
    setRows([...order.map((id) => rows.find((r) => r.wishId === id)!), ...rows.filter((r) => !r.ranked)]);
    announce(`${rows.find((r) => r.wishId === wishId)!.name} placé·e au rang ${i + d + 1}.`);
  };

  const entries = (): EntryInput[] => rows.map((r) => ({ wishId: r.wishId, rank: r.ranked ? ranked.indexOf(r) + 1 : null, notRankedReason: r.ranked ? null : r.reason, notes: r.notes || null }));
  const dirty = () => JSON.stringify(entries().map((e) => [e.wishId, e.rank, e.notRankedReason, e.notes]).sort()) !== saved;
  const form = useRef<HTMLFormElement>(null);

  function save(e: FormEvent) {
    e.preventDefault();
    onSave(entries());
  }

  function publish() {
    // the same checks as saving (a reason for each candidate not ranked) before publishing unsaved edits
    if (dirty() && form.current && !form.current.reportValidity()) return;
    onPublish(dirty() ? entries() : null);
  }

  async function upload() {
    const f = file.current?.files?.[0];
    if (!f) return;
    onImport(await f.text());
  }

  return (
    <section aria-labelledby={`${base}-h`} className="fr-mb-6w app-ranking">
      <h2 id={`${base}-h`} className="fr-h4">
        Classement
      </h2>
      {rankable.length === 0 ? (
        <p>{data.state === 'frozen' ? 'Les propositions ont commencé : le classement est fixé pour la saison.' : 'Aucune candidature à classer pour le moment.'}</p>
      ) : (
        <form onSubmit={save} ref={form}>
          <p>
            Rangez les candidatures de la meilleure à la moins bonne avec « Monter » et « Descendre », ou déclarez une candidature non classée avec
            son motif (communiqué à la personne). Les notes d’entretien ne sont vues que par votre organisme.
          </p>
          <ol className="app-wish-list">
            {rows.map((r) => (
              <li key={r.wishId} className={`app-wish${r.ranked ? '' : ' app-wish--inactive'}`}>
                <p className="fr-text--bold fr-mb-1w">
                  {r.ranked ? <span className="app-wish__rank">Rang {ranked.indexOf(r) + 1} : </span> : <span>Non classé·e : </span>}
                  {r.name}
                  {callRanks.get(r.wishId) !== undefined && <span className="fr-hint-text app-inline-hint"> – rang d’appel {callRanks.get(r.wishId)} dans l’ordre publié</span>}
                </p>
                <div className="app-wish__actions">
                  {r.ranked && (
                    <>
                      <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-arrow-up-line fr-btn--icon-left" disabled={busy || ranked.indexOf(r) === 0} onClick={() => move(r.wishId, -1)}>
                        Monter<span className="fr-sr-only"> {r.name}</span>
                      </button>
                      <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-arrow-down-line fr-btn--icon-left" disabled={busy || ranked.indexOf(r) === ranked.length - 1} onClick={() => move(r.wishId, 1)}>
                        Descendre<span className="fr-sr-only"> {r.name}</span>
                      </button>
                    </>
                  )}
                  <div className="fr-checkbox-group">
                    <input type="checkbox" id={`${base}-nr-${r.wishId}`} checked={!r.ranked} onChange={(e) => patch(r.wishId, { ranked: !e.target.checked })} />
                    <label className="fr-label" htmlFor={`${base}-nr-${r.wishId}`}>
                      Non classé·e<span className="fr-sr-only"> : {r.name}</span>
                    </label>
                  </div>
                </div>
                {!r.ranked && (
                  <div className="fr-input-group fr-mt-1w">
                    <label className="fr-label" htmlFor={`${base}-reason-${r.wishId}`}>
                      Motif du non-classement de {r.name}
                    </label>
                    <input className="fr-input" id={`${base}-reason-${r.wishId}`} maxLength={500} required value={r.reason} onChange={(e) => patch(r.wishId, { reason: e.target.value })} />
                  </div>
                )}
                <details className="app-wish-history">
                  <summary>Notes{r.notes ? ' (renseignées)' : ''}<span className="fr-sr-only"> sur {r.name}</span></summary>
                  <label className="fr-label fr-sr-only" htmlFor={`${base}-notes-${r.wishId}`}>
                    Notes sur {r.name}
                  </label>
                  <textarea className="fr-input" id={`${base}-notes-${r.wishId}`} maxLength={2000} rows={3} value={r.notes} onChange={(e) => patch(r.wishId, { notes: e.target.value })} />
                </details>
              </li>
            ))}
          </ol>
          <div className="app-inline-actions fr-mb-3w">
            <button type="submit" className="fr-btn" disabled={busy}>
              Enregistrer le classement
            </button>
            <button type="button" className="fr-btn fr-btn--secondary" disabled={busy} onClick={publish}>
              Publier le classement et calculer l’ordre d’appel
            </button>
          </div>
        </form>
      )}
      {rankable.length > 0 && (
        <div className="app-panel fr-mb-3w">
          <h3 className="fr-h6">Importer un classement (CSV)</h3>
          <p>
            <a className="fr-link fr-icon-download-line fr-link--icon-left" href={admissionsApi.rankingCsvUrl(data.session.id)} download>
              Télécharger le modèle (candidatures et rangs actuels)
            </a>
          </p>
          <p className="fr-hint-text">
            Colonnes : voeu, nom, rang, motif_non_classe, notes ; séparateur « ; » ou « , ». Un rang donné deux fois, une ligne sans rang ni motif ou
            une candidature absente font refuser tout le fichier, avec les lignes en faute.
          </p>
          <div className="fr-upload-group fr-mb-2w">
            <label className="fr-label" htmlFor={`${base}-file`}>
              Fichier CSV du classement
            </label>
            <input className="fr-upload" type="file" id={`${base}-file`} accept=".csv,text/csv" ref={file} />
          </div>
          <button type="button" className="fr-btn fr-btn--secondary" disabled={busy} onClick={() => void upload()}>
            Importer
          </button>
        </div>
      )}
      {others.length > 0 && (
        <DataTable
          caption="Candidatures classées, proposées ou closes"
          headers={['Personne', 'Rang', 'Rang d’appel', 'Publics (instantané)', 'État']}
          rows={others.map((e) => ({
            key: e.wishId,
            cells: [e.candidateName, e.rank === null ? `non classé·e${e.notRankedReason ? ` (${e.notRankedReason})` : ''}` : String(e.rank), e.callRank === null ? '—' : String(e.callRank), e.flags.map((f) => CONSTRAINT_LABELS[f as ConstraintName] ?? f).join(', ') || '—', e.statusLabel],
          }))}
        />
      )}
    </section>
  );
}

function RoundsHistory({ data }: { data: SessionAdmissions }) {
  if (data.rounds.length === 0) return null;
  return (
    <section className="fr-mb-6w" aria-label="Historique des tours de propositions">
      <DataTable
        caption="Historique des tours de propositions"
        headers={['Date', 'Tour', 'Cible', 'Offres détenues avant', 'Places libres', 'Propositions', 'Expirées', 'Dernier rang d’appel']}
        rows={data.rounds.map((r) => ({
          key: r.roundId,
          cells: [formatDate(r.runOn), r.kind === 'daily' ? 'quotidien' : 'à la demande', String(r.offerTarget), String(r.holders), String(r.free), String(r.offers), String(r.expired), String(r.lastOfferedCallRank)],
        }))}
      />
    </section>
  );
}

function EnrolmentsSection({ sessionId }: { sessionId: string }) {
  const [version, setVersion] = useState(0);
  const state = useApi(`session-enrolments-${sessionId}-${version}`, (signal) => admissionsApi.enrolments(sessionId, signal));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [motives, setMotives] = useState<Record<string, string>>({});
  const base = useId();
  if (!state.data) return null;
  const data: SessionEnrolments = state.data;

  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      announce(done);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof ApiError ? Object.values(e.fields)[0] ?? e.message : 'L’enregistrement n’a pas abouti.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${base}-h`} className="fr-mb-6w">
      <h2 id={`${base}-h`} className="fr-h4">
        Inscriptions
      </h2>
      <div role="status" aria-live="polite">
        {error && <Alert severity="error" small className="fr-mb-3w" description={error} />}
      </div>
      {!data.session.started ? (
        <p>La session commence le {formatDate(data.session.startsOn)} : les personnes qui ont accepté une proposition ({data.acceptedOffers}) y seront alors inscrites.</p>
      ) : (
        <>
          <p>
            Confirmez l’entrée en formation des personnes présentes ; une personne qui ne vient pas sort avec son motif.{' '}
            {data.acceptedOffers > data.enrolments.length && (
              <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" disabled={busy} onClick={() => act(() => admissionsApi.openEnrolments(sessionId), 'Inscriptions ouvertes.')}>
                Inscrire les personnes qui ont accepté
              </button>
            )}
          </p>
          {data.enrolments.length > 0 && (
            <DataTable
              caption="Inscrit·es de la session"
              headers={['Personne', 'État', 'Entrée', 'Sortie', 'Actions']}
              rows={data.enrolments.map((e) => ({
                key: e.id,
                cells: [
                  e.learnerName,
                  e.statusLabel,
                  e.startedOn ? formatDate(e.startedOn) : '—',
                  e.endedOn ? formatDate(e.endedOn) : '—',
                  <div key="a" className="app-inline-actions">
                    {e.next.includes('in_training') && (
                      <button type="button" className="fr-btn fr-btn--sm" disabled={busy} onClick={() => act(() => admissionsApi.changeEnrolment(e.id, 'in_training', null), `Entrée en formation de ${e.learnerName} confirmée.`)}>
                        Confirmer l’entrée<span className="fr-sr-only"> de {e.learnerName}</span>
                      </button>
                    )}
                    {e.next.includes('completed') && (
                      <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" disabled={busy} onClick={() => act(() => admissionsApi.changeEnrolment(e.id, 'completed', null), `Formation terminée pour ${e.learnerName}.`)}>
                        Formation terminée<span className="fr-sr-only"> pour {e.learnerName}</span>
                      </button>
                    )}
                    {e.next.includes('dropped_out') && (
                      <>
                        <label className="fr-sr-only" htmlFor={`${base}-m-${e.id}`}>
                          Motif de sortie de {e.learnerName}
                        </label>
                        <input className="fr-input" id={`${base}-m-${e.id}`} placeholder="Motif de sortie" value={motives[e.id] ?? ''} onChange={(x) => setMotives({ ...motives, [e.id]: x.target.value })} />
                        <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" disabled={busy} onClick={() => act(() => admissionsApi.changeEnrolment(e.id, 'dropped_out', motives[e.id] ?? ''), `Sortie de ${e.learnerName} enregistrée.`)}>
                          Enregistrer la sortie<span className="fr-sr-only"> de {e.learnerName}</span>
                        </button>
                      </>
                    )}
                  </div>,
                ],
              }))}
            />
          )}
        </>
      )}
    </section>
  );
}
