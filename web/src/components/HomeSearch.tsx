import { useState } from 'react';
import { navigate } from '../router/history.ts';
import { SearchBarForm } from '../search/SearchBarForm.tsx';
import { EMPTY_FILTERS, searchHref, type SearchFilters } from '../search/searchQuery.ts';
import type { FieldErrors } from '../search/fields.ts';

/** The home page search: what and where, then on to /formations with the same query. */
export function HomeSearch() {
  const [draft, setDraft] = useState<SearchFilters>(EMPTY_FILTERS);
  const [communeText, setCommuneText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  return (
    <SearchBarForm
      draft={draft}
      onChange={(patch) => {
        setDraft((current) => ({ ...current, ...patch }));
        if ('commune' in patch) setErrors({});
      }}
      communeText={communeText}
      onCommuneTextChange={setCommuneText}
      errors={errors}
      submitLabel="Trouver une formation"
      onSubmit={() => {
        if (communeText.trim() !== '' && draft.commune === '') {
          setErrors({ commune: 'Choisissez une commune dans la liste des propositions, ou videz ce champ.' });
          return;
        }
        navigate(searchHref(draft));
      }}
    />
  );
}
