import type { FormEvent } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CommuneCombobox, communeDisplayName } from '../components/CommuneCombobox.tsx';
import { errorState, messageState } from '../components/fieldState.ts';
import { AID_FIELD_IDS, EXCLUSION_LABELS, type AidDraft } from './form.ts';
import { EXCLUSIONS } from './types.ts';

export interface CommuneTexts {
  home: string;
  training: string;
}

export interface AidFormProps {
  draft: AidDraft;
  years: string[];
  onChange: (patch: Partial<AidDraft>) => void;
  communeTexts: CommuneTexts;
  onCommuneTextsChange: (patch: Partial<CommuneTexts>) => void;
  errors: Record<string, string>;
  busy: boolean;
  onSubmit: () => void;
}

/** The household's facts, as a person knows them (no points: they are computed and explained). */
export function AidForm({ draft, years, onChange, communeTexts, onCommuneTextsChange, errors, busy, onSubmit }: AidFormProps) {
  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  const situationsError = errors.disability ?? errors.carer;

  return (
    <form aria-label="Simuler l’aide financière" onSubmit={handleSubmit} noValidate>
      <fieldset className="fr-fieldset" aria-labelledby="aid-when-legend">
        <legend className="fr-fieldset__legend" id="aid-when-legend">
          La formation
        </legend>
        <div className="fr-fieldset__element">
          <Select
            label="Année universitaire"
            hint="Celle du début de la formation, du 1er septembre au 31 août."
            nativeSelectProps={{ id: AID_FIELD_IDS.year, name: 'year', value: draft.year, onChange: (e) => onChange({ year: e.target.value }) }}
            {...errorState(errors, 'year')}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y.replace('-', ' – ')}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Début de la formation (facultatif)"
            hintText="Avec la fin, donne le nombre de mensualités."
            nativeInputProps={{ id: AID_FIELD_IDS.trainingStart, name: 'trainingStart', type: 'date', value: draft.trainingStart, onChange: (e) => onChange({ trainingStart: e.target.value }) }}
            {...errorState(errors, 'trainingStart')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Fin de la formation (facultatif)"
            hintText="Le dernier jour de formation."
            nativeInputProps={{ id: AID_FIELD_IDS.trainingEnd, name: 'trainingEnd', type: 'date', value: draft.trainingEnd, onChange: (e) => onChange({ trainingEnd: e.target.value }) }}
            {...errorState(errors, 'trainingEnd')}
          />
        </div>
      </fieldset>

      <Input
        label="Revenu brut global du foyer fiscal, en euros"
        hintText="Ligne « revenu brut global » de l’avis d’impôt sur les revenus de l’année N-2 (2023 pour 2025-2026) : celui de vos parents si vous êtes rattaché·e à leur foyer fiscal, le vôtre sinon. Exemple : 30351"
        nativeInputProps={{
          id: AID_FIELD_IDS.income,
          name: 'income',
          type: 'text',
          inputMode: 'decimal',
          autoComplete: 'off',
          required: true,
          value: draft.income,
          onChange: (e) => onChange({ income: e.target.value }),
        }}
        {...errorState(errors, 'income')}
      />

      <fieldset className="fr-fieldset" aria-labelledby="aid-distance-legend">
        <legend className="fr-fieldset__legend" id="aid-distance-legend">
          Distance entre votre domicile et le lieu de formation
          <span className="fr-hint-text">En ligne droite : 1 point de 30 à 249 km, 2 points de 250 à 3 499 km, davantage au-delà.</span>
        </legend>
        <div className="fr-fieldset__element">
          <RadioButtons
            id="aid-distance-mode"
            legend="Comment l’indiquer ?"
            name="distanceMode"
            orientation="horizontal"
            small
            options={[
              { label: 'Par les communes', nativeInputProps: { value: 'communes', checked: draft.distanceMode === 'communes', onChange: () => onChange({ distanceMode: 'communes' }) } },
              { label: 'En kilomètres', nativeInputProps: { value: 'km', checked: draft.distanceMode === 'km', onChange: () => onChange({ distanceMode: 'km' }) } },
            ]}
          />
        </div>
        {draft.distanceMode === 'communes' ? (
          <>
            <div className="fr-fieldset__element">
              <CommuneCombobox
                id={AID_FIELD_IDS.home!}
                label="Commune de votre domicile"
                hint="Nom ou code postal, puis choisissez dans la liste"
                text={communeTexts.home}
                onTextChange={(text) => {
                  onCommuneTextsChange({ home: text });
                  if (draft.home !== '') onChange({ home: '' });
                }}
                onSelect={(commune) => {
                  onCommuneTextsChange({ home: communeDisplayName(commune) });
                  onChange({ home: commune.code });
                }}
                errorMessage={errors.home}
              />
            </div>
            <div className="fr-fieldset__element">
              <CommuneCombobox
                id={AID_FIELD_IDS.training!}
                label="Commune du lieu de formation"
                hint="Nom ou code postal, puis choisissez dans la liste"
                text={communeTexts.training}
                onTextChange={(text) => {
                  onCommuneTextsChange({ training: text });
                  if (draft.training !== '') onChange({ training: '' });
                }}
                onSelect={(commune) => {
                  onCommuneTextsChange({ training: communeDisplayName(commune) });
                  onChange({ training: commune.code });
                }}
                errorMessage={errors.training}
              />
            </div>
          </>
        ) : (
          <div className="fr-fieldset__element">
            <Input
              label="Distance, en kilomètres"
              hintText="Nombre entier, arrondi au kilomètre inférieur."
              nativeInputProps={{ id: AID_FIELD_IDS.distanceKm, name: 'distanceKm', type: 'number', inputMode: 'numeric', min: 0, step: 1, value: draft.distanceKm, onChange: (e) => onChange({ distanceKm: e.target.value }) }}
              {...errorState(errors, 'distanceKm')}
            />
          </div>
        )}
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="aid-children-legend">
        <legend className="fr-fieldset__legend" id="aid-children-legend">
          Autres enfants à charge du foyer fiscal
          <span className="fr-hint-text">Sans vous compter.</span>
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Hors enseignement supérieur"
            hintText="2 points chacun."
            nativeInputProps={{ id: AID_FIELD_IDS.children, name: 'children', type: 'number', inputMode: 'numeric', min: 0, max: 30, step: 1, value: draft.children, onChange: (e) => onChange({ children: e.target.value }) }}
            {...errorState(errors, 'children')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <Input
            label="Dans l’enseignement supérieur"
            hintText="4 points chacun."
            nativeInputProps={{
              id: AID_FIELD_IDS.childrenHigherEducation,
              name: 'childrenHigherEducation',
              type: 'number',
              inputMode: 'numeric',
              min: 0,
              max: 30,
              step: 1,
              value: draft.childrenHigherEducation,
              onChange: (e) => onChange({ childrenHigherEducation: e.target.value }),
            }}
            {...errorState(errors, 'childrenHigherEducation')}
          />
        </div>
      </fieldset>

      <Checkbox
        id="aid-situations"
        legend="Handicap et aidant"
        hintText="4 points pour chaque situation (depuis 2023-2024)."
        options={[
          {
            label: 'J’ai un handicap reconnu par la CDAPH',
            nativeInputProps: { name: 'disability', checked: draft.disability, onChange: (e) => onChange({ disability: e.target.checked }) },
          },
          {
            label: 'J’aide, sans être rémunéré·e pour cela, un proche en situation de handicap',
            nativeInputProps: { name: 'carer', checked: draft.carer, onChange: (e) => onChange({ carer: e.target.checked }) },
          },
        ]}
        {...messageState(situationsError)}
      />

      <Checkbox
        id="aid-exclusions"
        legend="Pendant la formation, êtes-vous dans l’une de ces situations ?"
        hintText="L’aide n’est pas accordée dans ces cas (décret n° 2017-548). Ne cochez rien si aucune ne vous concerne."
        options={EXCLUSIONS.map((x) => ({
          label: EXCLUSION_LABELS[x],
          nativeInputProps: {
            name: 'exclusions',
            value: x,
            checked: draft.exclusions.includes(x),
            onChange: (e) => onChange({ exclusions: e.target.checked ? [...draft.exclusions, x] : draft.exclusions.filter((y) => y !== x) }),
          },
        }))}
        {...errorState(errors, 'exclusions')}
      />

      <Button type="submit" iconId="fr-icon-calculator-line" iconPosition="left" disabled={busy}>
        Calculer mon aide
      </Button>
    </form>
  );
}
