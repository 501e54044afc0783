import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ApiError, getJson } from '../api/client.ts';
import { ContentPage } from '../components/ContentPage.tsx';
import { FieldErrorSummary } from '../components/FieldErrorSummary.tsx';
import { AidForm, type CommuneTexts } from '../aid/AidForm.tsx';
import { AidResultPanel } from '../aid/AidResultPanel.tsx';
import { AID_FIELD_IDS, AID_FIELD_NAMES, academicYears, aidQuery, emptyDraft, type AidDraft } from '../aid/form.ts';
import type { AidResult } from '../aid/types.ts';

type Outcome = { status: 'idle' } | { status: 'loading' } | { status: 'done'; result: AidResult } | { status: 'failed'; error: ApiError };

/** Public simulator of the GEN aid: no account, the facts a person knows, the computation explained. */
export function AidSimulatorPage() {
  const today = useMemo(() => new Date(), []);
  const years = useMemo(() => academicYears(today), [today]);
  const [draft, setDraft] = useState<AidDraft>(() => emptyDraft(today));
  const [communeTexts, setCommuneTexts] = useState<CommuneTexts>({ home: '', training: '' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const controller = useRef<AbortController | null>(null);

  const serverErrors = outcome.status === 'failed' && outcome.error.status === 400 ? outcome.error.fields : {};
  const errors = { ...serverErrors, ...clientErrors };

  useEffect(() => {
    if (outcome.status === 'done') {
      resultHeading.current?.focus();
      resultHeading.current?.scrollIntoView({ block: 'start' });
    }
  }, [outcome]);

  useEffect(() => () => controller.current?.abort(), []);

  function update(patch: Partial<AidDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setClientErrors((current) => {
      const next = { ...current };
      for (const name of Object.keys(patch)) delete next[name];
      return next;
    });
  }

  function submit() {
    const found: Record<string, string> = {};
    if (draft.income.trim() === '') found.income = 'Indiquez le revenu brut global du foyer fiscal, en euros (0 s’il est nul).';
    if (draft.distanceMode === 'communes') {
      if (communeTexts.home.trim() !== '' && draft.home === '') found.home = 'Choisissez la commune dans la liste des propositions, ou videz ce champ.';
      if (communeTexts.training.trim() !== '' && draft.training === '') found.training = 'Choisissez la commune dans la liste des propositions, ou videz ce champ.';
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      setOutcome({ status: 'idle' });
      return;
    }
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setOutcome({ status: 'loading' });
    getJson<AidResult>(`/api/aid/simulate?${aidQuery(draft)}`, c.signal).then(
      (result) => !c.signal.aborted && setOutcome({ status: 'done', result }),
      (error: unknown) => !c.signal.aborted && setOutcome({ status: 'failed', error: error instanceof ApiError ? error : new ApiError(0, {}) }),
    );
  }

  return (
    <ContentPage
      title="Simulateur de l’aide financière"
      lead="Estimez l’aide que le Crous peut verser pendant une formation labellisée Grande École du Numérique. Elle est calculée sur les mêmes critères sociaux que les bourses de l’enseignement supérieur."
    >
      <p>
        Sans compte et sans rien enregistrer : indiquez le revenu du foyer fiscal et ce qui donne des <strong>points de charge</strong>{' '}
        (distance, enfants à charge, handicap ou aidant). Le simulateur donne l’<strong>échelon</strong> (de 0 bis à 7), le montant annuel et
        mensuel, et explique chaque étape du calcul. L’aide se demande au Crous une fois la formation commencée.
      </p>

      <FieldErrorSummary errors={errors} ids={AID_FIELD_IDS} names={AID_FIELD_NAMES} noun="champ" />
      {outcome.status === 'failed' && outcome.error.status !== 400 && (
        <Alert severity="error" title="Le calcul n’a pas pu être fait" description={outcome.error.message} className="fr-mb-3w" />
      )}

      <AidForm
        draft={draft}
        years={years}
        onChange={update}
        communeTexts={communeTexts}
        onCommuneTextsChange={(patch) => setCommuneTexts((current) => ({ ...current, ...patch }))}
        errors={errors}
        busy={outcome.status === 'loading'}
        onSubmit={submit}
      />

      <p role="status" className="fr-sr-only">
        {outcome.status === 'loading' ? 'Calcul en cours…' : ''}
      </p>
      {outcome.status === 'done' && <AidResultPanel result={outcome.result} headingRef={resultHeading} />}
    </ContentPage>
  );
}
