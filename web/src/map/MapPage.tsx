import { useCallback, useMemo, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SegmentedControl } from '@codegouvfr/react-dsfr/SegmentedControl';
import { PageHeading } from '../components/PageHeading.tsx';
import { navigate, useLocation } from '../router/history.ts';
import { usePageTitle } from '../router/usePageTitle.ts';
import { buildClasses, formatNumber } from './choroplethClasses.ts';
import { filterQuery, focusFrom, VIEW_PARAM, viewFrom, type MapViewName } from './filters.ts';
import { FiltersSummary } from './FiltersSummary.tsx';
import { MapLegend } from './MapLegend.tsx';
import { MapTextAlternative, TEXT_ALTERNATIVE_ID } from './MapTextAlternative.tsx';
import { MapView } from './MapView.tsx';
import { useFranceShapes, useMapData } from './useMapData.ts';

const TITLE = 'Carte des formations labellisées';
const HELP_ID = 'carte-aide';

const VIEWS: { value: MapViewName; label: string; mapLabel: string }[] = [
  { value: 'formations', label: 'Formations', mapLabel: 'Carte des formations labellisées' },
  {
    value: 'densite',
    label: 'Places pour 10 000 habitants',
    mapLabel: 'Carte des places en formation pour 10 000 habitants, par département',
  },
];

/** The whole /carte page: filters of the URL, the map in two views, and its text alternative. */
export default function MapPage() {
  usePageTitle(TITLE);
  const location = useLocation();
  const query = filterQuery(location.searchParams);
  const view = viewFrom(location.searchParams);
  const focusId = focusFrom(location.searchParams);

  const shapes = useFranceShapes();
  const mapData = useMapData(query);
  const data = mapData.data;
  const classes = useMemo(() => buildClasses(data?.departements.map((d) => d.seatsPer10k) ?? []), [data]);
  const [focusMissing, setFocusMissing] = useState(false);
  const onFocusResult = useCallback((found: boolean) => setFocusMissing(!found), []);

  function changeView(next: MapViewName) {
    const params = new URLSearchParams(location.searchParams);
    if (next === 'formations') params.delete(VIEW_PARAM);
    else params.set(VIEW_PARAM, next);
    const search = params.toString();
    navigate(`/carte${search ? `?${search}` : ''}`, { replace: true, keepScroll: true });
  }

  const current = VIEWS.find((v) => v.value === view)!;
  const error = mapData.status === 'error' ? mapData.error : shapes.status === 'error' ? shapes.error : undefined;

  return (
    <div className="fr-container fr-mb-8w">
      <Breadcrumb currentPageLabel={TITLE} homeLinkProps={{ href: '/' }} segments={[]} />
      <PageHeading>{TITLE}</PageHeading>
      <FiltersSummary query={query} />

      <SegmentedControl
        className="fr-mb-2w fab-view-toggle"
        legend="Affichage de la carte"
        segments={[
          {
            label: VIEWS[0]!.label,
            nativeInputProps: { value: 'formations', checked: view === 'formations', onChange: () => changeView('formations') },
          },
          {
            label: VIEWS[1]!.label,
            nativeInputProps: { value: 'densite', checked: view === 'densite', onChange: () => changeView('densite') },
          },
        ]}
      />

      {error && (
        <Alert className="fr-mb-2w" severity="error" small description={error.message} />
      )}
      {focusMissing && (
        <Alert
          className="fr-mb-2w"
          severity="info"
          small
          description="La formation demandée ne figure pas parmi les formations de cette recherche."
        />
      )}
      <p className="fr-mb-1w" role="status">
        {data
          ? data.total === 0
            ? 'Aucune formation ne correspond à cette recherche.'
            : data.total === 1
              ? '1 formation sur la carte.'
              : `${formatNumber(data.total)} formations sur la carte.`
          : mapData.status === 'loading'
            ? 'Chargement des formations…'
            : ''}
      </p>
      <p className="fr-hint-text fr-mb-1w" id={HELP_ID}>
        {view === 'formations'
          ? 'Au clavier : flèches pour déplacer la carte, + et − pour zoomer, Tab pour parcourir les formations, Entrée pour ouvrir le détail, Échap pour le fermer.'
          : 'Au clavier : flèches pour déplacer la carte, + et − pour zoomer. Les chiffres de chaque département sont dans le tableau sous la carte.'}
      </p>
      <p className="fr-mb-1w">
        <a className="fr-link fr-link--sm" href={`#${TEXT_ALTERNATIVE_ID}`}>
          {view === 'formations' ? 'Passer la carte et aller à la liste des formations' : 'Passer la carte et aller au tableau par département'}
        </a>
      </p>

      <div className="fab-map-layout">
        <MapView
          view={view}
          shapes={shapes.data}
          data={data}
          classes={classes}
          focusId={focusId}
          fitToResults={query !== ''}
          label={current.mapLabel}
          describedBy={HELP_ID}
          onFocusResult={onFocusResult}
        />
        <MapLegend view={view} classes={classes} />
      </div>

      <MapTextAlternative view={view} query={query} data={data} />
    </div>
  );
}
