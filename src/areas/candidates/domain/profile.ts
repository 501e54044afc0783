/** The candidate's profile: what is checked before it is saved, field by field, in French. Pure. */
import { ageOn } from '../../accounts/domain/age.ts';
import type { ConsentPurpose, DiplomaLevel, Gender, Situation } from './vocabulary.ts';

/** 2024 list of the quartiers prioritaires: QN + 3-character département code + 2 digits + 1 letter. */
export const QPV_CODE = /^QN([0-9]{2}[0-9AB])[0-9]{2}[A-Z]$/;
/** the 2015 list (QP + 6 digits), no longer accepted */
const OLD_QPV_CODE = /^QP[0-9]{6}$/;

/** The département (COG code) of a 2024 QPV code: QN069… → 69, QN02A… → 2A, QN971… → 971; null if malformed. */
export function qpvDepartement(code: string): string | null {
  const m = QPV_CODE.exec(code);
  if (!m) return null;
  const d = m[1]!;
  return d.startsWith('0') ? d.slice(1) : d;
}

/** "06 12 34 56 78" for a French number (0… or +33…), "+…" kept for another country; null if not a phone number. */
export function normalisePhone(text: string): string | null {
  const compact = text.replace(/[\s.\-()]/g, '');
  const fr = /^(?:\+33|0033|0)([1-9][0-9]{8})$/.exec(compact);
  if (fr) return `0${fr[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  if (/^\+[1-9][0-9]{7,14}$/.test(compact)) return compact;
  return null;
}

export interface ProfileInput {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD; may only be set when the account has none */
  birthDate?: string | null | undefined;
  phone?: string | null | undefined;
  communeCode: string;
  gender: Gender;
  diplomaLevel: DiplomaLevel;
  situation: Situation;
  qpvCode?: string | null | undefined;
  zrr: boolean;
  rqth?: boolean | null | undefined;
  income?: { euros: number; children: number; childrenHigherEducation: number } | null | undefined;
  consents: Record<ConsentPurpose, boolean>;
}

export interface CheckedProfile {
  givenName: string;
  familyName: string;
  /** to write on the account (null: unchanged) */
  birthDate: string | null;
  phone: string | null;
  communeCode: string;
  gender: Gender;
  diplomaLevel: DiplomaLevel;
  situation: Situation;
  qpvCode: string | null;
  zrr: boolean;
  rqth: boolean | null;
  declaredIncomeEuros: number | null;
  aidChildren: number | null;
  aidChildrenHigherEducation: number | null;
  consents: Record<ConsentPurpose, boolean>;
}

export interface ProfileContext {
  today: string;
  /** the birth date the account already holds */
  accountBirthDate: string | null;
  /** département of a current commune, or undefined when the code is not a current commune */
  communeDepartement: (code: string) => string | undefined;
  departementExists: (code: string) => boolean;
}

/** Income above this is surely a typing mistake (100 M€). */
export const MAX_INCOME_EUROS = 100_000_000;

export function checkProfile(input: ProfileInput, ctx: ProfileContext): { ok: true; value: CheckedProfile } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const givenName = input.givenName.trim();
  const familyName = input.familyName.trim();
  if (!givenName) fields.givenName = 'Indiquez votre prénom.';
  if (!familyName) fields.familyName = 'Indiquez votre nom.';

  if (!input.consents.profile) {
    fields['consents.profile'] = 'Pour enregistrer votre profil, acceptez qu’il soit traité pour vos candidatures.';
  }

  let birthDate: string | null = null;
  const wanted = input.birthDate?.trim() || null;
  if (ctx.accountBirthDate) {
    if (wanted && wanted !== ctx.accountBirthDate) {
      fields.birthDate = 'Votre date de naissance est celle de votre compte : elle ne se modifie pas ici.';
    }
  } else if (wanted) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(wanted) || Number.isNaN(Date.parse(wanted))) fields.birthDate = 'Date attendue au format AAAA-MM-JJ.';
    else if (wanted > ctx.today) fields.birthDate = 'La date de naissance ne peut pas être dans le futur.';
    else if (ageOn(wanted, ctx.today) > 120) fields.birthDate = 'Vérifiez l’année de naissance.';
    else if (ageOn(wanted, ctx.today) < 15) fields.birthDate = 'Il faut avoir au moins 15 ans pour candidater seul·e à une formation.';
    else birthDate = wanted;
  }

  let phone: string | null = null;
  if (input.phone?.trim()) {
    phone = normalisePhone(input.phone);
    if (!phone) fields.phone = 'Numéro de téléphone invalide : 10 chiffres (06 12 34 56 78) ou format international (+32…).';
  }

  const communeDepartement = ctx.communeDepartement(input.communeCode);
  if (communeDepartement === undefined) {
    fields.communeCode = 'Choisissez une commune dans la liste (code INSEE d’une commune actuelle).';
  }

  let qpvCode: string | null = null;
  const qpv = input.qpvCode?.replace(/\s/g, '').toUpperCase() || null;
  if (qpv) {
    if (OLD_QPV_CODE.test(qpv)) {
      fields.qpvCode = 'Ce code vient de la liste de 2015 (QP…) : indiquez le code de la liste 2024, qui commence par QN.';
    } else {
      const dep = qpvDepartement(qpv);
      if (dep === null) fields.qpvCode = 'Le code d’un quartier prioritaire s’écrit QN, 3 caractères du département, 2 chiffres et une lettre (ex. QN06901M).';
      else if (!ctx.departementExists(dep)) fields.qpvCode = `Le code ${qpv} désigne un département qui n’existe pas (${dep}).`;
      else if (communeDepartement !== undefined && dep !== communeDepartement) {
        fields.qpvCode = `Ce quartier prioritaire est dans le département ${dep}, pas dans celui de votre commune (${communeDepartement}).`;
      } else qpvCode = qpv;
    }
  }

  let rqth: boolean | null = null;
  if (input.rqth !== undefined && input.rqth !== null) {
    if (!input.consents.health) fields.rqth = 'Pour enregistrer la RQTH, donnez votre accord à l’enregistrement de cette donnée de santé (ou laissez-la vide).';
    else rqth = input.rqth;
  }

  let income: CheckedProfile['declaredIncomeEuros'] = null;
  let aidChildren: number | null = null;
  let aidChildrenHigherEducation: number | null = null;
  if (input.income) {
    const { euros, children, childrenHigherEducation } = input.income;
    if (!input.consents.income) fields['income.euros'] = 'Pour enregistrer le revenu, donnez votre accord (ou laissez-le vide).';
    else if (!Number.isSafeInteger(euros) || euros < 0 || euros > MAX_INCOME_EUROS) fields['income.euros'] = 'Le revenu brut global est un montant en euros entiers, positif ou nul.';
    if (!Number.isSafeInteger(children) || children < 0 || children > 30) fields['income.children'] = 'Le nombre d’enfants à charge est un nombre entier entre 0 et 30.';
    if (!Number.isSafeInteger(childrenHigherEducation) || childrenHigherEducation < 0 || childrenHigherEducation > 30) {
      fields['income.childrenHigherEducation'] = 'Le nombre d’enfants dans l’enseignement supérieur est un nombre entier entre 0 et 30.';
    }
    income = euros;
    aidChildren = children;
    aidChildrenHigherEducation = childrenHigherEducation;
  }

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    value: {
      givenName,
      familyName,
      birthDate,
      phone,
      communeCode: input.communeCode,
      gender: input.gender,
      diplomaLevel: input.diplomaLevel,
      situation: input.situation,
      qpvCode,
      zrr: input.zrr,
      rqth,
      declaredIncomeEuros: income,
      aidChildren,
      aidChildrenHigherEducation,
      consents: { ...input.consents },
    },
  };
}
