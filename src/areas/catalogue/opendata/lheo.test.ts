import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogueTraining } from '../domain/types.ts';
import { aCatalogueSession, aCatalogueTraining } from './fixtures.ts';
import { EmptyLheoOfferError, lheoChunks, toLheo } from './lheo.ts';
import { validateLheo } from './lheo-validate.ts';

const OPTIONS = { generatedAt: '2026-05-01T10:00:00.000Z', baseUrl: 'https://fabriques.example.gouv.fr/' };
// Each validation starts libxml2 (WebAssembly) in a worker thread.
const SLOW = { timeout: 30_000 };

const NASTY = `Dév & Co <script>alert("x")</script> 'apostrophe' ]]> 😀👩🏽‍💻 \u0000\u0001\u0008\u000B\u000C\u001F\u007F\uFFFE\uFFFF\uD800 fin\r\nligne`;

const free = aCatalogueTraining({ id: 'free-1' });

const paid = aCatalogueTraining({
  id: 'paid-no-session',
  isFree: false,
  priceCents: 450050,
  modality: 'hybride',
  certification: { code: 'RS5487', title: 'Certification « Bases du code »', level: 4 },
  provider: { ...free.provider, nda: null, website: null, siret: '356 000 000 00048' },
  contact: { email: 'inscriptions@example.org', phone: '+33 6 12 34 56 78' },
  sessions: [],
});

const nasty = aCatalogueTraining({
  id: 'nasty-&-<1>',
  title: `${'T'.repeat(250)}${NASTY}`,
  summary: `${NASTY} ${'x'.repeat(3100)}`,
  objectives: '   \u0001  ',
  prerequisites: '',
  address: `Bâtiment B, escalier C, ${'rue '.repeat(30)}\n${'Zone-industrielle-des-très-longs-noms-sans-espaces-du-tout'}`,
  postalCode: '',
  commune: { code: '2A004', name: 'Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson et plus encore', departement: '2A', region: '94' },
  romeCodes: ['M1805', 'M1805', 'm1806', 'M1807', 'M1810', 'M1811', 'M1812', 'XX'],
  formacodes: ['31054', '31088', '31025', '31026', '31028', '31032', '1234', '31054'],
  contact: { email: NASTY, phone: '01 23 45 67 89 poste 1234 (standard)' },
  provider: { ...free.provider, name: NASTY, nda: '11 93 01234 93' },
  sessions: [aCatalogueSession({ id: 'sess <&>', status: 'planned' })],
});

const distance = aCatalogueTraining({
  id: 'distance-suspended',
  modality: 'distanciel',
  label: { ...free.label, status: 'suspended', statusReason: 'Contrôle en cours' },
  certification: { code: 'CQP maison', title: '', level: 0 },
  durationHours: 0,
  lat: Number.NaN,
  sessions: [
    aCatalogueSession({ status: 'finished', startsOn: '2025-01-06', endsOn: '2025-06-27' }),
    aCatalogueSession({ status: 'running', startsOn: '2026-01-05', endsOn: '2026-06-26' }),
    aCatalogueSession({ status: 'recruiting', seatsLeft: 0 }),
    aCatalogueSession({ status: 'recruiting', startsOn: 'bientôt', endsOn: '' }),
  ],
});

const FIXTURES: CatalogueTraining[] = [free, paid, nasty, distance];

function formationOf(xml: string, id: string): string {
  const start = xml.indexOf(`<formation numero="${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return xml.slice(start, xml.indexOf('</formation>', start));
}

const textOf = (xml: string, element: string): string[] =>
  [...xml.matchAll(new RegExp(`<${element}(?: [^>]*)?>([^<]*)</${element}>`, 'g'))].map((m) => m[1]!);

describe('LHEO 2.3 export', () => {
  it('validates against the LHEO 2.3 schema (free, paid, without session, nasty strings)', SLOW, async () => {
    const xml = toLheo(FIXTURES, OPTIONS);
    expect(await validateLheo(xml)).toEqual({ valid: true, errors: [] });
  });

  it('validates whatever text the trainings hold (property, one document)', SLOW, async () => {
    const anyText = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\u0000', '\u0009', '\u000D', '\uD83D', '\uFFFE', '&', '<', '>', '"', "'", ']]>', '\r\n', ' ', '😀', '👩🏽‍💻'),
        fc.constantFrom(...'aéŒ€中'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 400,
    });
    const trainings = fc.sample(
      fc.record({ title: anyText, summary: anyText, objectives: anyText, prerequisites: anyText, address: anyText, name: anyText, phone: anyText }),
      { numRuns: 80, seed: 2026 },
    ).map((r, i) =>
      aCatalogueTraining({
        id: `prop-${i}`,
        ...r,
        commune: { ...free.commune, name: r.name },
        provider: { ...free.provider, name: r.name, website: r.phone },
        contact: { email: r.address, phone: r.phone },
      }),
    );
    const result = await validateLheo(toLheo(trainings, OPTIONS));
    expect(result.errors).toEqual([]);
  });

  it('uses the LHEO root, namespace and export time stamp', () => {
    const xml = toLheo([free], OPTIONS);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="http://lheo.gouv.fr/2.3" horodatage-export="2026-05-01T10:00:00.000Z">')).toBe(true);
    expect(xml).toContain('<offres>');
    expect(xml.trimEnd().endsWith('</lheo>')).toBe(true);
  });

  it('maps the training, its place and its provider', () => {
    const f = formationOf(toLheo([free], OPTIONS), 'free-1');
    expect(textOf(f, 'code-FORMACODE')).toEqual(['31054', '31088']);
    expect(textOf(f, 'code-ROME')).toEqual(['M1805', 'M1855']);
    expect(textOf(f, 'intitule-formation')).toEqual([free.title]);
    expect(textOf(f, 'certifiante')).toEqual(['1']);
    expect(textOf(f, 'code-RNCP')).toEqual(['37674']);
    expect(textOf(f, 'code-niveau-entree')).toEqual(['1']);
    expect(textOf(f, 'code-niveau-sortie')).toEqual(['15']);
    expect(textOf(f, 'urlweb')).toContain('https://fabriques.example.gouv.fr/formations/free-1');
    expect(textOf(f, 'modalites-enseignement')).toEqual(['0']);
    expect(textOf(f, 'code-INSEE-commune')).toEqual(['93048', '93048']);
    expect(f).toContain('<geolocalisation><latitude>48.8638</latitude><longitude>2.4485</longitude></geolocalisation>');
    expect(textOf(f, 'numero-activite')).toEqual(['11930123493']);
    expect(textOf(f, 'SIRET')).toEqual(['73282932000074', '73282932000074']);
    expect(textOf(f, 'nombre-heures-total')).toEqual(['875']);
    expect(textOf(f, 'duree-indicative')).toEqual(['7 mois']);
    expect(textOf(f, 'prix-total-TTC')).toEqual([]);
    expect(textOf(f, 'prise-en-charge-frais-possible')).toEqual(['0']);
  });

  it('writes sessions with LHEO dates, registration address and recruitment state', () => {
    const f = formationOf(toLheo([free], OPTIONS), 'free-1');
    expect(textOf(f, 'debut')).toEqual(['20260914']);
    expect(textOf(f, 'fin')).toEqual(['20270312']);
    expect(f).toMatch(/<session numero="[^"]+"><periode>.*<\/periode><adresse-inscription><adresse>/);
    expect(textOf(f, 'etat-recrutement')).toEqual(['1']);
    expect(f).toContain('<extra info="places">14</extra><extra info="places-restantes">5</extra>');
  });

  it('gives a price to paid trainings and a dateless session to trainings without session', () => {
    const f = formationOf(toLheo([paid], OPTIONS), 'paid-no-session');
    expect(textOf(f, 'prix-total-TTC')).toEqual(['4500.50']);
    expect(textOf(f, 'prise-en-charge-frais-possible')).toEqual(['1']);
    expect(textOf(f, 'code-RS')).toEqual(['5487']);
    expect(textOf(f, 'numero-activite')).toEqual(['00000000000']);
    expect(textOf(f, 'modalites-enseignement')).toEqual(['1']);
    expect(f).toContain('<portable><numtel>+33 6 12 34 56 78</numtel></portable>');
    expect(textOf(f, 'debut')).toEqual(['00000000']);
    expect(textOf(f, 'fin')).toEqual(['99999999']);
    expect(textOf(f, 'etat-recrutement')).toEqual([]);
  });

  it('escapes markup, drops characters XML 1.0 forbids, and respects the schema lengths', () => {
    const xml = toLheo([nasty], OPTIONS);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('<formation numero="nasty-&amp;-&lt;1&gt;">');
    const f = formationOf(xml, 'nasty-&amp;-&lt;1&gt;');
    const [title] = textOf(f, 'intitule-formation');
    expect([...title!].length).toBeLessThanOrEqual(255);
    expect(title!.endsWith('…')).toBe(true);
    // empty objectives and prerequisites fall back to other texts
    expect(textOf(f, 'objectif-formation')[0]).toContain('Dév &amp; Co &lt;script&gt;');
    expect(textOf(f, 'conditions-specifiques')).toEqual(['Formation ouverte sans condition de diplôme ; sélection sur la motivation.']);
    expect(textOf(f, 'code-FORMACODE')).toEqual(['31054', '31088', '31025', '31026', '31028']);
    expect(textOf(f, 'code-ROME')).toEqual(['M1805', 'M1806', 'M1807', 'M1810', 'M1811']);
    const lines = textOf(f, 'ligne');
    expect(lines.length).toBeLessThanOrEqual(3 * 4);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(50);
    expect(textOf(f, 'codepostal')[0]).toBe('00000');
    expect(textOf(f, 'departement')[0]).toBe('2A');
    for (const ville of textOf(f, 'ville')) expect([...ville].length).toBeLessThanOrEqual(50);
  });

  it('maps the label and session states to etat-recrutement', () => {
    const f = formationOf(toLheo([distance], OPTIONS), 'distance-suspended');
    // suspended label: every session "suspendu"
    expect(textOf(f, 'etat-recrutement')).toEqual(['3', '3', '3', '3']);
    expect(textOf(f, 'debut')).toEqual(['20250106', '20260105', '20260914', '00000000']);
    expect(textOf(f, 'fin')).toEqual(['20250627', '20260626', '20270312', '99999999']);
    expect(textOf(f, 'certifiante')).toEqual(['0']);
    expect(f).not.toContain('<certification>');
    expect(f).not.toContain('<code-niveau-sortie>');
    expect(f).not.toContain('<geolocalisation>');
    expect(textOf(f, 'modalites-enseignement')).toEqual(['2']);
  });

  it('streams the same document in chunks, one per training', () => {
    const chunks = [...lheoChunks(FIXTURES, OPTIONS)];
    expect(chunks).toHaveLength(FIXTURES.length + 2);
    expect(chunks.join('')).toBe(toLheo(FIXTURES, OPTIONS));
  });

  it('refuses an empty offer (LHEO requires a formation) and a malformed time stamp, before streaming', () => {
    expect(() => lheoChunks([], OPTIONS)).toThrow(EmptyLheoOfferError);
    expect(() => lheoChunks([free], { ...OPTIONS, generatedAt: '01/05/2026' })).toThrow(RangeError);
  });
});

describe('LHEO validator', () => {
  const valid = toLheo([free], OPTIONS);

  it('rejects a document missing a required element', SLOW, async () => {
    const broken = valid.replace(/<intitule-formation>[^<]*<\/intitule-formation>/, '');
    expect(broken).not.toBe(valid);
    const result = await validateLheo(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/objectif-formation.*intitule-formation|intitule-formation/);
  });

  it('rejects a code outside its LHEO dictionary and a date in the wrong format', SLOW, async () => {
    const broken = valid
      .replace('<etat-recrutement>1</etat-recrutement>', '<etat-recrutement>4</etat-recrutement>')
      .replace('<debut>20260914</debut>', '<debut>2026-09-14</debut>');
    const result = await validateLheo(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.includes('etat-recrutement'))).toBe(true);
    expect(result.errors.some((e) => e.includes('debut'))).toBe(true);
  });

  it('rejects a document that is not well-formed XML', SLOW, async () => {
    const result = await validateLheo(valid.replace('Montreuil', 'Montreuil & Co'));
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });
});
