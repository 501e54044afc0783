import { useState } from 'react';
import { CommuneCombobox, communeDisplayName } from '../components/CommuneCombobox.tsx';
import type { TrainingDraft } from './api.ts';
import { MODALITY } from './labels.ts';
import { CheckboxField, EurosField, fieldId, NumberField, SelectField, TextField, YesNoField, type Errors } from './ui.tsx';

const list = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Every field of one training of a proposal: catalogue fields, commitments, budget. */
export function TrainingFields({ index, value, onChange, errors }: { index: number; value: TrainingDraft; onChange: (t: TrainingDraft) => void; errors: Errors }) {
  const p = `trainings.${index}`;
  const set = (patch: Partial<TrainingDraft>) => onChange({ ...value, ...patch });
  const c = value.commitments ?? {};
  const b = value.budget ?? {};
  const setC = (patch: Partial<NonNullable<TrainingDraft['commitments']>>) => set({ commitments: { ...c, ...patch } });
  const setB = (patch: Partial<NonNullable<TrainingDraft['budget']>>) => set({ budget: { ...b, ...patch } });
  const [communeText, setCommuneText] = useState(value.communeCode ?? '');
  const [romeText, setRomeText] = useState((value.romeCodes ?? []).join(', '));
  const [formacodeText, setFormacodeText] = useState((value.formacodes ?? []).join(', '));
  const n = index + 1;
  return (
    <>
      <h3 className="fr-h5">Description et certification</h3>
      <TextField path={`${p}.title`} label={`Intitulé de la formation ${n}`} value={value.title ?? ''} onChange={(v) => set({ title: v })} errors={errors} />
      <TextField path={`${p}.summary`} label="Présentation" multiline value={value.summary ?? ''} onChange={(v) => set({ summary: v })} errors={errors} />
      <TextField path={`${p}.objectives`} label="Objectifs" multiline value={value.objectives ?? ''} onChange={(v) => set({ objectives: v })} errors={errors} />
      <TextField path={`${p}.prerequisites`} label="Prérequis" hint="Ouverte sans diplôme : écrivez « Aucun »." value={value.prerequisites ?? ''} onChange={(v) => set({ prerequisites: v })} errors={errors} />
      <div className="app-calls-grid">
        <TextField
          path={`${p}.romeCodes`}
          label="Métiers visés (codes ROME)"
          hint="Séparés par des virgules, par exemple M1805"
          value={romeText}
          onChange={(v) => {
            setRomeText(v);
            set({ romeCodes: list(v).map((x) => x.toUpperCase()) });
          }}
          errors={errors}
        />
        <TextField
          path={`${p}.formacodes`}
          label="Formacodes"
          hint="5 chiffres, par exemple 31054"
          value={formacodeText}
          onChange={(v) => {
            setFormacodeText(v);
            set({ formacodes: list(v) });
          }}
          errors={errors}
        />
        <TextField path={`${p}.certificationCode`} label="Certification (code RNCP ou RS)" hint="Par exemple RNCP37674" value={value.certificationCode ?? ''} onChange={(v) => set({ certificationCode: v.trim().toUpperCase() })} errors={errors} />
        <TextField path={`${p}.certificationTitle`} label="Intitulé de la certification" value={value.certificationTitle ?? ''} onChange={(v) => set({ certificationTitle: v })} errors={errors} />
        <SelectField
          path={`${p}.certificationLevel`}
          label="Niveau de la certification"
          placeholder="Choisir un niveau"
          value={value.certificationLevel ? String(value.certificationLevel) : ''}
          onChange={(v) => set({ certificationLevel: v ? Number(v) : undefined })}
          options={[3, 4, 5, 6, 7, 8].map((l) => ({ value: String(l), label: `Niveau ${l}` }))}
          errors={errors}
        />
        <SelectField
          path={`${p}.modality`}
          label="Modalité"
          placeholder="Choisir une modalité"
          value={value.modality ?? ''}
          onChange={(v) => set({ modality: (v || undefined) as TrainingDraft['modality'] })}
          options={Object.entries(MODALITY).map(([k, l]) => ({ value: k, label: l }))}
          errors={errors}
        />
        <NumberField path={`${p}.durationMonths`} label="Durée (mois)" hint="De 3 à 24 mois" min={1} max={36} value={value.durationMonths} onChange={(v) => set({ durationMonths: v })} errors={errors} />
        <NumberField path={`${p}.durationHours`} label="Durée (heures)" min={1} value={value.durationHours} onChange={(v) => set({ durationHours: v })} errors={errors} />
      </div>

      <h3 className="fr-h5">Lieu, sessions et contact</h3>
      <div className="app-calls-grid">
        <CommuneCombobox
          id={fieldId(`${p}.communeCode`)}
          label="Commune du lieu de formation"
          hint={value.communeCode ? `Code INSEE retenu : ${value.communeCode}` : 'Tapez le nom, puis choisissez dans la liste'}
          text={communeText}
          onTextChange={setCommuneText}
          onSelect={(commune) => {
            setCommuneText(communeDisplayName(commune));
            set({ communeCode: commune.code, postalCode: value.postalCode || commune.postalCodes[0] });
          }}
          errorMessage={errors[`${p}.communeCode`]}
        />
        <TextField path={`${p}.postalCode`} label="Code postal" value={value.postalCode ?? ''} onChange={(v) => set({ postalCode: v.trim() })} errors={errors} />
      </div>
      <TextField path={`${p}.address`} label="Adresse" value={value.address ?? ''} onChange={(v) => set({ address: v })} errors={errors} />
      <div className="app-calls-grid">
        <NumberField path={`${p}.seatsPerSession`} label="Places par session" min={1} value={value.seatsPerSession} onChange={(v) => set({ seatsPerSession: v })} errors={errors} />
        <NumberField path={`${p}.sessionsPerYear`} label="Sessions par an" min={1} value={value.sessionsPerYear} onChange={(v) => set({ sessionsPerYear: v })} errors={errors} />
        <TextField path={`${p}.contactEmail`} label="Adresse e-mail de contact" type="email" value={value.contactEmail ?? ''} onChange={(v) => set({ contactEmail: v })} errors={errors} />
        <TextField path={`${p}.contactPhone`} label="Téléphone de contact (facultatif)" type="tel" value={value.contactPhone ?? ''} onChange={(v) => set({ contactPhone: v || null })} errors={errors} />
      </div>
      <YesNoField path={`${p}.isFree`} legend="La formation est-elle gratuite pour tous les apprenant·es ?" value={value.isFree} onChange={(v) => set({ isFree: v, priceCents: v ? null : value.priceCents })} errors={errors} />
      {value.isFree === false && (
        <EurosField path={`${p}.priceCents`} label="Prix pour un·e apprenant·e qui paie" value={value.priceCents ?? undefined} onChange={(v) => set({ priceCents: v ?? null })} errors={errors} />
      )}

      <h3 className="fr-h5">Engagements sur les publics</h3>
      <p className="fr-hint-text">Seuils du label : au moins 30 % de femmes et 50 % de NEET ou de personnes peu qualifiées.</p>
      <div className="app-calls-grid app-calls-grid--3">
        <NumberField path={`${p}.commitments.womenPct`} label="Part de femmes (%)" min={0} max={100} value={c.womenPct} onChange={(v) => setC({ womenPct: v })} errors={errors} />
        <NumberField path={`${p}.commitments.neetPct`} label="Part de NEET ou peu qualifié·es (%)" min={0} max={100} value={c.neetPct} onChange={(v) => setC({ neetPct: v })} errors={errors} />
        <NumberField path={`${p}.commitments.qpvPct`} label="Part d’habitant·es des QPV (%)" min={0} max={100} value={c.qpvPct} onChange={(v) => setC({ qpvPct: v })} errors={errors} />
      </div>
      <NumberField
        path={`${p}.commitments.lowQualifiedJobSeekersPerSession`}
        label="Demandeur·ses d’emploi peu qualifié·es par session"
        min={0}
        value={c.lowQualifiedJobSeekersPerSession}
        onChange={(v) => setC({ lowQualifiedJobSeekersPerSession: v })}
        errors={errors}
      />
      <CheckboxField path={`${p}.commitments.freeForJobSeekers`} label="La formation est gratuite pour les demandeur·ses d’emploi" checked={c.freeForJobSeekers === true} onChange={(v) => setC({ freeForJobSeekers: v })} errors={errors} />

      <h3 className="fr-h5">Budget et cofinancements</h3>
      <div className="app-calls-grid">
        <EurosField path={`${p}.budget.totalCents`} label="Budget total de la formation" value={b.totalCents} onChange={(v) => setB({ totalCents: v })} errors={errors} />
        <EurosField path={`${p}.budget.requestedCents`} label="Subvention d’amorçage demandée" value={b.requestedCents} onChange={(v) => setB({ requestedCents: v })} errors={errors} />
        <EurosField path={`${p}.budget.regionCents`} label="Cofinancement de la région" value={b.regionCents} onChange={(v) => setB({ regionCents: v })} errors={errors} />
        <EurosField path={`${p}.budget.privateCents`} label="Cofinancement privé" value={b.privateCents} onChange={(v) => setB({ privateCents: v })} errors={errors} />
        <EurosField path={`${p}.budget.ownCents`} label="Fonds propres" value={b.ownCents} onChange={(v) => setB({ ownCents: v })} errors={errors} />
      </div>
    </>
  );
}
