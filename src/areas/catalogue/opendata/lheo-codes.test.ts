import { describe, expect, it } from 'vitest';
import { aCatalogueSession } from './fixtures.ts';
import { certificationCodes, codeNiveauSortie, etatRecrutement, lheoDate, MODALITES_ENSEIGNEMENT, numeroActivite } from './lheo-codes.ts';
import { euros } from './format.ts';

describe('LHEO code mappings', () => {
  it('maps the modality to dict-modalites-enseignement', () => {
    expect(MODALITES_ENSEIGNEMENT).toEqual({ presentiel: '0', hybride: '1', distanciel: '2' });
  });

  it('maps a certification level to the 2019 levels of dict-niveaux (11..18)', () => {
    expect(codeNiveauSortie(3)).toBe('13');
    expect(codeNiveauSortie(8)).toBe('18');
    expect(codeNiveauSortie(0)).toBeNull();
    expect(codeNiveauSortie(9)).toBeNull();
  });

  it('derives the recruitment state from the label and the session', () => {
    const recruiting = aCatalogueSession({ status: 'recruiting', seatsLeft: 3 });
    expect(etatRecrutement('active', recruiting)).toBe('1');
    expect(etatRecrutement('active', { ...recruiting, seatsLeft: 0 })).toBe('2');
    expect(etatRecrutement('active', { ...recruiting, status: 'running' })).toBe('2');
    expect(etatRecrutement('active', { ...recruiting, status: 'finished' })).toBe('2');
    expect(etatRecrutement('active', { ...recruiting, status: 'planned' })).toBeNull();
    expect(etatRecrutement('suspended', recruiting)).toBe('3');
    expect(etatRecrutement('withdrawn', recruiting)).toBe('2');
    expect(etatRecrutement('expired', recruiting)).toBe('2');
  });

  it('splits RNCP and RS codes', () => {
    expect(certificationCodes('RNCP37674')).toEqual({ rncp: '37674' });
    expect(certificationCodes('rncp 653')).toEqual({ rncp: '653' });
    expect(certificationCodes('RS5487')).toEqual({ rs: '5487' });
    expect(certificationCodes('RS12')).toEqual({ rs: 'RS12' });
    expect(certificationCodes('CQP-42')).toBeNull();
  });

  it('normalises the NDA to 11 characters', () => {
    expect(numeroActivite('11 93 01234 93')).toBe('11930123493');
    expect(numeroActivite(null)).toBe('00000000000');
    expect(numeroActivite('123')).toBe('00000000000');
  });

  it('writes LHEO dates, with the unknown markers', () => {
    expect(lheoDate('2026-09-14', '00000000')).toBe('20260914');
    expect(lheoDate('', '00000000')).toBe('00000000');
    expect(lheoDate(null, '99999999')).toBe('99999999');
  });

  it('writes euros with a decimal point', () => {
    expect(euros(123450)).toBe('1234.50');
    expect(euros(5)).toBe('0.05');
    expect(euros(100000)).toBe('1000.00');
  });
});
