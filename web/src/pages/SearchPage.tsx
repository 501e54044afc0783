import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { api } from '../api/client.ts';
import { loadReferentials } from '../api/referentials.ts';
import { useApi } from '../api/useApi.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { navigate, useLocation } from '../router/history.ts';
import { usePageTitle } from '../router/usePageTitle.ts';
import { FieldErrorSummary } from '../components/FieldErrorSummary.tsx';
import { FiltersPanel } from '../search/FiltersPanel.tsx';
import { SearchBarForm } from '../search/SearchBarForm.tsx';
import { RESULTS_HEADING_ID, SearchResults } from '../search/SearchResults.tsx';
import { countActiveFilters, EMPTY_FILTERS, parseSearch, searchHref, serializeSearch, type SearchFilters } from '../search/searchQuery.ts';
import { SEARCH_FIELD_IDS, SEARCH_FIELD_NAMES, type FieldErrors } from '../search/fields.ts';

const FILTERS_ID = 'filtres';
const FILTER_FIELDS = new Set(['job', 'region', 'departement', 'startFrom', 'startTo', 'durationMin', 'durationMax', 'modality', 'free', 'level', 'placesLeft']);

export function SearchPage() {
  const location = useLocation();
  const filters = useMemo(() => parseSearch(location.searchParams), [location.searchParams]);
  const query = serializeSearch(filters);
  // the API receives exactly what the URL holds (unknown parameters aside)
  const results = useApi(location.search, (signal) => api.searchTrainings(query, signal));
  const referentials = useApi('referentials', () => loadReferentials());

  const [draft, setDraft] = useState<SearchFilters>(filters);
  const [communeText, setCommuneText] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [filtersOpen, setFiltersOpen] = useState(false);

  // the URL is the truth: back/forward and shared links reset the form
  useEffect(() => {
    setDraft(filters);
    setClientErrors({});
    if (filters.commune === '') setCommuneText('');
  }, [filters]);

  // name of the commune of a shared URL, once the API has resolved its code
  const near = results.data?.near;
  useEffect(() => {
    if (near && near.commune.code === filters.commune) {
      setCommuneText((text) => (text === '' ? near.commune.name : text));
    }
  }, [near, filters.commune]);

  const serverErrors: FieldErrors = results.status === 'error' && results.error.status === 400 ? results.error.fields : {};
  const errors = { ...serverErrors, ...clientErrors };
  const hasFilterError = Object.keys(errors).some((name) => FILTER_FIELDS.has(name));

  usePageTitle(filters.page > 1 ? `Rechercher une formation – page ${filters.page}` : 'Rechercher une formation');

  // after a change of page, bring the visitor to the top of the results
  const previousPage = useRef(filters.page);
  useEffect(() => {
    if (previousPage.current !== filters.page) {
      previousPage.current = filters.page;
      const heading = document.getElementById(RESULTS_HEADING_ID);
      heading?.focus();
      heading?.scrollIntoView({ block: 'start' });
    }
  }, [filters.page]);

  function update(patch: Partial<SearchFilters>) {
    setDraft((current) => ({ ...current, ...patch }));
    setClientErrors((current) => {
      const next = { ...current };
      for (const name of Object.keys(patch)) delete next[name];
      return next;
    });
  }

  function submit(next: SearchFilters = draft) {
    if (communeText.trim() !== '' && next.commune === '') {
      setClientErrors({ commune: 'Choisissez une commune dans la liste des propositions, ou videz ce champ.' });
      return;
    }
    setClientErrors({});
    // sorting by distance needs a commune: fall back to relevance when the commune was removed
    const sort = next.commune === '' && next.sort === 'distance' ? '' : next.sort;
    navigate(searchHref({ ...next, sort, page: 1 }), { keepScroll: true });
  }

  const activeFilters = countActiveFilters(filters);
  const showFilters = filtersOpen || hasFilterError;

  return (
    <div className="fr-container fr-mt-4w fr-mb-8w">
      <PageHeading>Trouver une formation</PageHeading>
      <p className="fr-text--lead">
        Des formations au numérique labellisées Grande École du Numérique, courtes, certifiantes et ouvertes sans condition de diplôme.
      </p>

      <FieldErrorSummary errors={errors} ids={SEARCH_FIELD_IDS} names={SEARCH_FIELD_NAMES} noun="critère" />

      <SearchBarForm
        draft={draft}
        onChange={update}
        communeText={communeText}
        onCommuneTextChange={setCommuneText}
        errors={errors}
        onSubmit={() => submit()}
      />

      <div className="fr-grid-row fr-grid-row--gutters fr-mt-3w">
        <div className="fr-col-12 fr-col-md-4 fr-col-lg-3">
          <h2 className="fr-h5 app-filters__title">Filtres</h2>
          <Button
            className="app-filters__toggle"
            priority="secondary"
            iconId={showFilters ? 'fr-icon-arrow-up-s-line' : 'fr-icon-arrow-down-s-line'}
            iconPosition="right"
            nativeButtonProps={{ 'aria-expanded': showFilters, 'aria-controls': FILTERS_ID }}
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {showFilters ? 'Masquer les filtres' : 'Afficher les filtres'}
            {activeFilters > 0 ? ` (${activeFilters} actif${activeFilters > 1 ? 's' : ''})` : ''}
          </Button>
          <div className={showFilters ? 'app-filters__panel' : 'app-filters__panel app-filters__panel--collapsed'}>
            <FiltersPanel
              id={FILTERS_ID}
              draft={draft}
              onChange={update}
              referentials={referentials.data}
              errors={errors}
              onSubmit={() => submit()}
              onReset={() => {
                const reset = { ...EMPTY_FILTERS, q: draft.q, commune: draft.commune, radius: draft.radius };
                setDraft(reset);
                submit(reset);
              }}
            />
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-9">
          <SearchResults
            filters={filters}
            state={results}
            referentials={referentials.data}
            errors={errors}
            onSortChange={(sort) => navigate(searchHref({ ...filters, sort, page: 1 }), { keepScroll: true })}
          />
        </div>
      </div>
    </div>
  );
}
