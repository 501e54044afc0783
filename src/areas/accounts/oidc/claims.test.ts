import { describe, expect, it } from 'vitest';
import { profileFromClaims, safeReturnTo } from './claims.ts';
import { Sealer } from './sealed-cookie.ts';

describe('profileFromClaims', () => {
  it('reads FranceConnect claims, with the birth date', () => {
    expect(
      profileFromClaims('franceconnect', { sub: 'abc', email: ' Lea.Martin@Exemple.FR ', email_verified: true, given_name: 'Léa  Marie', family_name: 'Martin', birthdate: '2001-03-04' }),
    ).toEqual({ provider: 'franceconnect', subject: 'abc', email: 'lea.martin@exemple.fr', emailVerified: true, givenName: 'Léa Marie', familyName: 'Martin', birthDate: '2001-03-04' });
  });

  it('reads ProConnect’s usual_name as the family name, and keeps no birth date', () => {
    const p = profileFromClaims('proconnect', { sub: 'x', email: 'a@b.fr', email_verified: true, given_name: 'Ana', usual_name: 'Dupont', birthdate: '1990-01-01', siret: '13001234500018' });
    expect(p).toMatchObject({ familyName: 'Dupont', birthDate: null });
  });

  it('counts an address as verified only on an explicit true', () => {
    for (const v of [undefined, 'true', 1, false]) {
      expect(profileFromClaims('franceconnect', { sub: 's', email: 'a@b.fr', email_verified: v })!.emailVerified).toBe(false);
    }
    expect(profileFromClaims('franceconnect', { sub: 's', email: 'pas une adresse', email_verified: true })).toMatchObject({ email: null, emailVerified: false });
  });

  it('drops partial or impossible birth dates', () => {
    for (const d of ['1980-00-00', '1980-02-30', '1980', 19800101]) {
      expect(profileFromClaims('franceconnect', { sub: 's', birthdate: d })!.birthDate).toBeNull();
    }
  });

  it('refuses an answer without a subject', () => {
    expect(profileFromClaims('franceconnect', { email: 'a@b.fr' })).toBeNull();
    expect(profileFromClaims('franceconnect', { sub: '  ' })).toBeNull();
  });
});

describe('safeReturnTo', () => {
  it('keeps paths of this site', () => {
    expect(safeReturnTo('/formations?q=web#r')).toBe('/formations?q=web#r');
    expect(safeReturnTo('/compte')).toBe('/compte');
  });

  it('falls back for anything that could leave the site', () => {
    for (const v of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/a\nb', '', undefined, 42, `/${'x'.repeat(600)}`]) {
      expect(safeReturnTo(v)).toBe('/compte');
    }
  });
});

describe('Sealer', () => {
  const now = new Date('2026-11-29T09:00:00Z');
  const later = (s: number) => new Date(now.getTime() + s * 1000);

  it('opens what it sealed, until it expires', () => {
    const s = new Sealer('secret-secret-secret-secret-secret-00', 'flow');
    const v = s.seal({ a: 1 }, now, 600);
    expect(s.open(v, later(599))).toEqual({ a: 1 });
    expect(s.open(v, later(600))).toBeNull();
  });

  it('refuses a value tampered with, sealed for another purpose, or with another secret', () => {
    const s = new Sealer('secret-secret-secret-secret-secret-00', 'flow');
    const v = s.seal({ a: 1 }, now, 600);
    const flipped = Buffer.from(v, 'base64url');
    flipped[flipped.length - 1]! ^= 1;
    expect(s.open(flipped.toString('base64url'), now)).toBeNull();
    expect(new Sealer('secret-secret-secret-secret-secret-00', 'link').open(v, now)).toBeNull();
    expect(new Sealer('another-secret-another-secret-another', 'flow').open(v, now)).toBeNull();
    expect(s.open('garbage', now)).toBeNull();
    expect(s.open(undefined, now)).toBeNull();
  });
});
