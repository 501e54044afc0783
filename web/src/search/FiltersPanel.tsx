import type { FormEvent } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { Referentials } from '../api/types.ts';
import { MODALITY_SHORT_LABELS } from '../format/labels.ts';
import { LEVELS, MODALITIES, type SearchFilters } from './searchQuery.ts';
import { SEARCH_FIELD_IDS, type FieldErrors } from './fields.ts';
import { errorState } from '../components/fieldState.ts';

export interface FiltersPanelProps {
  id: string;
  draft: SearchFilters;
  onChange: (patch: Partial<SearchFilters>) => void;
  referentials: Referentials | undefined;
  errors: FieldErrors;
  onSubmit: () => void;
  onReset: () => void;
}

/** A date input shows only a valid YYYY-MM-DD (a wrong value from a shared URL is explained by the server). */
function dateValue(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
}

function toggle(values: string[], value: string, checked: boolean): string[] {
  return checked ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value);
}

/** Every other criterion of the API, applied together with the "Appliquer" button. */
export function FiltersPanel({ id, draft, onChange, referentials, errors, onSubmit, onReset }: FiltersPanelProps) {
  const departements = (referentials?.departements ?? []).filter((d) => draft.region === '' || d.region === draft.region);
  const levels = referentials?.levels ?? LEVELS.map((level) => ({ level, label: `Niveau ${level}` }));

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <form id={id} aria-label="Filtrer les formations" className="app-filters" onSubmit={handleSubmit} noValidate>
      <Select
        label="Métier visé"
        nativeSelectProps={{
          id: SEARCH_FIELD_IDS.job,
          name: 'job',
          value: draft.job,
          onChange: (event) => onChange({ job: event.target.value }),
        }}
        {...errorState(errors, 'job')}
      >
        <option value="">Tous les métiers</option>
        {(referentials?.jobs ?? []).map((job) => (
          <option key={job.code} value={job.code}>
            {job.label} ({job.code})
          </option>
        ))}
        {draft.job !== '' && !referentials?.jobs.some((j) => j.code === draft.job) && (
          <option value={draft.job}>{draft.job}</option>
        )}
      </Select>

      <Select
        label="Région"
        nativeSelectProps={{
          id: SEARCH_FIELD_IDS.region,
          name: 'region',
          value: draft.region,
          onChange: (event) => {
            const region = event.target.value;
            const keepDepartement = referentials?.departements.some(
              (d) => d.code === draft.departement && (region === '' || d.region === region),
            );
            onChange({ region, departement: keepDepartement ? draft.departement : '' });
          },
        }}
        {...errorState(errors, 'region')}
      >
        <option value="">Toutes les régions</option>
        {(referentials?.regions ?? []).map((region) => (
          <option key={region.code} value={region.code}>
            {region.name}
          </option>
        ))}
      </Select>

      <Select
        label="Département"
        nativeSelectProps={{
          id: SEARCH_FIELD_IDS.departement,
          name: 'departement',
          value: draft.departement,
          onChange: (event) => onChange({ departement: event.target.value }),
        }}
        {...errorState(errors, 'departement')}
      >
        <option value="">Tous les départements</option>
        {departements.map((d) => (
          <option key={d.code} value={d.code}>
            {d.code} – {d.name}
          </option>
        ))}
      </Select>

      <fieldset className="fr-fieldset app-filters__group" aria-labelledby="filters-dates-legend">
        <legend className="fr-fieldset__legend fr-text--regular" id="filters-dates-legend">
          Début d’une session
        </legend>
        <div className="fr-fieldset__element">
          <Input
            label="À partir du"
            nativeInputProps={{
              id: SEARCH_FIELD_IDS.startFrom,
              name: 'startFrom',
              type: 'date',
              value: dateValue(draft.startFrom),
              onChange: (event) => onChange({ startFrom: event.target.value }),
            }}
            {...errorState(errors, 'startFrom')}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Au plus tard le"
            nativeInputProps={{
              id: SEARCH_FIELD_IDS.startTo,
              name: 'startTo',
              type: 'date',
              value: dateValue(draft.startTo),
              onChange: (event) => onChange({ startTo: event.target.value }),
            }}
            {...errorState(errors, 'startTo')}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset app-filters__group" aria-labelledby="filters-duration-legend">
        <legend className="fr-fieldset__legend fr-text--regular" id="filters-duration-legend">
          Durée de la formation, en mois
          <span className="fr-hint-text">De 3 à 24 mois</span>
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline app-filters__half">
          <Input
            label="Minimum"
            nativeInputProps={{
              id: SEARCH_FIELD_IDS.durationMin,
              name: 'durationMin',
              type: 'number',
              inputMode: 'numeric',
              min: 3,
              max: 24,
              value: draft.durationMin,
              onChange: (event) => onChange({ durationMin: event.target.value }),
            }}
            {...errorState(errors, 'durationMin')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline app-filters__half">
          <Input
            label="Maximum"
            nativeInputProps={{
              id: SEARCH_FIELD_IDS.durationMax,
              name: 'durationMax',
              type: 'number',
              inputMode: 'numeric',
              min: 3,
              max: 24,
              value: draft.durationMax,
              onChange: (event) => onChange({ durationMax: event.target.value }),
            }}
            {...errorState(errors, 'durationMax')}
          />
        </div>
      </fieldset>

      <Checkbox
        id="search-modality"
        legend="Modalité"
        small
        options={MODALITIES.map((modality) => ({
          label: MODALITY_SHORT_LABELS[modality],
          nativeInputProps: {
            name: 'modality',
            value: modality,
            checked: draft.modality.includes(modality),
            onChange: (event) => onChange({ modality: toggle(draft.modality, modality, event.target.checked) }),
          },
        }))}
        {...errorState(errors, 'modality')}
      />

      <RadioButtons
        id="search-free"
        legend="Tarif"
        name="free"
        small
        options={[
          { value: '', label: 'Toutes les formations' },
          { value: 'true', label: 'Gratuites uniquement' },
          { value: 'false', label: 'Payantes uniquement' },
        ].map((option) => ({
          label: option.label,
          nativeInputProps: {
            value: option.value,
            checked: draft.free === option.value,
            onChange: () => onChange({ free: option.value as SearchFilters['free'] }),
          },
        }))}
        {...errorState(errors, 'free')}
      />

      <Checkbox
        id="search-level"
        legend="Niveau de la certification"
        hintText="Nomenclature nationale des niveaux (3 : CAP, 4 : bac, 5 : bac + 2…)"
        small
        options={levels.map(({ level, label }) => ({
          label,
          nativeInputProps: {
            name: 'level',
            value: String(level),
            checked: draft.level.includes(String(level)),
            onChange: (event) => onChange({ level: toggle(draft.level, String(level), event.target.checked) }),
          },
        }))}
        {...errorState(errors, 'level')}
      />

      <Checkbox
        id="search-placesLeft"
        legend="Disponibilité"
        small
        options={[
          {
            label: 'Places disponibles uniquement',
            hintText: 'Une session a encore des places',
            nativeInputProps: {
              name: 'placesLeft',
              value: 'true',
              checked: draft.placesLeft,
              onChange: (event) => onChange({ placesLeft: event.target.checked }),
            },
          },
        ]}
        {...errorState(errors, 'placesLeft')}
      />

      <ul className="fr-btns-group fr-btns-group--sm">
        <li>
          <Button type="submit">Appliquer les filtres</Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onReset}>
            Effacer les filtres
          </Button>
        </li>
      </ul>
    </form>
  );
}
