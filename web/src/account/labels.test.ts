import { describe, expect, it } from 'vitest';
import type { Membership } from '../session/types.ts';
import { ageOn, invitableRoles, managesOrganisation, safeReturnPath } from './labels.ts';

const membership = (patch: Partial<Membership>): Membership => ({
  id: 'm',
  role: 'provider',
  organisationId: 'org-1',
  organisationKind: 'provider',
  organisationName: 'Fabrique',
  isAdmin: false,
  ...patch,
});

describe('ageOn', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('2011-06-15', '2026-06-14')).toBe(14);
    expect(ageOn('2011-06-15', '2026-06-15')).toBe(15);
  });
  it('is null for an incomplete date', () => {
    expect(ageOn('', '2026-06-15')).toBeNull();
    expect(ageOn('0202-01-01', '2026-06-15')).toBeNull();
  });
});

describe('safeReturnPath', () => {
  it('keeps a path of the app', () => {
    expect(safeReturnPath('/invitation?jeton=abc')).toBe('/invitation?jeton=abc');
    expect(safeReturnPath('/formations/123')).toBe('/formations/123');
  });
  it('refuses another site, the API and the sign-in pages', () => {
    for (const bad of ['https://exemple.fr/', '//exemple.fr', '/api/account', '/dev/mails', '/connexion?retour=/compte', '/inscription', 'compte', null]) {
      expect(safeReturnPath(bad)).toBeNull();
    }
  });
});

describe('invitableRoles', () => {
  const operatorOrg = { id: 'gip', kind: 'operator' as const };
  const provider = { id: 'org-1', kind: 'provider' as const };
  it('lets the operator invite the roles of the organisation’s kind', () => {
    const operator = membership({ role: 'operator', organisationId: 'gip', organisationKind: 'operator', isAdmin: true });
    expect(invitableRoles(operator, operatorOrg)).toEqual(['reviewer', 'operator']);
    expect(invitableRoles(operator, provider)).toEqual(['provider']);
    expect(managesOrganisation(operator, 'org-1')).toBe(true);
  });
  it('lets an admin invite colleagues with the same role, in that organisation only', () => {
    expect(invitableRoles(membership({ isAdmin: true }), provider)).toEqual(['provider']);
    expect(invitableRoles(membership({ isAdmin: true }), { id: 'org-2', kind: 'provider' })).toEqual([]);
    expect(invitableRoles(membership({ isAdmin: false }), provider)).toEqual([]);
    expect(managesOrganisation(membership({ isAdmin: false }), 'org-1')).toBe(false);
  });
  it('keeps reviewers, funders and operators to the operator', () => {
    const funder = membership({ role: 'funder', organisationId: 'f', organisationKind: 'funder', isAdmin: true });
    expect(invitableRoles(funder, { id: 'f', kind: 'funder' })).toEqual([]);
  });
});
