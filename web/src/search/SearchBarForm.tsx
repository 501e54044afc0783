import type { FormEvent } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CommuneCombobox, communeDisplayName } from '../components/CommuneCombobox.tsx';
import { PAGE_SEARCH_ID } from '../components/AppSkipLinks.tsx';
import { DEFAULT_RADIUS_KM, RADII_KM, type SearchFilters } from './searchQuery.ts';
import { SEARCH_FIELD_IDS, type FieldErrors } from './fields.ts';
import { errorState } from '../components/fieldState.ts';

export interface SearchBarFormProps {
  draft: SearchFilters;
  onChange: (patch: Partial<SearchFilters>) => void;
  communeText: string;
  onCommuneTextChange: (text: string) => void;
  errors: FieldErrors;
  onSubmit: () => void;
  /** "h2" on the search page; the home page gives its own heading */
  submitLabel?: string;
}

/** What and where: free text, commune and radius. */
export function SearchBarForm({
  draft,
  onChange,
  communeText,
  onCommuneTextChange,
  errors,
  onSubmit,
  submitLabel = 'Rechercher',
}: SearchBarFormProps) {
  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <form id={PAGE_SEARCH_ID} role="search" aria-label="Rechercher une formation" className="app-searchbar" onSubmit={handleSubmit} noValidate>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-5">
          <Input
            label="Quoi ?"
            hintText="Formation, métier, compétence ou code ROME"
            nativeInputProps={{
              id: SEARCH_FIELD_IDS.q,
              name: 'q',
              type: 'search',
              value: draft.q,
              maxLength: 200,
              onChange: (event) => onChange({ q: event.target.value }),
            }}
            {...errorState(errors, 'q')}
          />
        </div>
        <div className="fr-col-12 fr-col-sm-8 fr-col-md-4">
          <CommuneCombobox
            id={SEARCH_FIELD_IDS.commune ?? 'search-commune'}
            label="Autour de"
            hint="Commune ou code postal"
            text={communeText}
            onTextChange={(text) => {
              onCommuneTextChange(text);
              if (draft.commune !== '') onChange({ commune: '' });
            }}
            onSelect={(commune) => {
              onCommuneTextChange(communeDisplayName(commune));
              onChange({ commune: commune.code });
            }}
            errorMessage={errors.commune}
          />
        </div>
        <div className="fr-col-12 fr-col-sm-4 fr-col-md-3">
          <Select
            label="Dans un rayon de"
            hint="Autour de la commune"
            nativeSelectProps={{
              id: SEARCH_FIELD_IDS.radius,
              name: 'radius',
              value: draft.radius || String(DEFAULT_RADIUS_KM),
              onChange: (event) => onChange({ radius: event.target.value }),
            }}
            {...errorState(errors, 'radius')}
          >
            {RADII_KM.map((km) => (
              <option key={km} value={km}>
                {km} km
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="app-searchbar__actions">
        <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
