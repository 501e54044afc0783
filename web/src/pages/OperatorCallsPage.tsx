import { useState } from 'react';
import { RequireSession } from '../account/RequireSession.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { callsApi, type CallDetail, type CallForm, type CallInput, type CallStatus } from '../calls/api.ts';
import { CALL_STATUS, day, euros, PUBLICS } from '../calls/labels.ts';
import { accountsApi } from '../api/accounts.ts';
import { Badge, CheckboxField, EurosField, fieldId, LoadError, NumberField, Outcome, ProblemList, SelectField, TextField, useAction, useReload, type Errors } from '../calls/ui.tsx';
import '../calls/calls.css';

const TITLE = 'Appels à projets';
const SEGMENTS = [{ label: 'Appels à projets (gestion)', href: '/operateur/appels' }];

/** The operator's calls: every state, drafts included. */
export function OperatorCallsPage() {
  return <RequireSession title={TITLE} roles={['operator']}>{() => <CallsList />}</RequireSession>;
}

function CallsList() {
  const { state } = useReload('calls-all', (signal) => callsApi.calls(true, signal));
  return (
    <ContentPage title={TITLE} width="full" lead="Préparer, publier, instruire et décider les appels à labellisation.">
      <p>
        <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" href="/operateur/appels/nouveau">
          Nouvel appel
        </Link>
      </p>
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.data && (
        <DataTable
          caption="Appels à projets"
          hideCaption
          headers={['Appel', 'Vague', 'État', 'Enveloppe', 'Dates limites', 'Instruction', 'Comité']}
          rows={state.data.map((c) => ({
            key: c.id,
            cells: [
              <Link key="l" href={`/operateur/appels/${c.id}`}>
                {c.title}
              </Link>,
              String(c.wave),
              <Badge key="b">{CALL_STATUS[c.status]}</Badge>,
              euros(c.envelopeCents),
              c.cutOffs.map((x) => day(x)).join(', '),
              <Link key="i" href={`/operateur/appels/${c.id}/instruction`}>
                Instructeur·rices<span className="fr-sr-only"> de « {c.title} »</span>
              </Link>,
              <Link key="c" href={`/operateur/appels/${c.id}/comite`}>
                Vue du comité<span className="fr-sr-only"> de « {c.title} »</span>
              </Link>,
            ],
          }))}
        />
      )}
      <p>
        <Link className="fr-link" href="/operateur/labels">
          Labels des formations
        </Link>{' '}
        ·{' '}
        <Link className="fr-link" href="/operateur/conventions">
          Conventions, versements et suivi financier
        </Link>
      </p>
    </ContentPage>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function defaultInput(): CallInput {
  return {
    title: '',
    wave: 4,
    summary: '',
    envelopeCents: 500_000_000,
    funderId: null,
    form: {
      openingDate: today(),
      cutOffs: [inDays(45)],
      caps: { perTrainingCents: 7_000_000, perOrganisationCents: 18_000_000, maxShareOfBudgetPct: 80 },
      priorities: { regions: [], romeCodes: [], publics: ['women', 'neet', 'low_qualified'] },
      eligibility: {
        minLowQualifiedJobSeekersPerSession: 10,
        freeForJobSeekers: true,
        declarations: [{ code: 'open_without_diploma', label: 'La formation est ouverte sans condition de diplôme, la sélection se fait sur la motivation.' }],
      },
      grid: [
        { code: 'local_roots', label: 'Ancrage territorial', weight: 2 },
        { code: 'content', label: 'Contenu de la formation', weight: 2 },
        { code: 'publics', label: 'Publics visés', weight: 2 },
        { code: 'partnerships', label: 'Partenariats', weight: 1 },
        { code: 'job_prospects', label: 'Débouchés professionnels', weight: 1 },
      ],
      tranches: [
        { label: 'À la signature de la convention', sharePct: 50 },
        { label: 'À mi-parcours', sharePct: 30 },
        { label: 'Au rapport final', sharePct: 20 },
      ],
    },
  };
}

/** Creation (/operateur/appels/nouveau) or edition of a call, with its lifecycle buttons. */
export function CallEditorPage({ params }: { params: Record<string, string> }) {
  const creating = !params.id || params.id === 'nouveau';
  return (
    <RequireSession title={creating ? 'Nouvel appel' : 'Appel à projets'} roles={['operator']} segments={SEGMENTS}>
      {() => (creating ? <NewCall /> : <ExistingCall id={params.id!} />)}
    </RequireSession>
  );
}

function NewCall() {
  const save = useAction();
  const status = useAction();
  return <CallEditor initial={null} save={save} status={status} />;
}

function ExistingCall({ id }: { id: string }) {
  const { state, reload } = useReload(`call:${id}`, (signal) => callsApi.call(id, signal));
  // kept here: the editor is rebuilt after each change, its messages stay
  const save = useAction();
  const status = useAction();
  if (state.status === 'error') {
    return (
      <ContentPage title="Appel à projets" segments={SEGMENTS}>
        <LoadError error={state.error} />
      </ContentPage>
    );
  }
  if (!state.data) return <p role="status">Chargement…</p>;
  return <CallEditor key={`${state.data.id}-${state.data.status}-${state.data.version}`} initial={state.data} onChanged={reload} save={save} status={status} />;
}

const NEXT: Partial<Record<CallStatus, { to: CallStatus; label: string }>> = {
  draft: { to: 'open', label: 'Publier et ouvrir l’appel' },
  open: { to: 'closed', label: 'Clore les dépôts' },
  closed: { to: 'reviewing', label: 'Passer en instruction' },
  reviewing: { to: 'decided', label: 'Marquer l’appel comme décidé' },
};

function CallEditor({ initial, onChanged, save, status }: { initial: CallDetail | null; onChanged?: () => void; save: ReturnType<typeof useAction>; status: ReturnType<typeof useAction> }) {
  const [input, setInput] = useState<CallInput>(
    initial ? { title: initial.title, wave: initial.wave, summary: initial.summary, envelopeCents: initial.envelopeCents, funderId: initial.funderId, form: initial.form } : defaultInput(),
  );
  const [romeText, setRomeText] = useState(input.form.priorities.romeCodes.join(', '));
  const [regionText, setRegionText] = useState(input.form.priorities.regions.join(', '));
  const editable = !initial || initial.status === 'draft' || initial.status === 'open';
  const errors: Errors = save.errors;
  const form = input.form;
  const setForm = (patch: Partial<CallForm>) => setInput({ ...input, form: { ...form, ...patch } });
  const title = initial ? initial.title : 'Nouvel appel';
  const next = initial ? NEXT[initial.status] : undefined;
  const split = (s: string) =>
    s
      .split(/[\s,;]+/)
      .map((x) => x.trim().toUpperCase())
      .filter(Boolean);

  return (
    <ContentPage title={title} width="full" segments={SEGMENTS}>
      {initial && (
        <>
          <p>
            <Badge>{CALL_STATUS[initial.status]}</Badge> Version {initial.version} du formulaire
            {initial.versions.length > 1 && ` (${initial.versions.length} versions : un dossier reste lié à celle sur laquelle il a été déposé)`}.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
            {initial.status !== 'draft' && (
              <li>
                <Link className="fr-btn fr-btn--tertiary" href={`/appels/${initial.id}`}>
                  Page publique
                </Link>
              </li>
            )}
            <li>
              <Link className="fr-btn fr-btn--tertiary" href={`/operateur/appels/${initial.id}/instruction`}>
                Instructeur·rices
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--tertiary" href={`/operateur/appels/${initial.id}/comite`}>
                Vue du comité
              </Link>
            </li>
          </ul>
          {next && (
            <div className="app-calls-actions">
              <button type="button" className="fr-btn" disabled={status.busy} onClick={async () => (await status.run(() => callsApi.callStatus(initial.id, next.to), `L’appel est maintenant « ${CALL_STATUS[next.to].toLowerCase()} ».`)) && onChanged?.()}>
                {next.label}
              </button>
            </div>
          )}
          <Outcome message={status.message} error={status.error} />
        </>
      )}
      {!editable && <p>Un appel clos ne se modifie plus.</p>}
      {editable && (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            if (initial) {
              const r = await save.run(() => callsApi.updateCall(initial.id, input), 'Appel enregistré.');
              if (r) onChanged?.();
            } else {
              const r = await save.run(() => callsApi.createCall(input));
              if (r) navigate(`/operateur/appels/${r.id}`);
            }
          }}
        >
          <ProblemList title="Certains champs sont à corriger" problems={Object.entries(errors).map(([field, message]) => ({ field, message }))} focusKey={save.attempt} />
          <fieldset className="app-calls-fieldset">
            <legend>L’appel</legend>
            <TextField path="title" label="Titre" value={input.title} onChange={(v) => setInput({ ...input, title: v })} errors={errors} />
            <div className="app-calls-grid">
              <NumberField path="wave" label="Vague" min={1} max={99} value={input.wave} onChange={(v) => setInput({ ...input, wave: v ?? 0 })} errors={errors} />
              <EurosField path="envelopeCents" label="Enveloppe" value={input.envelopeCents} onChange={(v) => setInput({ ...input, envelopeCents: v ?? 0 })} errors={errors} />
            </div>
            <FunderField value={input.funderId ?? null} onChange={(funderId) => setInput({ ...input, funderId })} errors={errors} />
            <TextField path="summary" label="Présentation publique" multiline value={input.summary} onChange={(v) => setInput({ ...input, summary: v })} errors={errors} />
          </fieldset>
          <fieldset className="app-calls-fieldset">
            <legend>Calendrier</legend>
            <TextField path="form.openingDate" type="date" label="Ouverture des dépôts" value={form.openingDate} onChange={(v) => setForm({ openingDate: v })} errors={errors} />
            {form.cutOffs.map((c, i) => (
              <div key={i}>
                <TextField path={`form.cutOffs.${i}`} type="date" label={`Date limite ${i + 1}`} value={c} onChange={(v) => setForm({ cutOffs: form.cutOffs.map((x, j) => (j === i ? v : x)) })} errors={errors} />
                {form.cutOffs.length > 1 && (
                  <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-mb-2w" onClick={() => setForm({ cutOffs: form.cutOffs.filter((_, j) => j !== i) })}>
                    Retirer la date limite {i + 1}
                  </button>
                )}
              </div>
            ))}
            <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-mb-2w" onClick={() => setForm({ cutOffs: [...form.cutOffs, form.cutOffs.at(-1) ?? today()] })}>
              Ajouter une date limite
            </button>
          </fieldset>
          <fieldset className="app-calls-fieldset">
            <legend>Plafonds</legend>
            <div className="app-calls-grid app-calls-grid--3">
              <EurosField path="form.caps.perTrainingCents" label="Par formation" value={form.caps.perTrainingCents} onChange={(v) => setForm({ caps: { ...form.caps, perTrainingCents: v ?? 0 } })} errors={errors} />
              <EurosField path="form.caps.perOrganisationCents" label="Par organisme" value={form.caps.perOrganisationCents} onChange={(v) => setForm({ caps: { ...form.caps, perOrganisationCents: v ?? 0 } })} errors={errors} />
              <NumberField path="form.caps.maxShareOfBudgetPct" label="Part du budget de la formation (%)" min={1} max={100} value={form.caps.maxShareOfBudgetPct} onChange={(v) => setForm({ caps: { ...form.caps, maxShareOfBudgetPct: v ?? 0 } })} errors={errors} />
            </div>
          </fieldset>
          <fieldset className="app-calls-fieldset">
            <legend>Priorités et critères d’éligibilité</legend>
            <p className="fr-text--bold fr-mb-1w">Publics prioritaires</p>
            {Object.entries(PUBLICS).map(([code, label]) => (
              <CheckboxField
                key={code}
                path={`form.priorities.publics.${code}`}
                label={label}
                checked={form.priorities.publics.includes(code)}
                onChange={(v) => setForm({ priorities: { ...form.priorities, publics: v ? [...form.priorities.publics, code] : form.priorities.publics.filter((x) => x !== code) } })}
              />
            ))}
            <div className="app-calls-grid">
              <TextField
                path="form.priorities.romeCodes"
                label="Métiers prioritaires (codes ROME)"
                hint="Séparés par des virgules"
                value={romeText}
                onChange={(v) => {
                  setRomeText(v);
                  setForm({ priorities: { ...form.priorities, romeCodes: split(v) } });
                }}
                errors={errors}
              />
              <TextField
                path="form.priorities.regions"
                label="Régions prioritaires (codes INSEE)"
                hint="Par exemple 84, 11"
                value={regionText}
                onChange={(v) => {
                  setRegionText(v);
                  setForm({ priorities: { ...form.priorities, regions: split(v) } });
                }}
                errors={errors}
              />
            </div>
            <NumberField
              path="form.eligibility.minLowQualifiedJobSeekersPerSession"
              label="Demandeur·ses d’emploi peu qualifié·es au moins, par session"
              min={0}
              value={form.eligibility.minLowQualifiedJobSeekersPerSession}
              onChange={(v) => setForm({ eligibility: { ...form.eligibility, minLowQualifiedJobSeekersPerSession: v ?? 0 } })}
              errors={errors}
            />
            <CheckboxField path="form.eligibility.freeForJobSeekers" label="Gratuité exigée pour les demandeur·ses d’emploi" checked={form.eligibility.freeForJobSeekers} onChange={(v) => setForm({ eligibility: { ...form.eligibility, freeForJobSeekers: v } })} />
            <Declarations declarations={form.eligibility.declarations} onChange={(declarations) => setForm({ eligibility: { ...form.eligibility, declarations } })} errors={errors} />
          </fieldset>
          <fieldset className="app-calls-fieldset">
            <legend>Grille de notation</legend>
            {form.grid.map((c, i) => (
              <div key={i} className="app-calls-grid app-calls-grid--3">
                <TextField path={`form.grid.${i}.label`} label={`Critère ${i + 1}`} value={c.label} onChange={(v) => setForm({ grid: form.grid.map((x, j) => (j === i ? { ...x, label: v } : x)) })} errors={errors} />
                <TextField path={`form.grid.${i}.code`} label={`Code du critère ${i + 1}`} value={c.code} onChange={(v) => setForm({ grid: form.grid.map((x, j) => (j === i ? { ...x, code: v } : x)) })} errors={errors} />
                <NumberField path={`form.grid.${i}.weight`} label={`Poids du critère ${i + 1}`} min={1} max={100} value={c.weight} onChange={(v) => setForm({ grid: form.grid.map((x, j) => (j === i ? { ...x, weight: v ?? 0 } : x)) })} errors={errors} />
                {form.grid.length > 1 && (
                  <div>
                    <button
                      type="button"
                      className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left fr-mb-2w"
                      onClick={() => {
                        setForm({ grid: form.grid.filter((_, j) => j !== i) });
                        // the focus goes to the criterion now in this place, or to the add button
                        focusLater(i < form.grid.length - 1 ? fieldId(`form.grid.${i}.label`) : 'add-criterion');
                      }}
                    >
                      Retirer le critère {i + 1}
                      <span className="fr-sr-only"> « {c.label || c.code} »</span>
                    </button>
                  </div>
                )}
              </div>
            ))}
            {errors['form.grid'] && (
              <p className="fr-error-text" id={fieldId('form.grid')} tabIndex={-1}>
                {errors['form.grid']}
              </p>
            )}
            <p className="fr-hint-text">Le poids de chaque critère est rapporté à la somme des poids. Un dossier déjà déposé garde la grille de la version sur laquelle il a été déposé.</p>
            {form.grid.length < 15 && (
              <button id="add-criterion" type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-mb-2w" onClick={() => setForm({ grid: [...form.grid, { code: `critere_${form.grid.length + 1}`, label: '', weight: 1 }] })}>
                Ajouter un critère
              </button>
            )}
          </fieldset>
          <fieldset className="app-calls-fieldset">
            <legend>Versements de la subvention</legend>
            {form.tranches.map((t, i) => (
              <div key={i} className="app-calls-grid">
                <TextField path={`form.tranches.${i}.label`} label={`Versement ${i + 1}`} value={t.label} onChange={(v) => setForm({ tranches: form.tranches.map((x, j) => (j === i ? { ...x, label: v } : x)) })} errors={errors} />
                <NumberField path={`form.tranches.${i}.sharePct`} label={`Part du versement ${i + 1} (%)`} min={1} max={100} value={t.sharePct} onChange={(v) => setForm({ tranches: form.tranches.map((x, j) => (j === i ? { ...x, sharePct: v ?? 0 } : x)) })} errors={errors} />
              </div>
            ))}
            {errors['form.tranches'] && <p className="fr-error-text">{errors['form.tranches']}</p>}
          </fieldset>
          <button type="submit" className="fr-btn" disabled={save.busy}>
            {initial ? (initial.status === 'open' ? 'Enregistrer (nouvelle version du formulaire)' : 'Enregistrer') : 'Créer l’appel (brouillon)'}
          </button>
          <Outcome message={save.message} error={Object.keys(errors).length ? null : save.error} />
        </form>
      )}
    </ContentPage>
  );
}

/** Moves the focus to an element once React has rendered the change (after a removal). */
function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

const STATE_FUNDER = 'État (GIP Grande École du Numérique)';

/** The funder of the call: the State by default, or a funder organisation (it then follows the call's grants). */
function FunderField({ value, onChange, errors }: { value: string | null; onChange: (v: string | null) => void; errors: Errors }) {
  const { state } = useReload('funders', (signal) => accountsApi.organisations('kind=funder&pageSize=100', signal));
  const options = (state.data?.results ?? []).map((o) => ({ value: o.id, label: o.name }));
  // a funder that is not (yet) in the list stays selectable
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: state.data ? 'Financeur actuel' : 'Chargement…' });
  return (
    <>
      <SelectField
        path="funderId"
        label="Financeur"
        hint="Les conventions de l’appel sont suivies par ce financeur, qui voit ce qu’il finance."
        placeholder={STATE_FUNDER}
        value={value ?? ''}
        onChange={(v) => onChange(v || null)}
        options={options}
        errors={errors}
      />
      {state.status === 'error' && <p className="fr-error-text">La liste des financeurs n’a pas pu être chargée : {state.error.message}</p>}
    </>
  );
}

/** The declarations a provider certifies when filing (hard eligibility criteria of the call). */
function Declarations({ declarations, onChange, errors }: { declarations: CallForm['eligibility']['declarations']; onChange: (d: CallForm['eligibility']['declarations']) => void; errors: Errors }) {
  const set = (i: number, patch: Partial<CallForm['eligibility']['declarations'][number]>) => onChange(declarations.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <fieldset className="app-calls-fieldset" aria-describedby="declarations-hint">
      <legend>Engagements à certifier par l’organisme</legend>
      <p className="fr-hint-text" id="declarations-hint">
        Chaque engagement est une case que l’organisme coche au dépôt ; un dossier ne peut pas être déposé sans les avoir tous certifiés.
      </p>
      {declarations.length === 0 && <p>Aucun engagement n’est demandé.</p>}
      {declarations.map((d, i) => (
        <div key={i} className="app-calls-grid">
          <TextField path={`form.eligibility.declarations.${i}.label`} label={`Engagement ${i + 1}`} multiline value={d.label} onChange={(v) => set(i, { label: v })} errors={errors} />
          <div>
            <TextField
              path={`form.eligibility.declarations.${i}.code`}
              label={`Code de l’engagement ${i + 1}`}
              hint="Minuscules, chiffres et « _ », distinct des autres"
              value={d.code}
              onChange={(v) => set(i, { code: v })}
              errors={errors}
            />
            <button
              type="button"
              className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left fr-mb-2w"
              onClick={() => {
                onChange(declarations.filter((_, j) => j !== i));
                focusLater(i < declarations.length - 1 ? fieldId(`form.eligibility.declarations.${i}.label`) : 'add-declaration');
              }}
            >
              Retirer l’engagement {i + 1}
            </button>
          </div>
        </div>
      ))}
      {errors['form.eligibility.declarations'] && <p className="fr-error-text">{errors['form.eligibility.declarations']}</p>}
      {declarations.length < 20 && (
        <button
          id="add-declaration"
          type="button"
          className="fr-btn fr-btn--secondary fr-btn--sm fr-mb-2w"
          onClick={() => {
            onChange([...declarations, { code: `engagement_${declarations.length + 1}`, label: '' }]);
            focusLater(fieldId(`form.eligibility.declarations.${declarations.length}.label`));
          }}
        >
          Ajouter un engagement
        </button>
      )}
    </fieldset>
  );
}
