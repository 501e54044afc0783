import { useState, type FormEvent } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useApi } from '../api/useApi.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { candidatesApi, type Application, type ApplicationsPage, type WishStatus } from '../candidates/api.ts';
import { DiagnosisPanel } from '../candidates/DiagnosisPanel.tsx';
import { formatInstant, WISH_BADGE } from '../candidates/labels.ts';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { formatDateRange } from '../format/dates.ts';
import { navigate, useLocation } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import '../account/account.css';
import '../candidates/candidates.css';

const TITLE = 'Candidatures à mes sessions';
const PATH = '/organisme/candidatures';
const PAGE_SIZE = 20;

const STATUS_OPTIONS: { value: WishStatus | ''; label: string }[] = [
  { value: '', label: 'Toutes, sauf les vœux retirés' },
  { value: 'submitted', label: 'Envoyés' },
  { value: 'under_review', label: 'En cours d’examen' },
  { value: 'ranked', label: 'Classés' },
  { value: 'offered', label: 'Proposition envoyée' },
  { value: 'accepted', label: 'Proposition acceptée' },
  { value: 'not_ranked', label: 'Non retenus' },
  { value: 'withdrawn', label: 'Retirés' },
];

export function ProviderApplicationsPage() {
  return (
    <RequireSession title={TITLE} roles={['provider']}>
      {({ active }) => <ApplicationsLoader key={active?.organisationId ?? ''} organisationName={active?.organisationName ?? null} />}
    </RequireSession>
  );
}

function ApplicationsLoader({ organisationName }: { organisationName: string | null }) {
  const { search, searchParams } = useLocation();
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const query = new URLSearchParams();
  for (const k of ['sessionId', 'status']) {
    const v = searchParams.get(k);
    if (v) query.set(k, v);
  }
  query.set('page', String(page));
  query.set('pageSize', String(PAGE_SIZE));
  const state = useApi(`applications-${query}`, (signal) => candidatesApi.applications(query.toString(), signal));
  if (state.status === 'error' && !state.data) return <ErrorPage message={state.error.message} />;
  if (!state.data) return <PageLoading label="Chargement des candidatures…" />;
  return <ApplicationsView data={state.data} organisationName={organisationName} search={search} />;
}

function ApplicationsView({ data, organisationName, search }: { data: ApplicationsPage; organisationName: string | null; search: string }) {
  const params = new URLSearchParams(search);
  const [sessionId, setSessionId] = useState(params.get('sessionId') ?? '');
  const [status, setStatus] = useState(params.get('status') ?? '');
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const go = (patch: Record<string, string>) => {
    const next = new URLSearchParams({ ...(sessionId ? { sessionId } : {}), ...(status ? { status } : {}), ...patch });
    const qs = next.toString();
    navigate(qs ? `${PATH}?${qs}` : PATH, { keepScroll: true });
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    go({});
  }

  return (
    <ContentPage title={TITLE} width="full" lead={organisationName ?? undefined}>
      <p>
        Les candidatures aux sessions de votre organisme, avec le diagnostic d’éligibilité de chaque personne (sans ses ressources). Le
        critère « moins de 26 ans » d’une candidature s’apprécie à la date de début de la session.
      </p>
      <form onSubmit={submit} className="app-filters-row fr-mb-4w" aria-label="Filtrer les candidatures">
        <Select label="Session" nativeSelectProps={{ id: 'candidatures-session', value: sessionId, onChange: (e) => setSessionId(e.target.value) }}>
          <option value="">Toutes les sessions</option>
          {data.sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.trainingTitle}, {formatDateRange(s.startsOn, s.endsOn)} ({s.applications} candidature{s.applications > 1 ? 's' : ''})
            </option>
          ))}
        </Select>
        <Select label="État" nativeSelectProps={{ id: 'candidatures-etat', value: status, onChange: (e) => setStatus(e.target.value) }}>
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
        <div className="app-filters-row__actions">
          <button type="submit" className="fr-btn">
            Filtrer
          </button>
        </div>
      </form>
      <p role="status" aria-live="polite" className="fr-text--bold">
        {data.total === 0 ? 'Aucune candidature.' : `${data.total} candidature${data.total > 1 ? 's' : ''}${pages > 1 ? `, page ${data.page} sur ${pages}` : ''}.`}
      </p>
      {data.results.map((a) => (
        <ApplicationCard key={a.id} a={a} />
      ))}
      {pages > 1 && (
        <nav aria-label="Pages de candidatures" className="app-inline-actions">
          {data.page > 1 && (
            <Link className="fr-btn fr-btn--secondary" href={`${PATH}?${new URLSearchParams({ ...Object.fromEntries(params), page: String(data.page - 1) })}`}>
              Page précédente
            </Link>
          )}
          {data.page < pages && (
            <Link className="fr-btn fr-btn--secondary" href={`${PATH}?${new URLSearchParams({ ...Object.fromEntries(params), page: String(data.page + 1) })}`}>
              Page suivante
            </Link>
          )}
        </nav>
      )}
    </ContentPage>
  );
}

function ApplicationCard({ a }: { a: Application }) {
  const name = `${a.candidate.givenName} ${a.candidate.familyName}`;
  const id = `candidature-${a.id}`;
  return (
    <article className="app-application" aria-labelledby={id}>
      <h2 id={id} className="fr-h5 fr-mb-1w">
        {name}{' '}
        <Badge severity={WISH_BADGE[a.status]} small noIcon>
          {a.statusLabel}
        </Badge>
      </h2>
      <p className="fr-mb-1w">
        {a.training.title}, session {formatDateRange(a.session.startsOn, a.session.endsOn)} — candidature du {formatInstant(a.createdAt)}
        {a.referredBy ? `, orientée par ${a.referredBy}` : ''}.
      </p>
      <dl className="app-facts fr-mb-2w">
        <div className="app-facts__row">
          <dt>Contact</dt>
          <dd>
            <a href={`mailto:${a.candidate.email}`}>{a.candidate.email}</a>
            {a.candidate.phone ? ` · ${a.candidate.phone}` : ''}
          </dd>
        </div>
        <div className="app-facts__row">
          <dt>Commune</dt>
          <dd>{a.candidate.communeName ?? 'Non renseignée'}</dd>
        </div>
        <div className="app-facts__row">
          <dt>Moins de 26 ans au début de la session</dt>
          <dd>{a.candidate.under26AtStart === null ? 'Date de naissance inconnue' : a.candidate.under26AtStart ? 'Oui' : 'Non'}</dd>
        </div>
      </dl>
      <details className="fr-mb-2w">
        <summary>Motivation<span className="fr-sr-only"> de {name}</span></summary>
        <p className="app-pre-line fr-mt-1w">{a.motivation}</p>
      </details>
      {a.diagnosis ? <DiagnosisPanel diagnosis={a.diagnosis} headingLevel={3} idPrefix={`diagnostic-${a.id}`} /> : <p>Pas encore de diagnostic d’éligibilité.</p>}
    </article>
  );
}
