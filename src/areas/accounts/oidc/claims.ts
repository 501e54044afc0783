import type { OidcProviderId } from './providers.ts';

/** What Fabriques keeps of an identity provider's answer, whatever the provider. */
export interface OidcProfile {
  provider: OidcProviderId;
  /** the provider's stable identifier of the person (`sub`) */
  subject: string;
  /** lower-cased; null when the provider gave none */
  email: string | null;
  /** the provider says it checked the address (`email_verified: true`); nothing else counts */
  emailVerified: boolean;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD, FranceConnect only; null when absent or not a full date */
  birthDate: string | null;
}

const text = (v: unknown, max: number): string => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ').slice(0, max) : '');

function isoDate(v: unknown): string | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
}

/**
 * Normalises the claims (ID token and userinfo merged) into a profile. Pure. Returns null when the
 * answer cannot identify anyone (no subject). ProConnect names the family name `usual_name`.
 */
export function profileFromClaims(provider: OidcProviderId, claims: Record<string, unknown>): OidcProfile | null {
  const subject = typeof claims.sub === 'string' ? claims.sub.trim() : '';
  if (subject === '' || subject.length > 255) return null;
  const rawEmail = text(claims.email, 254).toLowerCase();
  const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(rawEmail) ? rawEmail : null;
  return {
    provider,
    subject,
    email,
    emailVerified: email !== null && claims.email_verified === true,
    givenName: text(claims.given_name, 100),
    familyName: text(claims.family_name, 100) || text(claims.usual_name, 100),
    birthDate: provider === 'franceconnect' ? isoDate(claims.birthdate) : null,
  };
}

/** Where to go after signing in: a path of this site only (never `//host` nor `/\host`), else the default. */
export function safeReturnTo(value: unknown, fallback = '/compte'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const u = new URL(value, 'http://fabriques.invalid');
    if (u.origin !== 'http://fabriques.invalid') return fallback;
    return u.pathname + u.search + u.hash;
  } catch {
    return fallback;
  }
}
