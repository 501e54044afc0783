/**
 * How long the platform keeps each kind of personal data, in one table: the daily retention job
 * (areas/privacy/use-cases/retention.ts) applies the `automatic` rows with these periods, and the
 * privacy notice (web/src/pages/PrivacyPage.tsx) shows the same table. Pure (no I/O, no clock).
 *
 * Periods follow the CNIL's guidance for French public services: the référentiel « recrutement »
 * (a candidate not retained: 2 years after the last contact), the recommendations on inactive accounts
 * (deleted or anonymised after 2 years without use, the person warned beforehand), on logs and
 * one-time links (as short as their use), and the public archives' rules for grants and aid
 * (public accounting: 10 years; a refused application: 5 years, the limitation period of civil
 * actions).
 */

export type RetentionId =
  | 'sessions'
  | 'mail_links'
  | 'sign_in_counters'
  | 'unconfirmed_accounts'
  | 'inactive_accounts'
  | 'sent_mails'
  | 'refused_proposal_files'
  | 'aid_and_grants'
  | 'audit_trail'
  | 'server_logs';

/**
 * A period in one unit: days, calendar months or calendar years. One unit only, so that going back
 * a period and forward again never passes the starting point (`after(before(now, p), p) <= now`);
 * with months and days mixed, the month lengths crossed differ each way and it could, by a few days.
 */
export type Period =
  | { days: number; months?: never; years?: never }
  | { months: number; days?: never; years?: never }
  | { years: number; days?: never; months?: never };

export interface RetentionRule {
  id: RetentionId;
  /** the data, in French */
  data: string;
  period: Period;
  /** from when the period runs, in French */
  from: string;
  /** what happens at the end */
  outcome: 'suppression' | 'anonymisation' | 'archivage';
  /** why this period (legal basis, CNIL guidance), in French */
  basis: string;
  /** applied by the daily job; otherwise applied as described in `basis` */
  automatic: boolean;
}

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    id: 'sessions',
    data: 'Sessions de connexion (empreinte du jeton, dates)',
    period: { days: 1 },
    from: 'la fin de la session (30 minutes d’inactivité, 12 heures au plus)',
    outcome: 'suppression',
    basis: 'Sécurité du service : inutile au-delà de la session (recommandations CNIL sur l’authentification).',
    automatic: true,
  },
  {
    id: 'mail_links',
    data: 'Liens à usage unique envoyés par message (confirmation d’adresse, réinitialisation du mot de passe)',
    period: { days: 30 },
    from: 'leur expiration',
    outcome: 'suppression',
    basis: 'Preuve d’envoi en cas de contestation, puis inutiles.',
    automatic: true,
  },
  {
    id: 'sign_in_counters',
    data: 'Compteurs d’échecs de connexion (empreintes, jamais l’adresse)',
    period: { days: 1 },
    from: 'le dernier échec',
    outcome: 'suppression',
    basis: 'Protection contre les essais de mots de passe : le blocage dure au plus 15 minutes.',
    automatic: true,
  },
  {
    id: 'unconfirmed_accounts',
    data: 'Comptes jamais activés (adresse non confirmée, ou accord parental non donné)',
    period: { days: 30 },
    from: 'la création du compte',
    outcome: 'suppression',
    basis: 'Le compte n’a jamais servi : rien ne justifie de le garder (minimisation).',
    automatic: true,
  },
  {
    id: 'inactive_accounts',
    data: 'Comptes et dossiers des candidat·es et des personnes sans rattachement professionnel en cours : identité, profil, vœux, classements, propositions, inscriptions terminées, demandes d’aide',
    period: { years: 2 },
    from: 'le dernier contact (dernière connexion ou dernière action sur le dossier) ; un message prévient un mois avant',
    outcome: 'anonymisation',
    basis: 'Référentiel CNIL « recrutement » : 2 ans après le dernier contact. Une formation ou une aide en cours suspend le délai.',
    automatic: true,
  },
  {
    id: 'sent_mails',
    data: 'Messages envoyés par la plateforme (adresse, objet, contenu)',
    period: { days: 30 },
    from: 'leur envoi',
    outcome: 'suppression',
    basis: 'Suivi des envois et des erreurs de distribution, puis inutiles.',
    automatic: true,
  },
  {
    id: 'refused_proposal_files',
    data: 'Pièces jointes des dossiers de labellisation non retenus ou retirés',
    period: { years: 5 },
    from: 'la décision ou le retrait du dossier',
    outcome: 'suppression',
    basis: 'Délai de prescription de droit commun (5 ans) pour un éventuel recours.',
    automatic: true,
  },
  {
    id: 'aid_and_grants',
    data: 'Décisions et montants des aides financières, conventions et tranches de subvention',
    period: { years: 10 },
    from: 'la décision ou le dernier paiement',
    outcome: 'archivage',
    basis: 'Pièces de la comptabilité publique (10 ans). L’identité des bénéficiaires en est détachée avec l’anonymisation de leur compte.',
    automatic: false,
  },
  {
    id: 'audit_trail',
    data: 'Journal d’audit (identifiants, états et noms de champs seulement, jamais vos informations)',
    period: { years: 10 },
    from: 'l’enregistrement de l’opération',
    outcome: 'archivage',
    basis: 'Traçabilité des décisions sur l’argent public. Le journal est en ajout seul : la base refuse toute modification ; son archivage se fait hors de la plateforme.',
    automatic: false,
  },
  {
    id: 'server_logs',
    data: 'Journaux techniques du serveur (date, page demandée, code de réponse ; aucune donnée personnelle)',
    period: { years: 1 },
    from: 'leur écriture',
    outcome: 'suppression',
    basis: 'Sécurité du service (recommandation CNIL sur la journalisation : 6 mois à 1 an), par l’hébergeur.',
    automatic: false,
  },
];

export function retentionRule(id: RetentionId): RetentionRule {
  return RETENTION_RULES.find((r) => r.id === id)!;
}

/** « 30 jours », « 2 ans », « 1 an », « 1 mois » */
export function periodLabel(p: Period): string {
  const parts: string[] = [];
  if (p.years) parts.push(`${p.years} an${p.years > 1 ? 's' : ''}`);
  if (p.months) parts.push(`${p.months} mois`);
  if (p.days) parts.push(`${p.days} jour${p.days > 1 ? 's' : ''}`);
  return parts.join(' et ') || 'aucune';
}

/** The instant `p` before `now` (calendar months and years, in UTC; a 31st becomes the month's last day). */
export function before(now: Date, p: Period): Date {
  const d = new Date(now.getTime());
  const months = (p.years ?? 0) * 12 + (p.months ?? 0);
  if (months) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  }
  if (p.days) d.setUTCDate(d.getUTCDate() - p.days);
  return d;
}

/** The instant `p` after `from`. */
export function after(from: Date, p: Period): Date {
  const d = new Date(from.getTime());
  const months = (p.years ?? 0) * 12 + (p.months ?? 0);
  if (months) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  }
  if (p.days) d.setUTCDate(d.getUTCDate() + p.days);
  return d;
}

/** The warning before an inactive account is anonymised: sent this long before, at least this long before acting. */
export const INACTIVITY_WARNING: Period = { months: 1 };

export type InactivityStep = 'keep' | 'warn' | 'anonymise';

/**
 * What the daily job does with an account inactive since `lastActivity`: nothing yet; warn (one
 * month before the end of the period, once); anonymise (period over, and warned at least a month ago
 * with no activity since). An account found past its period without a warning is warned first, so
 * nobody is anonymised without notice.
 */
export function inactivityStep(lastActivity: Date, warnedAt: Date | null, now: Date): InactivityStep {
  const period = retentionRule('inactive_accounts').period;
  const end = after(lastActivity, period);
  const warning = warnedAt && warnedAt.getTime() > lastActivity.getTime() ? warnedAt : null;
  if (now.getTime() >= end.getTime() && warning && now.getTime() >= after(warning, INACTIVITY_WARNING).getTime()) return 'anonymise';
  if (!warning && now.getTime() >= before(end, INACTIVITY_WARNING).getTime()) return 'warn';
  return 'keep';
}

/** The date the account will be anonymised, for the warning (never less than a month after it). */
export function anonymisationDate(lastActivity: Date, now: Date): Date {
  const end = after(lastActivity, retentionRule('inactive_accounts').period);
  const earliest = after(now, INACTIVITY_WARNING);
  return end.getTime() > earliest.getTime() ? end : earliest;
}
