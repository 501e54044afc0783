import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { accountsApi, type OrganisationInput } from '../api/accounts.ts';
import { loadReferentials } from '../api/referentials.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorSummary, useSubmission, type FieldMap } from '../account/forms.tsx';
import { errorState } from '../components/fieldState.ts';
import { FUNDER_TYPES, KIND_LABELS, PRESCRIBER_TYPES } from '../account/labels.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { CommuneCombobox, communeDisplayName } from '../components/CommuneCombobox.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { formatSiret } from '../format/identifiers.ts';
import { formatInteger } from '../format/numbers.ts';
import { announce } from '../router/announcer.ts';
import { navigate, useLocation } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import type { OrganisationKind } from '../session/types.ts';
import '../account/account.css';

const TITLE = 'Organisations';
const KINDS = Object.keys(KIND_LABELS) as OrganisationKind[];

export function OperatorOrganisationsPage() {
  return (
    <RequireSession title={TITLE} roles={['operator']}>
      {() => <Organisations />}
    </RequireSession>
  );
}

function listHref(name: string, kind: string, page: number): string {
  const q = new URLSearchParams();
  if (name) q.set('nom', name);
  if (kind) q.set('type', kind);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `/operateur/organisations${s ? `?${s}` : ''}`;
}

function Organisations() {
  const { searchParams } = useLocation();
  const name = searchParams.get('nom') ?? '';
  const kind = KINDS.includes(searchParams.get('type') as OrganisationKind) ? (searchParams.get('type') as string) : '';
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const query = useMemo(() => {
    const q = new URLSearchParams({ page: String(page), pageSize: '20' });
    if (name) q.set('name', name);
    if (kind) q.set('kind', kind);
    return q.toString();
  }, [name, kind, page]);
  const list = useApi(query, (signal) => accountsApi.organisations(query, signal));
  const [draftName, setDraftName] = useState(name);
  const [draftKind, setDraftKind] = useState(kind);
  useEffect(() => {
    setDraftName(name);
    setDraftKind(kind);
  }, [name, kind]);

  function search(event: FormEvent) {
    event.preventDefault();
    navigate(listHref(draftName.trim(), draftKind, 1), { keepScroll: true });
  }

  const data = list.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <ContentPage
      title={TITLE}
      documentTitle={page > 1 ? `${TITLE} – page ${page}` : TITLE}
      segments={[{ label: 'Mon compte', href: '/compte' }]}
      width="full"
      lead="Les organismes de formation, prescripteurs, employeurs, financeurs et l’opérateur présents sur la plateforme."
    >
      <p>
        <a className="fr-link fr-icon-add-line fr-link--icon-left" href="#org-creer">
          Créer une organisation
        </a>
      </p>
      <form role="search" aria-label="Rechercher une organisation" onSubmit={search} className="app-filters-row fr-mb-3w">
        <Input
          label="Nom contient"
          nativeInputProps={{ id: 'orgs-nom', name: 'nom', type: 'search', autoComplete: 'off', value: draftName, onChange: (e) => setDraftName(e.target.value) }}
        />
        <Select label="Type" nativeSelectProps={{ id: 'orgs-type', name: 'type', value: draftKind, onChange: (e) => setDraftKind(e.target.value) }}>
          <option value="">Tous les types</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <div className="app-filters-row__actions">
          <button type="submit" className="fr-btn">
            Rechercher
          </button>
        </div>
      </form>

      {list.status === 'error' && <Alert severity="error" className="fr-mb-3w" title="La liste est indisponible" description={list.error.message} />}
      {list.status === 'loading' && !data && <p role="status">Chargement des organisations…</p>}
      <div role="status" aria-live="polite" className="fr-sr-only">
        {data && list.status === 'success' ? `${formatInteger(data.total)} organisation${data.total > 1 ? 's' : ''}` : ''}
      </div>
      {data &&
        (data.results.length === 0 ? (
          <p>Aucune organisation ne correspond à cette recherche.</p>
        ) : (
          <>
            <DataTable
              caption={`${formatInteger(data.total)} organisation${data.total > 1 ? 's' : ''}${pageCount > 1 ? ` – page ${page} sur ${pageCount}` : ''}`}
              headers={['Nom', 'Type', 'SIRET', 'Commune (code INSEE)']}
              rows={data.results.map((o) => ({
                key: o.id,
                cells: [
                  <Link href={`/operateur/organisations/${o.id}`}>{o.name}</Link>,
                  `${KIND_LABELS[o.kind] ?? o.kind}${o.subtype ? ` (${PRESCRIBER_TYPES[o.subtype] ?? FUNDER_TYPES[o.subtype] ?? o.subtype})` : ''}`,
                  o.siret ? formatSiret(o.siret) : '—',
                  o.communeCode ?? '—',
                ],
              }))}
            />
            {pageCount > 1 && (
              <Pagination className="fr-mt-2w" count={pageCount} defaultPage={Math.min(page, pageCount)} showFirstLast getPageLinkProps={(p) => ({ href: listHref(name, kind, p) })} />
            )}
          </>
        ))}

      <CreateOrganisation />
    </ContentPage>
  );
}

const FIELDS: FieldMap = {
  kind: { id: 'org-type', label: 'Type d’organisation' },
  name: { id: 'org-nom', label: 'Nom' },
  siret: { id: 'org-siret', label: 'SIRET' },
  nda: { id: 'org-nda', label: 'Numéro de déclaration d’activité (NDA)' },
  subtype: { id: 'org-sous-type', label: 'Catégorie' },
  naf: { id: 'org-naf', label: 'Code NAF' },
  regionCode: { id: 'org-region', label: 'Région' },
  communeCode: { id: 'org-commune', label: 'Commune du siège' },
  address: { id: 'org-adresse', label: 'Adresse' },
};

interface Draft {
  kind: OrganisationKind | '';
  name: string;
  siret: string;
  nda: string;
  subtype: string;
  naf: string;
  regionCode: string;
  communeCode: string;
  address: string;
}

const EMPTY: Draft = { kind: '', name: '', siret: '', nda: '', subtype: '', naf: '', regionCode: '', communeCode: '', address: '' };

function CreateOrganisation() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [communeText, setCommuneText] = useState('');
  const referentials = useApi('referentials', () => loadReferentials());
  const submission = useSubmission();
  const { errors } = submission;
  const k = draft.kind;

  function update(patch: Partial<Draft>) {
    setDraft((d) => ({ ...d, ...patch }));
    for (const name of Object.keys(patch)) submission.clearField(name);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!k) missing.kind = 'Choisissez le type d’organisation.';
    if (!draft.name.trim()) missing.name = 'Indiquez le nom de l’organisation.';
    if (communeText.trim() && !draft.communeCode) missing.communeCode = 'Choisissez une commune dans la liste des propositions, ou videz ce champ.';
    if (Object.keys(missing).length > 0 || !k) return submission.fail(missing);
    const input: OrganisationInput = { kind: k, name: draft.name.trim() };
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    input.siret = optional(draft.siret);
    if (k === 'provider') input.nda = optional(draft.nda);
    if (k === 'prescriber' || k === 'funder') input.subtype = optional(draft.subtype);
    if (k === 'employer') input.naf = optional(draft.naf);
    if (k === 'funder' && draft.subtype === 'region') input.regionCode = optional(draft.regionCode);
    input.communeCode = optional(draft.communeCode);
    input.address = optional(draft.address);
    for (const key of Object.keys(input) as (keyof OrganisationInput)[]) if (input[key] === undefined) delete input[key];
    const r = await submission.run(() => accountsApi.createOrganisation(input));
    if (r) {
      navigate(`/operateur/organisations/${r.value.id}`);
      announce(`Organisation « ${input.name} » créée.`);
    }
  }

  const subtypes = k === 'prescriber' ? PRESCRIBER_TYPES : k === 'funder' ? FUNDER_TYPES : null;

  return (
    <section aria-labelledby="org-creer" className="fr-mt-6w app-panel app-panel--narrow">
      <h2 id="org-creer" className="fr-h3" tabIndex={-1}>
        Créer une organisation
      </h2>
      <p>Les champs demandés dépendent du type d’organisation. Les champs marqués d’un astérisque (*) sont obligatoires.</p>
      <ErrorSummary failure={submission.failure} fields={FIELDS} />
      <form onSubmit={submit} noValidate aria-labelledby="org-creer">
        <Select
          label="Type d’organisation *"
          nativeSelectProps={{ id: FIELDS.kind!.id, name: 'kind', required: true, value: draft.kind, onChange: (e) => update({ kind: e.target.value as OrganisationKind, subtype: '' }) }}
          {...errorState(errors, 'kind')}
        >
          <option value="" disabled>
            Choisissez un type
          </option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </Select>
        <Input
          label="Nom *"
          nativeInputProps={{ id: FIELDS.name!.id, name: 'name', autoComplete: 'off', required: true, maxLength: 200, value: draft.name, onChange: (e) => update({ name: e.target.value }) }}
          {...errorState(errors, 'name')}
        />
        {k && (
          <Input
            label={k === 'provider' || k === 'employer' ? 'SIRET *' : 'SIRET (facultatif)'}
            hintText="14 chiffres, espaces permis. Exemple : 732 829 320 00074"
            nativeInputProps={{ id: FIELDS.siret!.id, name: 'siret', inputMode: 'numeric', autoComplete: 'off', maxLength: 20, value: draft.siret, onChange: (e) => update({ siret: e.target.value }) }}
            {...errorState(errors, 'siret')}
          />
        )}
        {k === 'provider' && (
          <Input
            label="Numéro de déclaration d’activité (NDA) *"
            hintText="11 chiffres, attribués par la DREETS. Exemple : 84691234569"
            nativeInputProps={{ id: FIELDS.nda!.id, name: 'nda', inputMode: 'numeric', autoComplete: 'off', maxLength: 20, value: draft.nda, onChange: (e) => update({ nda: e.target.value }) }}
            {...errorState(errors, 'nda')}
          />
        )}
        {subtypes && (
          <Select
            label={k === 'prescriber' ? 'Type de prescripteur *' : 'Type de financeur *'}
            nativeSelectProps={{ id: FIELDS.subtype!.id, name: 'subtype', required: true, value: draft.subtype, onChange: (e) => update({ subtype: e.target.value }) }}
            {...errorState(errors, 'subtype')}
          >
            <option value="" disabled>
              Choisissez un type
            </option>
            {Object.entries(subtypes).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        )}
        {k === 'funder' && draft.subtype === 'region' && (
          <Select
            label="Région financeuse *"
            nativeSelectProps={{ id: FIELDS.regionCode!.id, name: 'regionCode', required: true, value: draft.regionCode, onChange: (e) => update({ regionCode: e.target.value }) }}
            {...errorState(errors, 'regionCode')}
          >
            <option value="" disabled>
              Choisissez une région
            </option>
            {(referentials.data?.regions ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </Select>
        )}
        {k === 'employer' && (
          <Input
            label="Code NAF *"
            hintText="Activité principale (APE), au format 62.01Z"
            nativeInputProps={{ id: FIELDS.naf!.id, name: 'naf', autoComplete: 'off', maxLength: 10, value: draft.naf, onChange: (e) => update({ naf: e.target.value }) }}
            {...errorState(errors, 'naf')}
          />
        )}
        {k && (
          <>
            <CommuneCombobox
              id={FIELDS.communeCode!.id}
              label={k === 'provider' ? 'Commune du siège *' : 'Commune du siège (facultatif)'}
              hint={draft.communeCode ? `Code INSEE retenu : ${draft.communeCode}` : 'Nom ou code postal, puis choisissez dans la liste'}
              text={communeText}
              onTextChange={(text) => {
                setCommuneText(text);
                if (draft.communeCode) update({ communeCode: '' });
              }}
              onSelect={(commune) => {
                setCommuneText(communeDisplayName(commune));
                update({ communeCode: commune.code });
              }}
              errorMessage={errors.communeCode}
            />
            <Input
              label="Adresse (facultatif)"
              nativeInputProps={{ id: FIELDS.address!.id, name: 'address', autoComplete: 'off', maxLength: 300, value: draft.address, onChange: (e) => update({ address: e.target.value }) }}
              {...errorState(errors, 'address')}
            />
          </>
        )}
        <button type="submit" className="fr-btn">
          Créer l’organisation
        </button>
      </form>
    </section>
  );
}
