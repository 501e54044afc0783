import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorSummary, useSubmission, type FieldMap } from '../account/forms.tsx';
import { errorState } from '../components/fieldState.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { candidatesApi, documentHref, type Criterion, type OwnDiagnosis } from '../candidates/api.ts';
import { CandidateNav } from '../candidates/CandidateNav.tsx';
import { DiagnosisPanel } from '../candidates/DiagnosisPanel.tsx';
import { CRITERION_LABELS, DOCUMENT_CRITERIA, formatBytes, formatInstant, MAX_DOCUMENT_BYTES } from '../candidates/labels.ts';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { Link } from '../router/Link.tsx';
import { announce } from '../router/announcer.ts';
import { ErrorPage } from './ErrorPage.tsx';
import '../account/account.css';
import '../candidates/candidates.css';

const TITLE = 'Mon diagnostic d’éligibilité';

export function CandidateDiagnosisPage() {
  return (
    <RequireSession title={TITLE} roles={['candidate']}>
      {() => <DiagnosisLoader />}
    </RequireSession>
  );
}

function DiagnosisLoader() {
  const state = useApi('own-diagnosis', (signal) => candidatesApi.diagnosis(signal));
  const [data, setData] = useState<OwnDiagnosis | null>(null);
  if (state.status === 'error' && !state.data) return <ErrorPage message={state.error.message} />;
  const current = data ?? state.data;
  if (!current) return <PageLoading label="Chargement de votre diagnostic…" />;
  return <DiagnosisView data={current} onData={setData} />;
}

function DiagnosisView({ data, onData }: { data: OwnDiagnosis; onData: (d: OwnDiagnosis) => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLDivElement>(null);

  async function make() {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      onData(await candidatesApi.makeDiagnosis());
      const text = 'Votre diagnostic est établi à partir de votre profil.';
      setMessage(text);
      announce(text);
      headingRef.current?.focus();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Le diagnostic n’a pas pu être établi.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <ContentPage title={TITLE} width="full" segments={[{ label: 'Mon compte', href: '/compte' }]}>
      <CandidateNav current="/candidat/diagnostic" />
      <p>
        Le diagnostic dit à quels publics prioritaires de la Grande École du Numérique vous appartenez, et comment chaque critère est
        connu : déclaré par vous, validé par une structure qui vous accompagne, ou prouvé par un justificatif. Il vaut 6 mois ; un nouveau
        diagnostic remplace le précédent, qui n’est jamais modifié. Les organismes où vous candidatez le voient, sans vos revenus.
      </p>
      <div role="status" aria-live="polite">
        {message && <Alert severity="success" small className="fr-mb-3w" description={message} />}
        {error && <Alert severity="error" small className="fr-mb-3w" description={error} />}
      </div>
      {!data.hasProfile ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Complétez d’abord votre profil</h2>
          <p className="fr-callout__text">Le diagnostic se calcule à partir de votre profil : commune, diplôme, situation…</p>
          <Link className="fr-btn fr-mt-2w" href="/candidat/profil">
            Compléter mon profil
          </Link>
        </div>
      ) : (
        <div ref={headingRef} tabIndex={-1} className="fr-mb-6w">
          {data.current ? (
            <DiagnosisPanel diagnosis={data.current} idPrefix="diagnostic-actuel" />
          ) : (
            <p>Vous n’avez pas encore de diagnostic.</p>
          )}
          <button type="button" className="fr-btn fr-mt-2w" onClick={make} disabled={busy}>
            {data.current ? 'Refaire mon diagnostic à partir de mon profil' : 'Établir mon diagnostic'}
          </button>
          {data.current?.author.role === 'prescriber' && !data.current.expired && (
            <p className="fr-hint-text fr-mt-1w">Refaire le diagnostic vous-même remplace celui validé par votre accompagnateur·rice.</p>
          )}
        </div>
      )}

      <Documents data={data} onData={onData} />

      {data.history.length > 0 && (
        <section aria-labelledby="diagnostics-precedents" className="fr-mt-6w">
          <h2 id="diagnostics-precedents" className="fr-h4">
            Diagnostics précédents
          </h2>
          <ul>
            {data.history.map((h) => (
              <li key={h.id}>
                Établi le {formatInstant(h.createdAt)} {h.authorRole === 'prescriber' ? `par ${h.organisationName ?? 'une structure d’accompagnement'}` : 'par vous-même'}, remplacé le{' '}
                {formatInstant(h.supersededAt)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </ContentPage>
  );
}

const DOC_FIELDS: FieldMap = {
  criterion: { id: 'justificatif-critere', label: 'Critère prouvé' },
  file: { id: 'justificatif-fichier', label: 'Fichier' },
};

const ACCEPTED = ['application/pdf', 'image/png', 'image/jpeg'];

/** Proofs: the list, and the upload form (PDF, PNG or JPEG, 5 MB at most; checked again by the server). */
function Documents({ data, onData }: { data: OwnDiagnosis; onData: (d: OwnDiagnosis) => void }) {
  const [criterion, setCriterion] = useState<Criterion | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const submission = useSubmission();
  const { errors } = submission;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const local: Record<string, string> = {};
    if (!criterion) local.criterion = 'Choisissez le critère que ce justificatif prouve.';
    if (!file) local.file = 'Choisissez un fichier.';
    else if (file.size > MAX_DOCUMENT_BYTES) local.file = 'Le fichier dépasse 5 Mo : réduisez-le puis réessayez.';
    else if (file.type && !ACCEPTED.includes(file.type)) local.file = 'Seuls les fichiers PDF, PNG et JPEG sont acceptés.';
    if (Object.keys(local).length > 0) return submission.fail(local);
    const result = await submission.run(() => candidatesApi.uploadDocument(criterion as Criterion, file!));
    if (result) {
      onData({ ...data, documents: result.value });
      const text = `Justificatif « ${file!.name} » déposé. Il comptera au prochain diagnostic.`;
      setDone(text);
      announce(text);
      setFile(null);
      setCriterion('');
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  const fileError = errors.file;
  return (
    <section aria-labelledby="justificatifs" className="fr-mt-4w">
      <h2 id="justificatifs" className="fr-h4">
        Mes justificatifs
      </h2>
      <p>
        Un justificatif prouve un critère : il remplace votre déclaration au prochain diagnostic. Seuls vous, les structures qui vous
        accompagnent et les organismes où vous candidatez peuvent le télécharger.
      </p>
      {data.documents.length > 0 ? (
        <DataTable
          caption="Justificatifs déposés"
          headers={['Critère', 'Fichier', 'Déposé le']}
          rows={data.documents.map((d) => ({
            key: d.id,
            cells: [
              CRITERION_LABELS[d.criterion],
              <a className="fr-link" href={documentHref(d.id)} download>
                {d.fileName} <span className="fr-hint-text app-inline-hint">({formatBytes(d.byteSize)})</span>
              </a>,
              formatInstant(d.uploadedAt),
            ],
          }))}
        />
      ) : (
        <p>Aucun justificatif déposé.</p>
      )}
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small className="fr-mb-3w" description={done} />}
      </div>
      <div className="app-panel app-panel--narrow">
        <ErrorSummary failure={submission.failure} fields={DOC_FIELDS} />
        <form onSubmit={submit} noValidate aria-labelledby="justificatif-depot">
          <h3 id="justificatif-depot" className="fr-h6">
            Déposer un justificatif
          </h3>
          <Select
            label="Critère prouvé"
            nativeSelectProps={{
              id: DOC_FIELDS.criterion!.id,
              value: criterion,
              onChange: (e) => {
                setCriterion(e.target.value as Criterion);
                submission.clearField('criterion');
              },
            }}
            {...errorState(errors, 'criterion')}
          >
            <option value="" disabled>
              Choisissez
            </option>
            {DOCUMENT_CRITERIA.map((c) => (
              <option key={c.criterion} value={c.criterion}>
                {CRITERION_LABELS[c.criterion]} : {c.hint}
              </option>
            ))}
          </Select>
          <div className={fileError ? 'fr-upload-group fr-input-group--error fr-mb-3w' : 'fr-upload-group fr-mb-3w'}>
            <label className="fr-label" htmlFor={DOC_FIELDS.file!.id}>
              Fichier
              <span className="fr-hint-text">PDF, PNG ou JPEG, 5 Mo au plus.</span>
            </label>
            <input
              ref={inputRef}
              className="fr-upload"
              type="file"
              id={DOC_FIELDS.file!.id}
              name="file"
              accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
              aria-describedby={fileError ? 'justificatif-fichier-erreur' : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                submission.clearField('file');
              }}
            />
            {fileError && (
              <p id="justificatif-fichier-erreur" className="fr-error-text">
                {fileError}
              </p>
            )}
          </div>
          <button type="submit" className="fr-btn fr-btn--secondary" disabled={submission.busy}>
            Déposer le justificatif
          </button>
        </form>
      </div>
    </section>
  );
}
