import { describe, expect, it } from 'vitest';
import { describeFilters, filterQuery, focusFrom, formatDate, viewFrom } from './filters.ts';

describe('map filters from the query string', () => {
  it('keeps only the search API parameters, in a stable order', () => {
    expect(filterQuery('formation=abc&vue=densite&region=53&q=web&page=3&sort=start&free=')).toBe('q=web&region=53');
    expect(filterQuery('')).toBe('');
  });

  it('reads the view and the training to centre on', () => {
    const p = new URLSearchParams('vue=densite&formation=t-42');
    expect(viewFrom(p)).toBe('densite');
    expect(focusFrom(p)).toBe('t-42');
    expect(viewFrom(new URLSearchParams('vue=autre'))).toBe('formations');
    expect(focusFrom(new URLSearchParams('formation='))).toBeNull();
  });

  it('describes the filters in French with the names of the codes', () => {
    const items = describeFilters(
      'q=développeur&job=m1805&departement=29&commune=29019&radius=20&startFrom=2026-09-01&startTo=2026-12-31&durationMax=12&modality=presentiel,hybride&free=true&level=4,5&placesLeft=true',
      {
        departements: new Map([['29', 'Finistère']]),
        jobs: new Map([['M1805', 'Études et développement informatique']]),
        levels: new Map([
          [4, 'Niveau 4 (baccalauréat)'],
          [5, 'Niveau 5 (bac + 2)'],
        ]),
        communeName: 'Brest',
      },
    );
    expect(items).toEqual([
      { label: 'Recherche', value: '« développeur »' },
      { label: 'Métier', value: 'Études et développement informatique (M1805)' },
      { label: 'Département', value: 'Finistère (29)' },
      { label: 'Lieu', value: 'à moins de 20 km de Brest (29019)' },
      { label: 'Début', value: 'entre le 1 septembre 2026 et le 31 décembre 2026' },
      { label: 'Durée', value: 'au plus 12 mois' },
      { label: 'Modalité', value: 'en présentiel ou hybride' },
      { label: 'Coût', value: 'gratuite' },
      { label: 'Niveau de sortie', value: 'Niveau 4 (baccalauréat) ou Niveau 5 (bac + 2)' },
      { label: 'Places', value: 'avec des places disponibles' },
    ]);
  });

  it('falls back to the codes when names are unknown', () => {
    expect(describeFilters('region=53&commune=35238')).toEqual([
      { label: 'Région', value: '53' },
      { label: 'Lieu', value: 'à moins de 30 km de commune 35238' },
    ]);
    expect(formatDate('pas une date')).toBe('pas une date');
  });
});
