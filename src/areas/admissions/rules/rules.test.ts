import { describe, expect, it } from 'vitest';
import { admissionsJobs } from '../jobs.ts';
import { addDays, frenchDeadline, localDate, offerDeadline, timeZoneOfCommune, zonedInstant } from './deadlines.ts';
import { csvCell, parseCsv, rankingProblems, readRankingCsv } from './ranking.ts';

describe('offer deadlines', () => {
  it('end at 23:59:59 local time, answerDays after the local day of the offer', () => {
    // 06:00 Paris in winter = 05:00 UTC; 3 days → 4 Dec 23:59:59 Paris = 22:59:59 UTC
    expect(offerDeadline(new Date('2026-12-01T05:00:00Z'), 3, 'Europe/Paris').toISOString()).toBe('2026-12-04T22:59:59.000Z');
    // summer time: UTC+2
    expect(offerDeadline(new Date('2027-06-01T04:00:00Z'), 1, 'Europe/Paris').toISOString()).toBe('2027-06-02T21:59:59.000Z');
    // across the change to summer time (28 March 2027)
    expect(offerDeadline(new Date('2027-03-26T05:00:00Z'), 3, 'Europe/Paris').toISOString()).toBe('2027-03-29T21:59:59.000Z');
  });

  it('follow the overseas départements’ time zones', () => {
    expect(timeZoneOfCommune('97411')).toBe('Indian/Reunion');
    expect(timeZoneOfCommune('97105')).toBe('America/Guadeloupe');
    expect(timeZoneOfCommune('69123')).toBe('Europe/Paris');
    expect(timeZoneOfCommune('2A004')).toBe('Europe/Paris');
    // La Réunion is UTC+4: the round at 06:00 Paris (05:00 UTC) is 09:00 there, same day
    expect(offerDeadline(new Date('2026-12-01T05:00:00Z'), 3, 'Indian/Reunion').toISOString()).toBe('2026-12-04T19:59:59.000Z');
    // Guadeloupe is UTC−4: 05:00 UTC is 01:00 local, same day
    expect(offerDeadline(new Date('2026-12-01T05:00:00Z'), 3, 'America/Guadeloupe').toISOString()).toBe('2026-12-05T03:59:59.000Z');
    // an instant late in the UTC day is already the next day in Nouméa (UTC+11)
    expect(localDate(new Date('2026-12-01T20:00:00Z'), 'Pacific/Noumea')).toBe('2026-12-02');
  });

  it('reads in French', () => {
    const d = zonedInstant('2026-12-04', 23, 59, 59, 'Europe/Paris');
    expect(frenchDeadline(d, 'Europe/Paris')).toBe('vendredi 4 décembre 2026 à 23 h 59 (heure de Paris)');
    expect(frenchDeadline(zonedInstant('2026-12-04', 23, 59, 59, 'Indian/Reunion'), 'Indian/Reunion')).toBe('vendredi 4 décembre 2026 à 23 h 59 (heure locale, Reunion)');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });
});

describe('the ranking checks', () => {
  const rankable = new Set(['a', 'b', 'c']);
  it('name each problem by its position', () => {
    expect(
      rankingProblems(
        [
          { wishId: 'a', rank: 1, notRankedReason: null, notes: null },
          { wishId: 'b', rank: 1, notRankedReason: null, notes: null },
          { wishId: 'z', rank: 2, notRankedReason: null, notes: null },
          { wishId: 'c', rank: null, notRankedReason: ' ', notes: null },
          { wishId: 'a', rank: 3, notRankedReason: 'x', notes: null },
        ],
        rankable,
      ),
    ).toEqual({
      'entries.1.rank': 'Le rang 1 est déjà donné à la position 1.',
      'entries.2.wishId': 'Cette candidature n’est pas (ou plus) à classer dans cette session.',
      'entries.3.rank': 'Donnez un rang, ou un motif si la candidature n’est pas classée.',
      'entries.4.wishId': 'Cette candidature figure déjà à la position 1.',
      'entries.4.rank': 'Une candidature classée n’a pas de motif de non-classement.',
    });
  });

  it('parse CSV with quotes, either separator, CRLF, BOM and multi-line cells (lines counted as in the file)', () => {
    expect(parseCsv('\uFEFFvoeu;rang\r\n"a;1";"2"\r\n\r\nb;"x\ny"\nc;3')).toEqual([
      { line: 1, cells: ['voeu', 'rang'] },
      { line: 2, cells: ['a;1', '2'] },
      { line: 4, cells: ['b', 'x\ny'] },
      { line: 6, cells: ['c', '3'] },
    ]);
    expect(parseCsv('voeu,rang\na,"1"')).toEqual([
      { line: 1, cells: ['voeu', 'rang'] },
      { line: 2, cells: ['a', '1'] },
    ]);
  });

  it('refuse a file naming the exact lines: duplicate ranks (both lines), missing ranks, unknown and forgotten wishes', () => {
    const names = new Map([
      ['a', 'Ana'],
      ['b', 'Bo'],
      ['c', 'Cy'],
      ['d', 'Di'],
    ]);
    const r = readRankingCsv('Vœu;Rang;Motif non classé\na;1;\nb;1;\nzz;2;\nc;;\n', names);
    expect(r).toEqual({
      ok: false,
      problems: {
        'ligne 2': 'Le rang 1 est donné aussi ligne 3.',
        'ligne 3': 'Le rang 1 est donné aussi ligne 2.',
        'ligne 4': 'Le vœu « zz » n’est pas une candidature à classer de cette session.',
        'ligne 5': 'Rang manquant : donnez un rang, ou un motif dans « motif_non_classe » si la candidature n’est pas classée.',
        fichier: 'Une candidature manque au fichier : Di.',
      },
    });
    expect(readRankingCsv('nom;prenom\n', names)).toMatchObject({ ok: false, problems: { 'ligne 1': expect.stringMatching(/« voeu » et « rang »/) } });
    expect(readRankingCsv('voeu;rang;motif_non_classe;notes\na;2;;bien\nb;;trop tôt;\nc;7;;\nd;1;;', names)).toEqual({
      ok: true,
      entries: [
        { wishId: 'a', rank: 2, notRankedReason: null, notes: 'bien' },
        { wishId: 'b', rank: null, notRankedReason: 'trop tôt', notes: null },
        { wishId: 'c', rank: 7, notRankedReason: null, notes: null },
        { wishId: 'd', rank: 1, notRankedReason: null, notes: null },
      ],
    });
  });

  it('write cells safely for spreadsheets', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('Dupont; Marie')).toBe('"Dupont; Marie"');
    expect(csvCell(null)).toBe('');
  });
});

describe('the daily job', () => {
  it('runs the round at 06:00 Paris time, at most one at a time', () => {
    const [job] = admissionsJobs({} as never);
    expect(job).toMatchObject({ name: 'admissions-offer-round', cron: '0 6 * * *', policy: 'stately' });
  });
});
