import { useEffect, useState, type FormEvent } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { CheckboxField } from '../account/CheckboxField.tsx';
import { ErrorSummary, useSubmission, type FieldErrors, type FieldMap } from '../account/forms.tsx';
import { errorState } from '../components/fieldState.ts';
import { safeReturnPath } from '../account/labels.ts';
import { RequireSession } from '../account/RequireSession.tsx';
import { candidatesApi, type DiplomaLevel, type Follow, type Gender, type OwnProfile, type ProfileInput, type Situation } from '../candidates/api.ts';
import { CandidateNav } from '../candidates/CandidateNav.tsx';
import { DIPLOMA_LABELS, formatInstant, GENDER_LABELS, SITUATION_LABELS } from '../candidates/labels.ts';
import { CommuneCombobox, communeDisplayName } from '../components/CommuneCombobox.tsx';
import { ContentPage } from '../components/ContentPage.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { useLocation } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { announce } from '../router/announcer.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import '../account/account.css';
import '../candidates/candidates.css';

const TITLE = 'Mon profil de candidat·e';

const FIELDS: FieldMap = {
  givenName: { id: 'profil-prenom', label: 'Prénom' },
  familyName: { id: 'profil-nom', label: 'Nom' },
  birthDate: { id: 'profil-naissance', label: 'Date de naissance' },
  phone: { id: 'profil-telephone', label: 'Téléphone' },
  communeCode: { id: 'profil-commune', label: 'Commune de résidence' },
  gender: { id: 'profil-genre', label: 'Genre' },
  diplomaLevel: { id: 'profil-diplome', label: 'Plus haut diplôme obtenu' },
  situation: { id: 'profil-situation', label: 'Situation actuelle' },
  qpvCode: { id: 'profil-qpv', label: 'Code du quartier prioritaire' },
  zrr: { id: 'profil-zrr', label: 'Zone de revitalisation rurale' },
  rqth: { id: 'profil-rqth', label: 'RQTH' },
  'income.euros': { id: 'profil-revenu', label: 'Revenu brut global du foyer' },
  'income.children': { id: 'profil-enfants', label: 'Enfants à charge' },
  'income.childrenHigherEducation': { id: 'profil-enfants-sup', label: 'Enfants dans l’enseignement supérieur' },
  'consents.profile': { id: 'profil-accord', label: 'Accord pour le traitement du profil' },
};

export function CandidateProfilePage() {
  return (
    <RequireSession title={TITLE} roles={['candidate']}>
      {() => <ProfileLoader />}
    </RequireSession>
  );
}

function ProfileLoader() {
  const [version, setVersion] = useState(0);
  const state = useApi(`profile-${version}`, (signal) => candidatesApi.profile(signal));
  if (state.status === 'error' && !state.data) return <ErrorPage message={state.error.message} />;
  if (!state.data) return <PageLoading label="Chargement de votre profil…" />;
  return <ProfileView data={state.data} onChanged={() => setVersion((v) => v + 1)} />;
}

interface Draft {
  givenName: string;
  familyName: string;
  birthDate: string;
  phone: string;
  communeCode: string;
  communeText: string;
  gender: Gender | '';
  diplomaLevel: DiplomaLevel | '';
  situation: Situation | '';
  qpvCode: string;
  zrr: boolean;
  health: boolean;
  rqth: 'yes' | 'no' | '';
  incomeConsent: boolean;
  income: string;
  children: string;
  childrenHigherEducation: string;
  profileConsent: boolean;
}

function draftOf(data: OwnProfile): Draft {
  const p = data.profile;
  return {
    givenName: data.identity.givenName,
    familyName: data.identity.familyName,
    birthDate: data.identity.birthDate ?? '',
    phone: p?.phone ?? '',
    communeCode: p?.communeCode ?? '',
    communeText: p ? (p.communeName ? communeDisplayName({ name: p.communeName, departement: p.communeCode.startsWith('97') ? p.communeCode.slice(0, 3) : p.communeCode.slice(0, 2) }) : p.communeCode) : '',
    gender: p?.gender ?? '',
    diplomaLevel: p?.diplomaLevel ?? '',
    situation: p?.situation ?? '',
    qpvCode: p?.qpvCode ?? '',
    zrr: p?.zrr ?? false,
    health: data.consents.health !== null,
    rqth: p?.rqth === true ? 'yes' : p?.rqth === false ? 'no' : '',
    incomeConsent: data.consents.income !== null,
    income: p?.income ? String(p.income.euros) : '',
    children: p?.income ? String(p.income.children) : '0',
    childrenHigherEducation: p?.income ? String(p.income.childrenHigherEducation) : '0',
    profileConsent: data.consents.profile !== null,
  };
}

/** Checks the browser can make before sending (the server checks everything again). */
function localErrors(d: Draft): FieldErrors {
  const e: FieldErrors = {};
  if (!d.givenName.trim()) e.givenName = 'Indiquez votre prénom.';
  if (!d.familyName.trim()) e.familyName = 'Indiquez votre nom.';
  if (!d.communeCode) e.communeCode = 'Choisissez votre commune de résidence dans la liste.';
  if (!d.gender) e.gender = 'Choisissez une réponse.';
  if (!d.diplomaLevel) e.diplomaLevel = 'Choisissez votre plus haut diplôme.';
  if (!d.situation) e.situation = 'Choisissez votre situation actuelle.';
  if (d.incomeConsent && !/^\d{1,9}$/.test(d.income.replace(/\s/g, ''))) e['income.euros'] = 'Indiquez le revenu en euros entiers, sans centimes (exemple : 18500).';
  if (d.incomeConsent && !/^\d{1,2}$/.test(d.children)) e['income.children'] = 'Indiquez un nombre entier (0 si aucun).';
  if (d.incomeConsent && !/^\d{1,2}$/.test(d.childrenHigherEducation)) e['income.childrenHigherEducation'] = 'Indiquez un nombre entier (0 si aucun).';
  if (!d.profileConsent) e['consents.profile'] = 'Pour enregistrer votre profil, acceptez qu’il soit traité pour vos candidatures.';
  return e;
}

function inputOf(d: Draft, accountBirthDate: string | null): ProfileInput {
  return {
    givenName: d.givenName,
    familyName: d.familyName,
    birthDate: accountBirthDate ? undefined : d.birthDate || null,
    phone: d.phone.trim() || null,
    communeCode: d.communeCode,
    gender: d.gender,
    diplomaLevel: d.diplomaLevel,
    situation: d.situation,
    qpvCode: d.qpvCode.trim() || null,
    zrr: d.zrr,
    rqth: d.health && d.rqth ? d.rqth === 'yes' : null,
    income: d.incomeConsent
      ? { euros: Number(d.income.replace(/\s/g, '')), children: Number(d.children), childrenHigherEducation: Number(d.childrenHigherEducation) }
      : null,
    consents: { profile: d.profileConsent, health: d.health, income: d.incomeConsent },
  };
}

function ProfileView({ data, onChanged }: { data: OwnProfile; onChanged: () => void }) {
  const { searchParams } = useLocation();
  const session = useSession();
  const back = safeReturnPath(searchParams.get('retour'));
  const [draft, setDraft] = useState<Draft>(() => draftOf(data));
  const [saved, setSaved] = useState(false);
  const submission = useSubmission();
  const { errors } = submission;
  const set = (patch: Partial<Draft>, field?: string) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
    if (field) submission.clearField(field);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local = localErrors(draft);
    if (Object.keys(local).length > 0) return submission.fail(local);
    const done = await submission.run(() => candidatesApi.saveProfile(inputOf(draft, data.identity.birthDate)));
    if (done) {
      setDraft(draftOf(done.value));
      setSaved(true);
      announce('Votre profil est enregistré.');
      // the header shows the name: ask the server again if it changed
      if (done.value.identity.givenName !== data.identity.givenName || done.value.identity.familyName !== data.identity.familyName) void session.refresh();
    }
  }

  const text = (name: keyof Draft & string, field: string) => ({
    value: draft[name] as string,
    onChange: (e: { target: { value: string } }) => set({ [name]: e.target.value } as Partial<Draft>, field),
  });

  return (
    <ContentPage title={TITLE} width="full" segments={[{ label: 'Mon compte', href: '/compte' }]}>
      <CandidateNav current="/candidat/profil" />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <p>
            Votre profil sert à établir votre diagnostic d’éligibilité (les publics prioritaires de la Grande École du Numérique) et
            accompagne vos candidatures. Les champs marqués d’un astérisque sont obligatoires.
          </p>
          <div role="status" aria-live="polite">
            {saved && (
              <Alert
                severity="success"
                small
                className="fr-mb-3w"
                description={
                  <>
                    Votre profil est enregistré. {back ? <Link href={back}>Revenir à votre candidature</Link> : <Link href="/candidat/diagnostic">Établir ou mettre à jour mon diagnostic</Link>}
                  </>
                }
              />
            )}
          </div>
          <ErrorSummary failure={submission.failure} fields={FIELDS} />
          <form onSubmit={submit} noValidate aria-label="Mon profil">
            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend fr-h5">Identité et contact</legend>
              <div className="fr-fieldset__element">
                <Input label="Prénom *" nativeInputProps={{ id: FIELDS.givenName!.id, autoComplete: 'given-name', required: true, ...text('givenName', 'givenName') }} {...errorState(errors, 'givenName')} />
              </div>
              <div className="fr-fieldset__element">
                <Input label="Nom *" nativeInputProps={{ id: FIELDS.familyName!.id, autoComplete: 'family-name', required: true, ...text('familyName', 'familyName') }} {...errorState(errors, 'familyName')} />
              </div>
              <div className="fr-fieldset__element">
                {data.identity.birthDate ? (
                  <p>
                    <span className="fr-text--bold">Date de naissance : </span>
                    {formatInstant(`${data.identity.birthDate}T12:00:00Z`)} <span className="fr-hint-text app-inline-hint">(celle de votre compte)</span>
                  </p>
                ) : (
                  <Input
                    label="Date de naissance"
                    hintText="Elle sert au critère « moins de 26 ans ». Format attendu : JJ/MM/AAAA."
                    nativeInputProps={{ id: FIELDS.birthDate!.id, type: 'date', autoComplete: 'bday', ...text('birthDate', 'birthDate') }}
                    {...errorState(errors, 'birthDate')}
                  />
                )}
              </div>
              <div className="fr-fieldset__element">
                <p>
                  <span className="fr-text--bold">Adresse e-mail : </span>
                  {data.identity.email} <span className="fr-hint-text app-inline-hint">(celle de votre compte)</span>
                </p>
              </div>
              <div className="fr-fieldset__element">
                <Input
                  label="Téléphone (facultatif)"
                  hintText="Pour que l’organisme de formation puisse vous appeler. Exemple : 06 12 34 56 78"
                  nativeInputProps={{ id: FIELDS.phone!.id, type: 'tel', autoComplete: 'tel', ...text('phone', 'phone') }}
                  {...errorState(errors, 'phone')}
                />
              </div>
            </fieldset>

            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend fr-h5">Votre situation</legend>
              <div className="fr-fieldset__element">
                <CommuneCombobox
                  id={FIELDS.communeCode!.id}
                  label="Commune de résidence *"
                  hint="Saisissez au moins 2 lettres ou le code postal, puis choisissez dans la liste."
                  text={draft.communeText}
                  onTextChange={(t) => set({ communeText: t, communeCode: '' }, 'communeCode')}
                  onSelect={(c) => set({ communeText: communeDisplayName(c), communeCode: c.code }, 'communeCode')}
                  errorMessage={errors.communeCode}
                />
              </div>
              <div className="fr-fieldset__element">
                <RadioButtons
                  id={FIELDS.gender!.id}
                  legend="Genre *"
                  hintText="Les femmes sont un public prioritaire des formations labellisées."
                  name="gender"
                  options={(Object.keys(GENDER_LABELS) as Gender[]).map((g) => ({
                    label: GENDER_LABELS[g],
                    nativeInputProps: { value: g, checked: draft.gender === g, onChange: () => set({ gender: g }, 'gender') },
                  }))}
                  {...errorState(errors, 'gender')}
                />
              </div>
              <div className="fr-fieldset__element">
                <Select
                  label="Plus haut diplôme obtenu *"
                  nativeSelectProps={{ id: FIELDS.diplomaLevel!.id, value: draft.diplomaLevel, onChange: (e) => set({ diplomaLevel: e.target.value as DiplomaLevel }, 'diplomaLevel') }}
                  {...errorState(errors, 'diplomaLevel')}
                >
                  <option value="" disabled>
                    Choisissez
                  </option>
                  {(Object.keys(DIPLOMA_LABELS) as DiplomaLevel[]).map((l) => (
                    <option key={l} value={l}>
                      {DIPLOMA_LABELS[l]}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="fr-fieldset__element">
                <RadioButtons
                  id={FIELDS.situation!.id}
                  legend="Situation actuelle *"
                  name="situation"
                  options={(Object.keys(SITUATION_LABELS) as Situation[]).map((s) => ({
                    label: SITUATION_LABELS[s],
                    nativeInputProps: { value: s, checked: draft.situation === s, onChange: () => set({ situation: s }, 'situation') },
                  }))}
                  {...errorState(errors, 'situation')}
                />
              </div>
              <div className="fr-fieldset__element">
                <Input
                  label="Code du quartier prioritaire (facultatif)"
                  hintText="Si vous habitez un quartier prioritaire de la politique de la ville : son code de la liste 2024, par exemple QN06901M (à retrouver sur sig.ville.gouv.fr)."
                  nativeInputProps={{ id: FIELDS.qpvCode!.id, autoComplete: 'off', spellCheck: false, ...text('qpvCode', 'qpvCode') }}
                  {...errorState(errors, 'qpvCode')}
                />
              </div>
              <div className="fr-fieldset__element">
                <CheckboxField
                  id={FIELDS.zrr!.id}
                  name="zrr"
                  label="J’habite en zone de revitalisation rurale (ZRR)"
                  checked={draft.zrr}
                  onChange={(v) => set({ zrr: v }, 'zrr')}
                  error={errors.zrr}
                />
              </div>
            </fieldset>

            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend fr-h5">Données facultatives, avec votre accord</legend>
              <div className="fr-fieldset__element">
                <CheckboxField
                  id="profil-accord-sante"
                  name="healthConsent"
                  label="J’accepte que ma reconnaissance de la qualité de travailleur handicapé (RQTH), donnée de santé, soit enregistrée pour le diagnostic."
                  hint="Vous pouvez retirer cet accord à tout moment : la donnée est alors effacée."
                  checked={draft.health}
                  onChange={(v) => set({ health: v, rqth: v ? draft.rqth : '' }, 'rqth')}
                />
              </div>
              {draft.health && (
                <div className="fr-fieldset__element">
                  <RadioButtons
                    id={FIELDS.rqth!.id}
                    legend="Avez-vous une RQTH en cours de validité ?"
                    name="rqth"
                    orientation="horizontal"
                    options={[
                      { label: 'Oui', nativeInputProps: { value: 'yes', checked: draft.rqth === 'yes', onChange: () => set({ rqth: 'yes' }, 'rqth') } },
                      { label: 'Non', nativeInputProps: { value: 'no', checked: draft.rqth === 'no', onChange: () => set({ rqth: 'no' }, 'rqth') } },
                    ]}
                    {...errorState(errors, 'rqth')}
                  />
                </div>
              )}
              <div className="fr-fieldset__element">
                <CheckboxField
                  id="profil-accord-revenu"
                  name="incomeConsent"
                  label="J’accepte que le revenu de mon foyer fiscal soit enregistré pour savoir si je relève d’un échelon de bourse."
                  hint="Il n’est jamais montré aux organismes de formation ni aux prescripteurs : seul le résultat (boursier·e ou non) l’est."
                  checked={draft.incomeConsent}
                  onChange={(v) => set({ incomeConsent: v }, 'income.euros')}
                />
              </div>
              {draft.incomeConsent && (
                <>
                  <div className="fr-fieldset__element">
                    <Input
                      label="Revenu brut global du foyer fiscal, en euros"
                      hintText="Ligne « revenu brut global » de l’avis d’impôt de l’année N-2 : celui de vos parents si vous êtes rattaché·e à leur foyer, le vôtre sinon. Exemple : 18500"
                      nativeInputProps={{ id: FIELDS['income.euros']!.id, inputMode: 'numeric', autoComplete: 'off', ...text('income', 'income.euros') }}
                      {...errorState(errors, 'income.euros')}
                    />
                  </div>
                  <div className="fr-fieldset__element fr-fieldset__element--inline">
                    <Input
                      label="Autres enfants à charge du foyer"
                      hintText="Hors enseignement supérieur."
                      nativeInputProps={{ id: FIELDS['income.children']!.id, type: 'number', min: 0, max: 30, inputMode: 'numeric', ...text('children', 'income.children') }}
                      {...errorState(errors, 'income.children')}
                    />
                  </div>
                  <div className="fr-fieldset__element fr-fieldset__element--inline">
                    <Input
                      label="Dont dans l’enseignement supérieur"
                      hintText="Autres enfants du foyer étudiants."
                      nativeInputProps={{ id: FIELDS['income.childrenHigherEducation']!.id, type: 'number', min: 0, max: 30, inputMode: 'numeric', ...text('childrenHigherEducation', 'income.childrenHigherEducation') }}
                      {...errorState(errors, 'income.childrenHigherEducation')}
                    />
                  </div>
                </>
              )}
            </fieldset>

            <CheckboxField
              id={FIELDS['consents.profile']!.id}
              name="profileConsent"
              label="J’accepte que Fabriques traite mon profil pour établir mon diagnostic d’éligibilité et transmettre mes candidatures aux organismes de formation choisis. *"
              hint="Finalité : vos candidatures. Consultez la page Données personnelles pour vos droits."
              checked={draft.profileConsent}
              onChange={(v) => set({ profileConsent: v }, 'consents.profile')}
              error={errors['consents.profile']}
            />
            <button type="submit" className="fr-btn" disabled={submission.busy}>
              Enregistrer mon profil
            </button>
          </form>
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <FollowPanel follows={data.follows} onChanged={onChanged} />
        </div>
      </div>
    </ContentPage>
  );
}

/** The structures (prescribers) the candidate agrees to be followed by: choose one, withdraw an agreement. */
function FollowPanel({ follows, onChanged }: { follows: Follow[]; onChanged: () => void }) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const orgs = useApi(`orgs-${query}`, (signal) => candidatesApi.prescriberOrganisations(query, signal));
  const options = (orgs.data ?? []).filter((o) => !follows.some((f) => f.organisationId === o.id));
  useEffect(() => {
    if (choice && !options.some((o) => o.id === choice)) setChoice('');
  }, [orgs.data]);

  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      announce(done);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'L’opération n’a pas abouti.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="profil-suivi" className="app-panel">
      <h2 id="profil-suivi" className="fr-h5">
        Mon accompagnement
      </h2>
      <p className="fr-text--sm">
        Une structure qui vous accompagne (Mission locale, France Travail, Cap emploi, association…) peut, avec votre accord, voir votre
        profil (sans vos revenus) et vos vœux, valider votre diagnostic et candidater pour vous. Vous pouvez retirer cet accord à tout
        moment.
      </p>
      <div role="status" aria-live="polite">
        {error && <p className="fr-message fr-message--error">{error}</p>}
      </div>
      {follows.length > 0 ? (
        <ul>
          {follows.map((f) => (
            <li key={f.organisationId} className="fr-mb-2w">
              <span className="fr-text--bold">{f.name}</span> <span className="fr-hint-text app-inline-hint">depuis le {formatInstant(f.since)}</span>
              <br />
              <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-1w" disabled={busy} onClick={() => act(() => candidatesApi.unfollow(f.organisationId), `Vous avez retiré votre accord à ${f.name}.`)}>
                Retirer mon accord<span className="fr-sr-only"> à {f.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune structure ne vous suit pour l’instant.</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(q.trim());
        }}
        role="search"
        aria-label="Chercher une structure d’accompagnement"
      >
        <Input label="Chercher une structure" hintText="Par son nom ou sa ville, par exemple « Lyon »." nativeInputProps={{ id: 'suivi-recherche', value: q, onChange: (e) => setQ(e.target.value) }} />
        <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary fr-mb-2w">
          Chercher
        </button>
      </form>
      <Select
        label="Structure"
        nativeSelectProps={{ id: 'suivi-structure', value: choice, onChange: (e) => setChoice(e.target.value) }}
      >
        <option value="">{options.length === 0 ? 'Aucune structure trouvée' : 'Choisissez une structure'}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
            {o.communeName ? ` (${o.communeName})` : ''}
          </option>
        ))}
      </Select>
      <button
        type="button"
        className="fr-btn fr-btn--sm"
        disabled={!choice || busy}
        onClick={() => {
          const org = options.find((o) => o.id === choice);
          void act(() => candidatesApi.follow(choice), `${org?.name ?? 'La structure'} peut maintenant vous accompagner.`);
        }}
      >
        Accepter d’être suivi·e par cette structure
      </button>
    </section>
  );
}
