import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../../test/support/console.ts';
import { main } from '../../cli.ts';

const { out, err } = captureConsole();

async function aid(...args: string[]) {
  const code = await main(['aid', 'simulate', ...args]);
  return { code, out, err };
}

describe('fabriques aid simulate', () => {
  it('prints one JSON object on one line (the example of the issue)', async () => {
    const { code } = await aid('--year', '2025-2026', '--income', '30351', '--points', '8');
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).not.toContain('\n');
    const r = JSON.parse(out[0]!);
    expect(Object.keys(r)).toEqual(['year', 'points', 'echelon', 'annualEuros', 'monthlyEuros', 'explanation']);
    expect(r).toMatchObject({ year: '2025-2026', points: 8, echelon: '3', annualEuros: 3828, monthlyEuros: 382.8 });
    expect(r.explanation.length).toBeGreaterThan(3);
    expect(r.explanation.every((s: unknown) => typeof s === 'string')).toBe(true);
  });

  it('takes the facts instead of the points', async () => {
    await aid('--year', '2025-2026', '--income', '30351', '--distance-km', '300', '--children', '1', '--children-higher-education', '1');
    expect(JSON.parse(out[0]!)).toMatchObject({ points: 8, echelon: '3' });
  });

  it('counts the disability and carer situations', async () => {
    await aid('--year', '2025-2026', '--income', '0', '--disability-or-carer');
    await aid('--year', '2025-2026', '--income', '0', '--disability', '--carer');
    expect(out.map((o) => JSON.parse(o).points)).toEqual([4, 8]);
  });

  it('measures the distance between two communes', async () => {
    await aid('--year', '2025-2026', '--income', '30351', '--home', '69123', '--training', '75056');
    const r = JSON.parse(out[0]!);
    expect(r.points).toBe(2);
    expect(r.explanation.join(' ')).toMatch(/Lyon, 69123.*Paris, 75056.*392 km/);
  });

  it('applies an exclusion', async () => {
    await aid('--year', '2025-2026', '--income', '0', '--points', '8', '--exclusion', 'regional-training-pay');
    expect(JSON.parse(out[0]!)).toMatchObject({ echelon: null, annualEuros: 0, monthlyEuros: 0, exclusions: ['regional-training-pay'] });
  });

  it('picks the scale in force at a date, with the fallback said', async () => {
    await aid('--date', '2027-01-15', '--income', '30351', '--points', '8');
    const r = JSON.parse(out[0]!);
    expect(r).toMatchObject({ year: '2026-2027', scaleYear: '2025-2026', echelon: '3' });
    expect(r.explanation.join(' ')).toMatch(/n’est pas publié/);
  });

  it('counts the monthly payments of a training period', async () => {
    await aid('--income', '30351', '--points', '8', '--start', '2025-10-06', '--end', '2026-04-03');
    expect(JSON.parse(out[0]!)).toMatchObject({ year: '2025-2026', payments: 6, totalEuros: 2296.8 });
  });

  it.each([
    [['--year', '2025-2026', '--income', '-5', '--points', '8'], /^fabriques aid : --income : le revenu brut global doit être un montant positif ou nul/],
    [['--year', '2025-2026', '--income', 'beaucoup'], /--income : « beaucoup » n’est pas un montant/],
    [['--year', '2025-2026', '--points', '8'], /--income est obligatoire/],
    [['--year', '2025-2026', '--income', '30351', '--points', '8.5'], /--points : le total des points de charge doit être un nombre entier/],
    [['--year', '2025-2026', '--income', '30351', '--points', '-1'], /--points : les points de charge doivent être un nombre entier entre 0 et 200/],
    [['--year', '2015-2016', '--income', '30351'], /--year : aucun barème avant 2016-2017/],
    [['--year', '2025-2027', '--income', '30351'], /--year : l’année universitaire s’écrit AAAA-AAAA/],
    [['--date', '2025-02-30', '--income', '30351'], /--date : la date doit exister/],
    [['--year', '2025-2026', '--income', '1', '--home', '69123', '--training', '99999'], /--training : la commune du lieu de formation « 99999 » n’existe pas/],
    [['--year', '2025-2026', '--income', '1', '--home', '69123'], /--home demande aussi --training/],
    [['--year', '2025-2026', '--income', '1', '--points', '3', '--children', '1'], /--points : donnez soit le total des points de charge, soit les faits/],
    [['--year', '2025-2026', '--income', '1', '--exclusion', 'rsa'], /--exclusion : situation d’exclusion inconnue « rsa »/],
    [['--year', '2025-2026', '--income', '1', '--start', '2025-10-01'], /--start demande aussi --end/],
    [['--year', '2025-2026', '--income', '1', '--bogus'], /option inconnue --bogus/],
    [['--year', '2025-2026', '--income', '1', '--disability-or-carer', '--carer'], /--disability-or-carer compte une situation/],
  ])('%j → exit 2 and one line saying what to fix', async (args, message) => {
    const { code } = await aid(...args);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('\n');
    expect(err[0]).toMatch(message);
  });

  it('refuses a missing or unknown sub-command', async () => {
    expect(await main(['aid'])).toBe(2);
    expect(await main(['aid', 'compute'])).toBe(2);
    expect(err[1]).toMatch(/sous-commande inconnue « compute »/);
  });
});
