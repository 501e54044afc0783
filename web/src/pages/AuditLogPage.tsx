import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { accountsApi, type AuditEntry } from '../api/accounts.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorSummary, type Failure, type FieldMap } from '../account/forms.tsx';
import { errorState } from '../components/fieldState.ts';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, formatDateTime } from '../account/labels.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { navigate, useLocation } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { ROLE_LABELS, type Role } from '../session/types.ts';
import '../account/account.css';

const TITLE = 'Journal d’audit';
const PATH = '/operateur/journal';
const FILTERS = ['action', 'objectType', 'objectId', 'actorUserId', 'organisationId', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

const FIELDS: FieldMap = {
  action: { id: 'journal-action', label: 'Action' },
  objectType: { id: 'journal-type', label: 'Type d’objet' },
  objectId: { id: 'journal-objet', label: 'Identifiant de l’objet' },
  actorUserId: { id: 'journal-auteur', label: 'Identifiant de l’auteur·rice' },
  organisationId: { id: 'journal-organisation', label: 'Identifiant de l’organisation' },
  from: { id: 'journal-du', label: 'Du' },
  to: { id: 'journal-au', label: 'Au' },
  page: { id: 'journal-resultats', label: 'Page' },
};

export function AuditLogPage() {
  return (
    <RequireSession title={TITLE} roles={['operator']}>
      {() => <AuditLog />}
    </RequireSession>
  );
}

function hrefOf(filters: Partial<Filters>, page: number): string {
  const q = new URLSearchParams();
  for (const name of FILTERS) {
    const value = filters[name]?.trim();
    if (value) q.set(name, value);
  }
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${PATH}?${s}` : PATH;
}

function AuditLog() {
  const { searchParams, search } = useLocation();
  const filters = useMemo(() => Object.fromEntries(FILTERS.map((name) => [name, searchParams.get(name) ?? ''])) as Filters, [searchParams]);
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const query = useMemo(() => {
    const q = new URLSearchParams({ page: String(page), pageSize: '50' });
    for (const name of FILTERS) if (filters[name]) q.set(name, filters[name]);
    return q.toString();
  }, [filters, page]);
  const log = useApi(`audit:${query}`, (signal) => accountsApi.audit(query, signal));
  const [draft, setDraft] = useState<Filters>(filters);
  useEffect(() => setDraft(filters), [filters]);

  // field errors of the server (a malformed identifier or date), shown as a failed submission
  const attempt = useRef(0);
  const failure = useMemo<Failure | null>(() => {
    if (log.status !== 'error') return null;
    attempt.current += 1;
    return { message: log.error.message, fields: log.error.fields, attempt: attempt.current };
  }, [log.status, log.error]);

  const resultsRef = useRef<HTMLHeadingElement>(null);
  const previousPage = useRef(page);
  useEffect(() => {
    if (previousPage.current !== page) {
      previousPage.current = page;
      resultsRef.current?.focus();
      resultsRef.current?.scrollIntoView({ block: 'start' });
    }
  }, [page]);

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate(hrefOf(draft, 1), { keepScroll: true });
  }

  const errors = failure?.fields ?? {};
  const data = log.status === 'error' ? undefined : log.data;
  const update = (name: Filter) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value }));

  return (
    <ContentPage
      title={TITLE}
      documentTitle={page > 1 ? `${TITLE} – page ${page}` : TITLE}
      segments={[{ label: 'Mon compte', href: '/compte' }]}
      width="full"
      lead="Qui a fait quoi, quand, sur quel objet : chaque action sur les comptes, les organisations et les invitations."
    >
      <ErrorSummary failure={failure} fields={FIELDS} />
      <form role="search" aria-label="Filtrer le journal" onSubmit={submit} className="app-panel fr-mb-4w" noValidate>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <Select label="Action" nativeSelectProps={{ id: FIELDS.action!.id, name: 'action', value: draft.action, onChange: update('action') }} {...errorState(errors, 'action')}>
              <option value="">Toutes les actions</option>
              {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Select label="Type d’objet" nativeSelectProps={{ id: FIELDS.objectType!.id, name: 'objectType', value: draft.objectType, onChange: update('objectType') }} {...errorState(errors, 'objectType')}>
              <option value="">Tous les types</option>
              {Object.entries(AUDIT_OBJECT_TYPES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input label="Identifiant de l’objet" nativeInputProps={{ id: FIELDS.objectId!.id, name: 'objectId', autoComplete: 'off', value: draft.objectId, onChange: update('objectId') }} {...errorState(errors, 'objectId')} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Identifiant de l’auteur·rice"
              hintText="Identifiant de compte (UUID)"
              nativeInputProps={{ id: FIELDS.actorUserId!.id, name: 'actorUserId', autoComplete: 'off', value: draft.actorUserId, onChange: update('actorUserId') }}
              {...errorState(errors, 'actorUserId')}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Identifiant de l’organisation"
              hintText="Organisation pour laquelle l’auteur·rice agissait (UUID)"
              nativeInputProps={{ id: FIELDS.organisationId!.id, name: 'organisationId', autoComplete: 'off', value: draft.organisationId, onChange: update('organisationId') }}
              {...errorState(errors, 'organisationId')}
            />
          </div>
          <div className="fr-col-6 fr-col-md-2">
            <Input label="Du" hintText="JJ/MM/AAAA" nativeInputProps={{ id: FIELDS.from!.id, name: 'from', type: 'date', value: draft.from, onChange: update('from') }} {...errorState(errors, 'from')} />
          </div>
          <div className="fr-col-6 fr-col-md-2">
            <Input label="Au" hintText="JJ/MM/AAAA" nativeInputProps={{ id: FIELDS.to!.id, name: 'to', type: 'date', value: draft.to, onChange: update('to') }} {...errorState(errors, 'to')} />
          </div>
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
          <li>
            <button type="submit" className="fr-btn">
              Filtrer
            </button>
          </li>
          {search && (
            <li>
              <Link className="fr-btn fr-btn--secondary" href={PATH}>
                Effacer les filtres
              </Link>
            </li>
          )}
        </ul>
      </form>

      <h2 id={FIELDS.page!.id} ref={resultsRef} tabIndex={-1} className="fr-h4 app-page-heading">
        Événements{page > 1 ? ` – page ${page}` : ''}
      </h2>
      {log.status === 'error' && Object.keys(log.error.fields).length === 0 && (
        <Alert severity="error" className="fr-mb-3w" title="Le journal est indisponible" description={log.error.message} />
      )}
      {log.status === 'loading' && !data && <p role="status">Chargement du journal…</p>}
      {data &&
        (data.results.length === 0 ? (
          <p>Aucun événement ne correspond à ces filtres.</p>
        ) : (
          <>
            <p>
              Événements {(data.page - 1) * data.pageSize + 1} à {(data.page - 1) * data.pageSize + data.results.length}, du plus récent au plus
              ancien.
            </p>
            <DataTable
              caption={`Événements ${(data.page - 1) * data.pageSize + 1} à ${(data.page - 1) * data.pageSize + data.results.length} du journal d’audit`}
              hideCaption
              headers={['Date', 'Action', 'Objet', 'Changement', 'Auteur·rice', 'Détails']}
              rows={data.results.map((entry) => ({ key: String(entry.id), cells: cells(entry, filters) }))}
            />
            <PrevNext page={page} hasMore={data.hasMore} filters={filters} />
          </>
        ))}
    </ContentPage>
  );
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

function cells(entry: AuditEntry, filters: Filters) {
  return [
    formatDateTime(entry.at),
    AUDIT_ACTIONS[entry.action] ?? entry.action,
    <>
      {AUDIT_OBJECT_TYPES[entry.objectType] ?? entry.objectType}{' '}
      <Link href={hrefOf({ ...filters, objectType: entry.objectType, objectId: entry.objectId }, 1)} title={`Tous les événements de l’objet ${entry.objectId}`}>
        <code>{shortId(entry.objectId)}</code>
      </Link>
    </>,
    entry.fromState || entry.toState ? `${entry.fromState ?? '—'} → ${entry.toState ?? '—'}` : '—',
    entry.actorUserId ? (
      <>
        {entry.actorRole ? (ROLE_LABELS[entry.actorRole as Role] ?? entry.actorRole) : 'Sans rôle'}{' '}
        <Link href={hrefOf({ ...filters, actorUserId: entry.actorUserId }, 1)} title={`Tous les événements de l’auteur·rice ${entry.actorUserId}`}>
          <code>{shortId(entry.actorUserId)}</code>
        </Link>
        {entry.actorOrganisationId && (
          <>
            {' '}
            pour{' '}
            <Link href={hrefOf({ ...filters, organisationId: entry.actorOrganisationId }, 1)} title={`Tous les événements faits pour l’organisation ${entry.actorOrganisationId}`}>
              <code>{shortId(entry.actorOrganisationId)}</code>
            </Link>
          </>
        )}
      </>
    ) : (
      'Système'
    ),
    entry.motive || entry.fields.length > 0 ? (
      <>
        {entry.motive && <>Motif : {entry.motive}</>}
        {entry.motive && entry.fields.length > 0 && <br />}
        {entry.fields.length > 0 && <>Champs : {entry.fields.join(', ')}</>}
      </>
    ) : (
      '—'
    ),
  ];
}

function PrevNext({ page, hasMore, filters }: { page: number; hasMore: boolean; filters: Filters }) {
  if (page === 1 && !hasMore) return null;
  return (
    <nav role="navigation" className="fr-pagination fr-mt-2w" aria-label="Pagination du journal">
      <ul className="fr-pagination__list">
        <li>
          {page > 1 ? (
            <Link className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href={hrefOf(filters, page - 1)}>
              Page précédente
            </Link>
          ) : (
            <a className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true" role="link">
              Page précédente
            </a>
          )}
        </li>
        <li>
          <a className="fr-pagination__link" aria-current="page" title={`Page ${page}`}>
            {page}
          </a>
        </li>
        <li>
          {hasMore ? (
            <Link className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href={hrefOf(filters, page + 1)}>
              Page suivante
            </Link>
          ) : (
            <a className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" aria-disabled="true" role="link">
              Page suivante
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
}
