import { useEffect, useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorSummary, useSubmission, type FieldMap } from '../account/forms.tsx';
import { errorState } from '../components/fieldState.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { candidatesApi, documentHref, type Criterion, type FollowedCandidate } from '../candidates/api.ts';
import { DiagnosisPanel } from '../candidates/DiagnosisPanel.tsx';
import { CRITERION_LABELS, DIPLOMA_LABELS, formatBytes, formatInstant, GENDER_LABELS, MOTIVATION_MAX, SITUATION_LABELS } from '../candidates/labels.ts';
import { WishHistory } from '../candidates/WishHistory.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { formatDateRange } from '../format/dates.ts';
import { Link } from '../router/Link.tsx';
import { announce } from '../router/announcer.ts';
import type { RouteParams } from '../router/routes.ts';
import { ErrorPage } from './ErrorPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../account/account.css';
import '../candidates/candidates.css';

const TITLE = 'Les candidat·es que j’accompagne';
const LIST = '/prescripteur/candidats';

export function PrescriberCandidatesPage() {
  return (
    <RequireSession title={TITLE} roles={['prescriber']}>
      {({ active }) => <FollowedList organisationName={active?.organisationName ?? null} />}
    </RequireSession>
  );
}

function FollowedList({ organisationName }: { organisationName: string | null }) {
  const state = useApi('followed', (signal) => candidatesApi.followed(signal));
  if (state.status === 'error') return <ErrorPage message={state.error.message} />;
  if (!state.data) return <PageLoading label="Chargement des candidat·es…" />;
  const rows = state.data;
  return (
    <ContentPage title={TITLE} width="full" lead={organisationName ?? undefined}>
      <p>
        Les personnes qui ont accepté d’être suivies par votre structure. Vous voyez leur profil (sans leurs revenus), leur diagnostic et
        leurs vœux ; vous pouvez valider leur diagnostic et candidater pour elles. Elles peuvent retirer leur accord à tout moment.
      </p>
      {rows.length === 0 ? (
        <p>Aucune personne ne vous a encore donné son accord de suivi. Invitez-la à choisir votre structure dans son profil Fabriques.</p>
      ) : (
        <DataTable
          caption={`${rows.length} candidat·e${rows.length > 1 ? 's' : ''} suivi·e${rows.length > 1 ? 's' : ''}`}
          headers={['Nom', 'Commune', 'Diagnostic', 'Publics prioritaires', 'Vœux en cours', 'Suivi·e depuis']}
          rows={rows.map((r) => ({
            key: r.userId,
            cells: [
              <Link href={`${LIST}/${encodeURIComponent(r.userId)}`}>
                {r.givenName} {r.familyName}
              </Link>,
              r.communeName ?? (r.hasProfile ? '—' : 'Profil à compléter'),
              r.diagnosis
                ? `${r.diagnosis.expired ? 'Expiré' : r.diagnosis.authorRole === 'prescriber' ? 'Validé' : 'Déclaratif'}, ${formatInstant(r.diagnosis.createdAt)}`
                : 'Aucun',
              r.diagnosis ? (r.diagnosis.criteriaMet.length > 0 ? r.diagnosis.criteriaMet.join(' ; ') : 'Aucun') : '—',
              String(r.activeWishes),
              formatInstant(r.since),
            ],
          }))}
        />
      )}
    </ContentPage>
  );
}

export function PrescriberCandidatePage({ params }: { params: RouteParams }) {
  return (
    <RequireSession title="Candidat·e accompagné·e" roles={['prescriber']}>
      {() => <FollowedLoader userId={params.id ?? ''} />}
    </RequireSession>
  );
}

function FollowedLoader({ userId }: { userId: string }) {
  const [version, setVersion] = useState(0);
  const state = useApi(`${userId}-${version}`, (signal) => candidatesApi.followedCandidate(userId, signal));
  if (state.status === 'error' && !state.data) return state.error.status === 404 ? <NotFoundPage /> : <ErrorPage message={state.error.message} />;
  if (!state.data) return <PageLoading label="Chargement du dossier…" />;
  return <FollowedView c={state.data} reload={() => setVersion((v) => v + 1)} />;
}

function FollowedView({ c, reload }: { c: FollowedCandidate; reload: () => void }) {
  const name = `${c.givenName} ${c.familyName}`;
  const p = c.profile;
  return (
    <ContentPage title={name} width="full" segments={[{ label: TITLE, href: LIST }]}>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <section aria-labelledby="dossier-profil" className="fr-col-12 fr-col-md-6">
          <h2 id="dossier-profil" className="fr-h4">
            Profil
          </h2>
          <dl className="app-facts">
            <Fact term="Adresse e-mail" value={c.email} />
            <Fact term="Âge" value={c.age === null ? 'Non renseigné' : `${c.age} ans`} />
            {p ? (
              <>
                <Fact term="Téléphone" value={p.phone ?? 'Non renseigné'} />
                <Fact term="Commune" value={p.communeName} />
                <Fact term="Genre" value={GENDER_LABELS[p.gender]} />
                <Fact term="Plus haut diplôme" value={DIPLOMA_LABELS[p.diplomaLevel]} />
                <Fact term="Situation" value={SITUATION_LABELS[p.situation]} />
                <Fact term="Quartier prioritaire" value={p.qpvCode ?? 'Non'} />
                <Fact term="ZRR" value={p.zrr ? 'Oui' : 'Non'} />
                <Fact term="RQTH" value={p.rqth === null ? 'Non renseignée' : p.rqth ? 'Oui' : 'Non'} />
                <Fact term="Ressources" value={p.incomeDeclared ? 'Déclarées (non communiquées)' : 'Non déclarées'} />
              </>
            ) : (
              <Fact term="Profil" value="Pas encore rempli" />
            )}
          </dl>
        </section>
        <section aria-labelledby="dossier-justificatifs" className="fr-col-12 fr-col-md-6">
          <h2 id="dossier-justificatifs" className="fr-h4">
            Justificatifs
          </h2>
          {c.documents.length === 0 ? (
            <p>Aucun justificatif déposé.</p>
          ) : (
            <ul>
              {c.documents.map((d) => (
                <li key={d.id}>
                  {CRITERION_LABELS[d.criterion]} :{' '}
                  <a className="fr-link" href={documentHref(d.id)} download>
                    {d.fileName}
                  </a>{' '}
                  <span className="fr-hint-text app-inline-hint">
                    ({formatBytes(d.byteSize)}, {formatInstant(d.uploadedAt)})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="dossier-diagnostic" className="fr-mb-6w">
        <h2 id="dossier-diagnostic" className="fr-h4">
          Diagnostic d’éligibilité
        </h2>
        {c.diagnosis ? <DiagnosisPanel diagnosis={c.diagnosis} headingLevel={3} idPrefix="dossier-diagnostic-actuel" /> : <p>Aucun diagnostic pour l’instant.</p>}
        {p && <ValidateForm c={c} onDone={reload} />}
      </section>

      <section aria-labelledby="dossier-voeux" className="fr-mb-6w">
        <h2 id="dossier-voeux" className="fr-h4">
          Vœux
        </h2>
        {c.wishes.length === 0 ? (
          <p>Aucun vœu.</p>
        ) : (
          <ul className="app-wish-list">
            {c.wishes.map((w) => (
              <li key={w.id} className={w.active ? 'app-wish' : 'app-wish app-wish--inactive'}>
                <h3 className="fr-h6 fr-mb-1w">
                  {w.active && <span className="app-wish__rank">Préférence {w.preference} : </span>}
                  {w.training.title}
                </h3>
                <p className="fr-mb-1w">
                  {w.training.providerName} – {w.training.communeName}, session {formatDateRange(w.session.startsOn, w.session.endsOn)}. État : {w.statusLabel}
                  {w.referredBy ? `, prescrit par ${w.referredBy}` : ''}.
                </p>
                <WishHistory events={w.history} title={w.training.title} />
              </li>
            ))}
          </ul>
        )}
        {p && <ApplyOnBehalf c={c} onDone={reload} />}
      </section>
    </ContentPage>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="app-facts__row">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** Create or validate the diagnosis: the prescriber ticks the criteria met they checked with the person. */
function ValidateForm({ c, onDone }: { c: FollowedCandidate; onDone: () => void }) {
  const confirmable = (c.diagnosis?.criteria ?? []).filter((x) => x.met && x.criterion !== 'scholarship');
  const [checked, setChecked] = useState<Set<Criterion>>(() => new Set(confirmable.map((x) => x.criterion)));
  const [done, setDone] = useState<string | null>(null);
  const submission = useSubmission();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const result = await submission.run(() => candidatesApi.prescriberDiagnosis(c.userId, [...checked]));
    if (result) {
      const text = 'Le diagnostic est enregistré : il remplace le précédent et vaut 6 mois.';
      setDone(text);
      announce(text);
      onDone();
    }
  }

  return (
    <div className="app-panel fr-mt-3w">
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small className="fr-mb-2w" description={done} />}
      </div>
      <ErrorSummary failure={submission.failure} fields={{ confirmed: { id: 'validation-criteres', label: 'Critères validés' } }} />
      <form onSubmit={submit} aria-labelledby="validation-titre">
        <h3 id="validation-titre" className="fr-h6">
          {c.diagnosis ? 'Valider le diagnostic' : 'Établir le diagnostic'}
        </h3>
        <p className="fr-text--sm">
          Un nouveau diagnostic est calculé à partir du profil actuel de la personne ; il remplace le précédent et vaut 6 mois. Cochez les
          critères que vous avez vérifiés avec elle : ils seront « validés par un·e prescripteur·rice ». Le critère boursier repose sur ses
          ressources, que vous ne voyez pas : il reste déclaratif ou prouvé par un justificatif.
        </p>
        {confirmable.length > 0 && (
          <fieldset className="fr-fieldset" id="validation-criteres">
            <legend className="fr-fieldset__legend fr-text--regular">Critères vérifiés avec la personne</legend>
            {confirmable.map((x) => (
              <div key={x.criterion} className="fr-fieldset__element">
                <div className="fr-checkbox-group">
                  <input
                    type="checkbox"
                    id={`valider-${x.criterion}`}
                    checked={checked.has(x.criterion)}
                    onChange={(e) =>
                      setChecked((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(x.criterion);
                        else next.delete(x.criterion);
                        return next;
                      })
                    }
                  />
                  <label className="fr-label" htmlFor={`valider-${x.criterion}`}>
                    {x.label}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
        )}
        <button type="submit" className="fr-btn" disabled={submission.busy}>
          {c.diagnosis ? 'Valider le diagnostic' : 'Établir le diagnostic'}
        </button>
      </form>
    </div>
  );
}

const BEHALF_FIELDS: FieldMap = {
  training: { id: 'pour-formation', label: 'Formation' },
  sessionId: { id: 'pour-session', label: 'Session' },
  motivation: { id: 'pour-motivation', label: 'Motivation' },
};

/** Apply on the person's behalf: find a training, pick a recruiting session, write the motivation. */
function ApplyOnBehalf({ c, onDone }: { c: FollowedCandidate; onDone: () => void }) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [trainingId, setTrainingId] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [motivation, setMotivation] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submission = useSubmission();
  const { errors } = submission;
  const found = useApi(query === null ? null : `search-${query}`, (signal) => api.searchTrainings(new URLSearchParams({ q: query ?? '', pageSize: '20' }).toString(), signal));
  const detail = useApi(trainingId ? `training-${trainingId}` : null, (signal) => api.training(trainingId, signal));
  const sessions = trainingId && detail.data?.id === trainingId ? detail.data.sessions.filter((s) => s.status === 'recruiting') : [];
  useEffect(() => setSessionId(''), [trainingId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const local: Record<string, string> = {};
    if (!sessionId) local.sessionId = 'Choisissez une session dont le recrutement est ouvert.';
    if (!motivation.trim()) local.motivation = 'Écrivez quelques mots sur la motivation de la personne.';
    if (Object.keys(local).length > 0) return submission.fail(local);
    const result = await submission.run(() => candidatesApi.applyOnBehalf(c.userId, { sessionId, motivation: motivation.trim() }));
    if (result) {
      const text = `Candidature envoyée pour ${c.givenName} ${c.familyName} ; la personne en est informée par message.`;
      setDone(text);
      announce(text);
      setMotivation('');
      onDone();
    }
  }

  return (
    <div className="app-panel fr-mt-3w">
      <h3 className="fr-h6" id="pour-titre">
        Candidater pour la personne
      </h3>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small className="fr-mb-2w" description={done} />}
      </div>
      <form
        role="search"
        aria-label="Chercher une formation"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(q.trim());
        }}
      >
        <Input label="Chercher une formation" hintText="Un métier, un mot du titre, une ville." nativeInputProps={{ id: 'pour-recherche', value: q, onChange: (e) => setQ(e.target.value) }} />
        <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary fr-mb-2w">
          Chercher
        </button>
      </form>
      <ErrorSummary failure={submission.failure} fields={BEHALF_FIELDS} />
      <form onSubmit={submit} noValidate aria-labelledby="pour-titre">
        <Select
          label="Formation"
          nativeSelectProps={{ id: BEHALF_FIELDS.training!.id, value: trainingId, onChange: (e) => setTrainingId(e.target.value) }}
        >
          <option value="">{found.data ? `${found.data.results.length} formation(s) trouvée(s) : choisissez` : 'Cherchez d’abord une formation'}</option>
          {(found.data?.results ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.title} – {t.provider.name}, {t.commune.name}
            </option>
          ))}
        </Select>
        <Select
          label="Session"
          hint="Seules les sessions dont le recrutement est ouvert."
          nativeSelectProps={{ id: BEHALF_FIELDS.sessionId!.id, value: sessionId, onChange: (e) => setSessionId(e.target.value) }}
          {...errorState(errors, 'sessionId')}
        >
          <option value="">{trainingId && sessions.length === 0 ? 'Aucune session ne recrute' : 'Choisissez une session'}</option>
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {formatDateRange(s.startsOn, s.endsOn)}
            </option>
          ))}
        </Select>
        <Input
          textArea
          label="Motivation de la personne"
          hintText={`Ce que la personne attend de la formation (${MOTIVATION_MAX} caractères au plus).`}
          nativeTextAreaProps={{ id: BEHALF_FIELDS.motivation!.id, rows: 4, maxLength: MOTIVATION_MAX, value: motivation, onChange: (e) => setMotivation(e.target.value) }}
          {...errorState(errors, 'motivation')}
        />
        <button type="submit" className="fr-btn" disabled={submission.busy}>
          Envoyer la candidature
        </button>
      </form>
    </div>
  );
}
