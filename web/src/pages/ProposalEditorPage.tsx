import { useEffect, useRef, useState } from 'react';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Link } from '../router/Link.tsx';
import { callsApi, type Attachment, type Partner, type ProposalDetail, type TrainingDraft } from '../calls/api.ts';
import { day, dateTime, PROPOSAL_STATUS, size } from '../calls/labels.ts';
import { TrainingFields } from '../calls/TrainingFields.tsx';
import { Badge, CheckboxField, fieldId, LoadError, NumberField, Outcome, ProblemList, SelectField, TextField, useAction, useReload, type Errors } from '../calls/ui.tsx';
import { ProposalView } from '../calls/ProposalView.tsx';
import '../calls/calls.css';

const SEGMENTS = [{ label: 'Mes dossiers', href: '/organisme/dossiers' }];

/** The provider's proposal: a draft editor (saved as you go), then a read-only view with its decisions. */
export function ProposalEditorPage({ params }: { params: Record<string, string> }) {
  return (
    <RequireSession title="Dossier de candidature" roles={['provider']} segments={SEGMENTS}>
      {() => <Editor id={params.id ?? ''} />}
    </RequireSession>
  );
}

interface Draft {
  title: string;
  data: ProposalDetail['data'];
  trainings: TrainingDraft[];
}

function Editor({ id }: { id: string }) {
  const { state, reload } = useReload(`proposal:${id}`, (signal) => callsApi.proposal(id, signal));
  const p = state.data;
  return (
    <ContentPage title={p ? p.title || 'Dossier sans titre' : 'Dossier de candidature'} width="full" segments={SEGMENTS}>
      {state.status === 'error' && <LoadError error={state.error} />}
      {!p && state.status === 'loading' && <p role="status">Chargement du dossier…</p>}
      {p && p.status === 'draft' && <DraftForm key={p.id} initial={p} onChanged={reload} />}
      {p && p.status !== 'draft' && <Filed p={p} onChanged={reload} />}
    </ContentPage>
  );
}

function Header({ p }: { p: ProposalDetail }) {
  return (
    <p>
      <Badge severity={p.status === 'decided' ? 'success' : 'info'}>{PROPOSAL_STATUS[p.status]}</Badge> Appel : <Link href={`/appels/${p.call.id}`}>{p.call.title}</Link> (version {p.callVersion} du
      formulaire) · organisme : {p.provider.name}
    </p>
  );
}

const emptyPartner = (): Partner => ({ name: '', siret: null, internships: 0, mentors: 0, jury: false, hires: 0, note: null });

function DraftForm({ initial, onChanged }: { initial: ProposalDetail; onChanged: () => void }) {
  const [p, setP] = useState(initial);
  const [draft, setDraft] = useState<Draft>({ title: initial.title, data: initial.data, trainings: initial.trainings.map((t) => t.data) });
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const save = useAction();
  const submit = useAction();
  const upload = useAction();
  const [submitProblems, setSubmitProblems] = useState<{ field: string; message: string }[]>([]);
  const timer = useRef<number | undefined>(undefined);
  const saving = useRef(false);
  /** grows at every change: a save only marks the draft clean if nothing changed while it ran */
  const revision = useRef(0);
  const latest = useRef(draft);
  latest.current = draft;
  const errors: Errors = { ...Object.fromEntries(p.missing.map((m) => [m.field, m.message])), ...save.errors, ...submit.errors };

  const change = (next: Draft) => {
    revision.current += 1;
    setDraft(next);
    setDirty(true);
  };

  async function saveNow(): Promise<boolean> {
    if (saving.current) return false;
    saving.current = true;
    window.clearTimeout(timer.current);
    const at = revision.current;
    const r = await save.run(() => callsApi.saveDraft(p.id, latest.current));
    saving.current = false;
    if (r) {
      setP(r);
      if (revision.current === at) setDirty(false);
      setSavedAt(new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' }));
    }
    return r !== null;
  }

  // saved as you go: a few seconds after the last change
  useEffect(() => {
    if (!dirty) return;
    timer.current = window.setTimeout(() => void saveNow(), 4000);
    return () => window.clearTimeout(timer.current);
  }, [draft, dirty]);

  const setTraining = (i: number, t: TrainingDraft) => change({ ...draft, trainings: draft.trainings.map((x, j) => (j === i ? t : x)) });
  const setPartner = (i: number, patch: Partial<Partner>) => change({ ...draft, data: { ...draft.data, partners: draft.data.partners.map((x, j) => (j === i ? { ...x, ...patch } : x)) } });

  return (
    <>
      <Header p={p} />
      {p.formChangedSinceCreation && (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w">
          <p>L’opérateur a modifié le formulaire de l’appel depuis la création de ce brouillon : il suit la version en vigueur (version {p.callVersion}).</p>
        </div>
      )}
      {p.submission.open ? (
        <p>
          Date limite pour ce dépôt : <strong>{day(p.submission.cutOff)}</strong>. Le brouillon s’enregistre au fil de la saisie.
        </p>
      ) : (
        <div className="fr-alert fr-alert--warning fr-mb-2w">
          <p>{p.submission.message}</p>
        </div>
      )}
      <ProblemList title="Le dépôt n’a pas abouti : à compléter" problems={submitProblems} focusKey={submit.attempt} />
      <ProblemList title="Ce qu’il reste à compléter avant le dépôt" problems={p.missing} severity="info" />
      <ProblemList title="Engagements sous les seuils du label" problems={p.warnings} severity="warning" />

      <form
        onSubmit={(e) => {
          e.preventDefault();
          void saveNow();
        }}
        noValidate
      >
        <fieldset className="app-calls-fieldset">
          <legend>Le projet</legend>
          <TextField path="title" label="Titre du dossier" value={draft.title} onChange={(v) => change({ ...draft, title: v })} errors={errors} />
          <TextField path="summary" label="Présentation du projet" hint="Ancrage territorial, publics, partenaires, débouchés." multiline value={draft.data.summary} onChange={(v) => change({ ...draft, data: { ...draft.data, summary: v } })} errors={errors} />
        </fieldset>

        <h2 className="fr-h3" id={fieldId('trainings')} tabIndex={-1}>
          Formations ({draft.trainings.length})
        </h2>
        {errors.trainings && <p className="fr-error-text">{errors.trainings}</p>}
        {draft.trainings.map((t, i) => (
          <fieldset key={i} className="app-calls-fieldset">
            <legend>
              Formation {i + 1}
              {t.title ? ` : ${t.title}` : ''}
            </legend>
            <TrainingFields index={i} value={t} onChange={(x) => setTraining(i, x)} errors={errors} />
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left fr-mb-2w" onClick={() => change({ ...draft, trainings: draft.trainings.filter((_, j) => j !== i) })}>
              Retirer la formation {i + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left fr-mb-4w" onClick={() => change({ ...draft, trainings: [...draft.trainings, {}] })}>
          Ajouter une formation
        </button>

        <h2 className="fr-h3" id={fieldId('partners')} tabIndex={-1}>
          Employeurs partenaires
        </h2>
        {draft.data.partners.map((pa, i) => (
          <fieldset key={i} className="app-calls-fieldset" id={fieldId(`partners.${i}`)} tabIndex={-1}>
            <legend>Partenaire {i + 1}</legend>
            <div className="app-calls-grid">
              <TextField path={`partners.${i}.name`} label="Nom de l’employeur" value={pa.name} onChange={(v) => setPartner(i, { name: v })} errors={errors} />
              <TextField path={`partners.${i}.siret`} label="SIRET (facultatif)" value={pa.siret ?? ''} onChange={(v) => setPartner(i, { siret: v || null })} errors={errors} />
            </div>
            <div className="app-calls-grid app-calls-grid--3">
              <NumberField path={`partners.${i}.internships`} label="Stages proposés" min={0} value={pa.internships} onChange={(v) => setPartner(i, { internships: v ?? 0 })} errors={errors} />
              <NumberField path={`partners.${i}.mentors`} label="Mentors" min={0} value={pa.mentors} onChange={(v) => setPartner(i, { mentors: v ?? 0 })} errors={errors} />
              <NumberField path={`partners.${i}.hires`} label="Embauches envisagées" min={0} value={pa.hires} onChange={(v) => setPartner(i, { hires: v ?? 0 })} errors={errors} />
            </div>
            <CheckboxField path={`partners.${i}.jury`} label="Participe au jury de certification" checked={pa.jury === true} onChange={(v) => setPartner(i, { jury: v })} errors={errors} />
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-mb-2w" onClick={() => change({ ...draft, data: { ...draft.data, partners: draft.data.partners.filter((_, j) => j !== i) } })}>
              Retirer le partenaire {i + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left fr-mb-4w" onClick={() => change({ ...draft, data: { ...draft.data, partners: [...draft.data.partners, emptyPartner()] } })}>
          Ajouter un partenaire
        </button>

        {p.form.eligibility.declarations.length > 0 && (
          <fieldset className="app-calls-fieldset">
            <legend>Engagements à certifier</legend>
            {p.form.eligibility.declarations.map((d) => (
              <CheckboxField
                key={d.code}
                path={`declarations.${d.code}`}
                label={d.label}
                checked={draft.data.declarations.includes(d.code)}
                onChange={(v) =>
                  change({ ...draft, data: { ...draft.data, declarations: v ? [...draft.data.declarations, d.code] : draft.data.declarations.filter((x) => x !== d.code) } })
                }
                errors={errors}
              />
            ))}
          </fieldset>
        )}

        <div className="app-calls-sticky">
          <div className="app-calls-actions" style={{ margin: 0 }}>
            <button type="submit" className="fr-btn fr-btn--secondary" disabled={save.busy}>
              Enregistrer le brouillon
            </button>
            <button
              type="button"
              className="fr-btn"
              disabled={submit.busy || !p.submission.open}
              onClick={async () => {
                if ((dirty || saving.current) && !(await saveNow())) return;
                setSubmitProblems([]);
                const r = await submit.run(() => callsApi.submit(p.id), 'Votre dossier est déposé : un accusé de réception a été envoyé.');
                if (r) onChanged();
                else setSubmitProblems(Object.entries(submit.lastErrors()).map(([field, message]) => ({ field, message })));
              }}
            >
              Déposer le dossier
            </button>
            <span role="status" aria-live="polite" className="fr-hint-text">
              {save.busy ? 'Enregistrement…' : dirty ? 'Modifications non enregistrées' : savedAt ? `Brouillon enregistré à ${savedAt}` : ''}
            </span>
          </div>
          <Outcome message={submit.message} error={submit.error ?? save.error} />
        </div>
      </form>

      <Attachments p={p} onUploaded={(next) => setP(next)} action={upload} />
      <Withdraw p={p} onChanged={onChanged} />
    </>
  );
}

function Attachments({ p, onUploaded, action }: { p: ProposalDetail; onUploaded: (p: ProposalDetail) => void; action: ReturnType<typeof useAction> }) {
  const [kind, setKind] = useState<Attachment['kind']>('budget');
  const [file, setFile] = useState<File | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const draft = p.status === 'draft';
  const errorId = `${fieldId('attachments.budget')}-error`;
  return (
    <section aria-labelledby="pieces" className="fr-mt-6w">
      <h2 id="pieces" className="fr-h3">
        Pièces jointes
      </h2>
      {p.attachments.length === 0 ? (
        <p>Aucune pièce jointe.</p>
      ) : (
        <DataTable
          caption="Pièces jointes du dossier"
          hideCaption
          headers={['Pièce', 'Fichier', 'Taille', 'Déposée le', ...(draft ? ['Action'] : [])]}
          rows={p.attachments.map((a) => ({
            key: a.id,
            cells: [
              a.kindLabel,
              <a key="f" href={`/api/proposals/${p.id}/attachments/${a.id}`} download>
                {a.fileName}
              </a>,
              size(a.byteSize),
              dateTime(a.uploadedAt),
              ...(draft
                ? [
                    <button
                      key="d"
                      type="button"
                      className="fr-btn fr-btn--tertiary fr-btn--sm"
                      onClick={async () => {
                        if (await action.run(() => callsApi.deleteAttachment(p.id, a.id), 'Pièce retirée.')) onUploaded(await callsApi.proposal(p.id));
                      }}
                    >
                      Retirer<span className="fr-sr-only"> {a.fileName}</span>
                    </button>,
                  ]
                : []),
            ],
          }))}
        />
      )}
      {draft && (
        <form
          className="fr-mt-2w"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!file) return;
            const r = await action.run(() => callsApi.uploadAttachment(p.id, kind, file), `« ${file.name} » est joint au dossier.`);
            if (r) {
              setFile(null);
              if (inputRef.current) inputRef.current.value = '';
              onUploaded(await callsApi.proposal(p.id));
            }
          }}
        >
          <div className="app-calls-grid">
            <SelectField
              path="attachment-kind"
              label="Type de pièce"
              value={kind}
              onChange={(v) => setKind(v as Attachment['kind'])}
              options={[
                { value: 'budget', label: 'Budget prévisionnel détaillé' },
                { value: 'partnership', label: 'Lettre d’engagement d’un partenaire' },
                { value: 'statutes', label: 'Statuts ou extrait Kbis' },
                { value: 'other', label: 'Autre pièce' },
              ]}
            />
            <div className={`fr-upload-group${action.errors.file ? ' fr-upload-group--error' : ''}`}>
              <label className="fr-label" htmlFor={fieldId('attachments.budget')}>
                Fichier
                <span className="fr-hint-text">PDF uniquement, 10 Mo au plus.</span>
              </label>
              <input
                ref={inputRef}
                className="fr-upload"
                type="file"
                id={fieldId('attachments.budget')}
                accept="application/pdf,.pdf"
                aria-describedby={action.errors.file ? errorId : undefined}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
              {action.errors.file && (
                <p className="fr-error-text" id={errorId}>
                  {action.errors.file}
                </p>
              )}
            </div>
          </div>
          <button type="submit" className="fr-btn fr-btn--secondary" disabled={!file || action.busy}>
            Joindre le fichier
          </button>
          <Outcome message={action.message} error={action.errors.file ? null : action.error} />
        </form>
      )}
    </section>
  );
}

function Withdraw({ p, onChanged }: { p: ProposalDetail; onChanged: () => void }) {
  const [motive, setMotive] = useState('');
  const [open, setOpen] = useState(false);
  const action = useAction();
  if (!['draft', 'submitted', 'in_review'].includes(p.status) || p.trainings.some((t) => t.decision)) return null;
  return (
    <section aria-labelledby="retrait" className="fr-mt-6w">
      <h2 id="retrait" className="fr-h4">
        Retirer le dossier
      </h2>
      {!open ? (
        <button type="button" className="fr-btn fr-btn--tertiary" onClick={() => setOpen(true)}>
          Retirer ce dossier…
        </button>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (await action.run(() => callsApi.withdraw(p.id, motive), 'Le dossier est retiré.')) onChanged();
          }}
        >
          <TextField path="withdraw-motive" label="Motif (facultatif)" value={motive} onChange={setMotive} errors={action.errors} />
          <p>Un dossier retiré ne peut plus être déposé.</p>
          <button type="submit" className="fr-btn" disabled={action.busy}>
            Confirmer le retrait
          </button>
          <Outcome message={action.message} error={action.error} />
        </form>
      )}
    </section>
  );
}

function Filed({ p, onChanged }: { p: ProposalDetail; onChanged: () => void }) {
  const upload = useAction();
  return (
    <>
      <Header p={p} />
      <div className="fr-alert fr-alert--info fr-mb-3w">
        <p>
          {p.status === 'withdrawn'
            ? `Dossier retiré le ${dateTime(p.withdrawnAt)}.`
            : `Dossier déposé le ${dateTime(p.submittedAt)} pour la date limite du ${day(p.cutOff)} : il ne se modifie plus.`}
          {p.status === 'decided' && ' Le comité a rendu sa décision pour chaque formation.'}
        </p>
      </div>
      <ProposalView p={p} />
      <Attachments p={p} onUploaded={() => onChanged()} action={upload} />
      <Withdraw p={p} onChanged={onChanged} />
      {p.trainings.some((t) => t.decision === 'accepted') && (
        <p className="fr-mt-4w">
          <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/organisme/conventions">
            Conventions de subvention et justificatifs
          </Link>
        </p>
      )}
    </>
  );
}

