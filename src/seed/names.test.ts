import { describe, expect, it } from 'vitest';
import { territories } from '../areas/territories/referential.ts';
import { nda, ofCity, phoneNumber, providerName, slugify } from './names.ts';
import { Rng } from './prng.ts';

describe('demo names', () => {
  it('says "of the city" the French way', () => {
    expect(ofCity('Lille')).toBe('de Lille');
    expect(ofCity('Amiens')).toBe("d'Amiens");
    expect(ofCity('Évry-Courcouronnes')).toBe("d'Évry-Courcouronnes");
    expect(ofCity('Le Havre')).toBe('du Havre');
    expect(ofCity('Les Abymes')).toBe('des Abymes');
    expect(ofCity('La Rochelle')).toBe('de La Rochelle');
  });
  it('slugs names into ASCII', () => {
    expect(slugify("Fabrique numérique d'Évry – Île-de-France")).toBe('fabrique-numerique-d-evry-ile-de-france');
    expect(slugify('Scop Les Artisans du Web – Saint-Étienne')).toBe('scop-les-artisans-du-web-saint-etienne');
  });
  it('never repeats a provider name', () => {
    const rng = new Rng(3);
    const taken = new Set<string>();
    const names = Array.from({ length: 300 }, () => providerName(rng, 'Roubaix', taken));
    expect(new Set(names).size).toBe(300);
  });
  it('uses fictional phone ranges and well-formed NDAs', () => {
    const { communes } = territories();
    const rng = new Rng(9);
    expect(phoneNumber(rng, communes.get('75056')!)).toMatch(/^01 99 00 \d\d \d\d$/);
    expect(phoneNumber(rng, communes.get('59350')!)).toMatch(/^03 53 01 \d\d \d\d$/);
    expect(phoneNumber(rng, communes.get('34172')!)).toMatch(/^04 65 71 \d\d \d\d$/); // Montpellier
    expect(phoneNumber(rng, communes.get('31555')!)).toMatch(/^05 36 49 \d\d \d\d$/); // Toulouse
    expect(phoneNumber(rng, communes.get('97411')!)).toMatch(/^06 39 98 \d\d \d\d$/);
    for (const code of ['75056', '2A004', '97411', '97608']) expect(nda(rng, communes.get(code)!), code).toMatch(/^[0-9]{11}$/);
  });
});
