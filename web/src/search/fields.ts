// Ids and names of the search fields, shared by the form, its error summary and the server's
// 400 answers (whose `fields` keys are the API parameter names). Checkbox and radio groups take
// the id of their first input (react-dsfr numbers them after the fieldset id).

export const SEARCH_FIELD_IDS: Record<string, string> = {
  q: 'search-q',
  commune: 'search-commune',
  radius: 'search-radius',
  job: 'search-job',
  region: 'search-region',
  departement: 'search-departement',
  startFrom: 'search-startFrom',
  startTo: 'search-startTo',
  durationMin: 'search-durationMin',
  durationMax: 'search-durationMax',
  modality: 'search-modality-0',
  free: 'search-free-0',
  level: 'search-level-0',
  placesLeft: 'search-placesLeft-0',
  sort: 'search-sort',
};

export const SEARCH_FIELD_NAMES: Record<string, string> = {
  q: 'Mots-clés',
  commune: 'Autour de',
  radius: 'Rayon',
  job: 'Métier visé',
  region: 'Région',
  departement: 'Département',
  startFrom: 'Début de session, à partir du',
  startTo: 'Début de session, au plus tard le',
  durationMin: 'Durée minimale',
  durationMax: 'Durée maximale',
  modality: 'Modalité',
  free: 'Tarif',
  level: 'Niveau de certification',
  placesLeft: 'Places disponibles',
  sort: 'Trier par',
  page: 'Page',
  pageSize: 'Nombre de résultats par page',
};

export type FieldErrors = Record<string, string>;
