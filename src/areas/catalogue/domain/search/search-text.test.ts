import { describe, expect, it } from 'vitest';
import type { CatalogueTraining, SearchQuery } from '../types.ts';
import { aTraining } from './fixtures.ts';
import { buildIndex, search } from './index.ts';

const TODAY = '2025-06-15';
const find = (trainings: CatalogueTraining[], text: string, extra: Partial<SearchQuery> = {}) =>
  search(buildIndex(trainings), { text, sort: 'relevance', page: 1, pageSize: 50, ...extra }, TODAY).hits.map((h) => h.training.title);

const dev = aTraining({ title: 'Développeur web et web mobile', summary: 'Créer des sites et des applications.' });
const maintenance = aTraining({ title: 'Technicien de maintenance informatique', summary: 'Dépanner les postes de travail.' });
const designer = aTraining({ title: 'Designer UX', summary: 'Concevoir des interfaces accessibles.' });
const all = [dev, maintenance, designer];

describe('text search', () => {
  it('ignores case and accents', () => {
    expect(find(all, 'DEVELOPPEUR')).toEqual([dev.title]);
    expect(find(all, 'développeur')).toEqual([dev.title]);
    expect(find(all, 'dépanner')).toEqual([maintenance.title]);
    expect(find(all, 'DEPANNER')).toEqual([maintenance.title]);
  });

  it('tolerates one typo in a word of 4–7 letters and two from 8 letters', () => {
    expect(find(all, 'devloppeur')).toEqual([dev.title]); // 1 deletion
    expect(find(all, 'maintenace')).toEqual([maintenance.title]); // 1 deletion
    expect(find(all, 'mainetnance')).toEqual([maintenance.title]); // 1 swap
    expect(find(all, 'devlopeur')).toEqual([dev.title]); // 2 deletions, 9 letters
    expect(find(all, 'dezigner')).toEqual([designer.title]); // 1 substitution, 8 letters
    expect(find(all, 'dezignr')).toEqual([]); // 2 typos in 7 letters: too many
    expect(find(all, 'wbe')).toEqual([]); // 3 letters: exact only
  });

  it('completes the last word as a prefix', () => {
    expect(find(all, 'develop')).toEqual([dev.title]);
    expect(find(all, 'techn')).toEqual([maintenance.title]);
    expect(find(all, 'web develop')).toEqual([dev.title]);
    // only the last word is a prefix
    expect(find(all, 'develop web')).toEqual([]);
    expect(find(all, 'techn maintenance')).toEqual([]);
  });

  it('requires every word (AND)', () => {
    expect(find(all, 'web mobile')).toEqual([dev.title]);
    expect(find(all, 'web maintenance')).toEqual([]);
    expect(find(all, 'technicien informatique')).toEqual([maintenance.title]);
  });

  it('ignores stop words and punctuation', () => {
    expect(find(all, "technicien de la maintenance, d'informatique !")).toEqual([maintenance.title]);
  });

  it('treats a text of stop words only as no text', () => {
    expect(find(all, 'de la').sort()).toEqual(all.map((t) => t.title).sort());
  });

  it('searches ROME labels, certification, provider and commune too', () => {
    const coded = aTraining({ title: 'Parcours A', romeCodes: ['M1805'] }); // Études et développement informatique
    const certified = aTraining({ title: 'Parcours B', certification: { title: 'Titre professionnel Infographiste', code: 'RNCP35286' } });
    const byProvider = aTraining({ title: 'Parcours C', provider: { name: 'Simplon' } });
    const inNantes = aTraining({ title: 'Parcours D', commune: { name: 'Nantes', code: '44109', departement: '44', region: '52' } });
    const ts = [coded, certified, byProvider, inNantes];
    expect(find(ts, 'études développement')).toEqual(['Parcours A']);
    expect(find(ts, 'm1805')).toEqual(['Parcours A']);
    expect(find(ts, 'infographiste')).toEqual(['Parcours B']);
    expect(find(ts, 'RNCP35286')).toEqual(['Parcours B']);
    expect(find(ts, 'simplon')).toEqual(['Parcours C']);
    expect(find(ts, 'nantes')).toEqual(['Parcours D']);
  });

  it('ranks a title match above a summary-only match, and an exact word above a typo', () => {
    const inSummary = aTraining({ title: 'Parcours numérique', summary: 'Devenir développeur en un an.' });
    const inTitle = aTraining({ title: 'Développeur', summary: 'Un parcours numérique.' });
    expect(find([inSummary, inTitle], 'développeur')).toEqual(['Développeur', 'Parcours numérique']);
    const near = aTraining({ title: 'Developpeuse' });
    const exact = aTraining({ title: 'Developpeur' });
    expect(find([near, exact], 'developpeur')).toEqual(['Developpeur', 'Developpeuse']);
  });

  it('adds up the words: matching both in the title beats one in the title and one in the summary', () => {
    const split1 = aTraining({ title: 'Web', summary: 'Mobile' });
    const split2 = aTraining({ title: 'Mobile', summary: 'Web' });
    const both = aTraining({ title: 'Web mobile', summary: 'Parcours' });
    const idx = buildIndex([split1, split2, both]);
    const q = (text: string) => search(idx, { text, sort: 'relevance', page: 1, pageSize: 10 }, TODAY).hits;
    const scoreOf = (text: string, t: CatalogueTraining) => q(text).find((h) => h.training.id === t.id)!.score;
    expect(q('web mobile')[0]!.training.id).toBe(both.id);
    expect(scoreOf('web mobile', both)).toBeCloseTo(scoreOf('web', both) + scoreOf('mobile', both), 2);
    expect(scoreOf('web mobile', split1)).toBeCloseTo(scoreOf('web', split1) + scoreOf('mobile', split1), 2);
  });

  it('ranks rarer words higher (idf)', () => {
    const common = Array.from({ length: 8 }, (_, i) => aTraining({ title: `Web ${i}` }));
    const rare = aTraining({ title: 'Parcours', summary: 'Cybersécurité' });
    const both = aTraining({ title: 'Web', summary: 'Parcours' });
    const result = search(buildIndex([...common, rare, both]), { text: 'web', sort: 'relevance', page: 1, pageSize: 1 }, TODAY);
    const rareResult = search(buildIndex([...common, rare, both]), { text: 'cybersecurite', sort: 'relevance', page: 1, pageSize: 1 }, TODAY);
    // a summary match on a rare word beats a title match on a word most trainings have
    expect(rareResult.hits[0]!.score).toBeGreaterThan(result.hits[0]!.score);
  });

  it('gives every match a positive score, and 0 without text', () => {
    const ts = [dev, maintenance];
    const withText = search(buildIndex(ts), { text: 'web', sort: 'relevance', page: 1, pageSize: 10 }, TODAY);
    expect(withText.hits.every((h) => h.score > 0)).toBe(true);
    const withoutText = search(buildIndex(ts), { sort: 'relevance', page: 1, pageSize: 10 }, TODAY);
    expect(withoutText.hits.map((h) => h.score)).toEqual([0, 0]);
  });

  it('finds nothing in an empty catalogue', () => {
    expect(search(buildIndex([]), { text: 'web', sort: 'relevance', page: 1, pageSize: 10 }, TODAY)).toEqual({ total: 0, page: 1, pageSize: 10, hits: [] });
    expect(search(buildIndex([]), { sort: 'start', page: 1, pageSize: 10 }, TODAY).total).toBe(0);
  });
});
