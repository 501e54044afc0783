/**
 * The diagnosis in plain French. Two audiences: the candidate ("vous") sees everything that is theirs;
 * professionals (prescribers, providers) read the person in the third person and never the échelon
 * (it reveals the income bracket) nor the QPV code. Pure.
 */
import { frenchDate } from '../../scholarships/domain/format.ts';
import { echelonLabel } from '../../scholarships/domain/scale.ts';
import { criteriaMet, type CriterionResult, type DiagnosisFacts, UNDER_AGE, VALIDITY_MONTHS } from './criteria.ts';
import { CRITERION_LABELS, DIPLOMA_LABELS, type Criterion, type CriterionSource } from './vocabulary.ts';

export type Audience = 'candidate' | 'professional';

export interface ExplainedCriterion {
  criterion: Criterion;
  label: string;
  met: boolean;
  source: CriterionSource;
  documentId: string | null;
  /** why it is met or not, one sentence */
  reason: string;
  /** how it is known, one sentence */
  evidence: string;
}

const SITUATION_TEXT: Record<DiagnosisFacts['situation'], { candidate: string; professional: string }> = {
  job_seeker: { candidate: 'vous êtes inscrit·e à France Travail comme demandeur·se d’emploi', professional: 'la personne est inscrite à France Travail comme demandeuse ou demandeur d’emploi' },
  neet: { candidate: 'vous n’êtes ni en emploi, ni en études, ni en formation', professional: 'la personne n’est ni en emploi, ni en études, ni en formation' },
  student: { candidate: 'vous êtes en études ou en formation', professional: 'la personne est en études ou en formation' },
  employed: { candidate: 'vous êtes en emploi', professional: 'la personne est en emploi' },
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function reason(c: Criterion, met: boolean, f: DiagnosisFacts, who: Audience): string {
  const you = who === 'candidate';
  const on = frenchDate(f.onDate);
  switch (c) {
    case 'woman':
      if (met) return you ? 'Vous avez indiqué être une femme.' : 'La personne a indiqué être une femme.';
      return f.gender === 'male'
        ? you ? 'Vous avez indiqué être un homme.' : 'La personne a indiqué être un homme.'
        : you ? 'Vous n’avez pas précisé votre genre.' : 'La personne n’a pas précisé son genre.';
    case 'under_26':
      if (f.age === null) return you ? 'Votre date de naissance n’est pas connue : indiquez-la dans votre profil.' : 'La date de naissance de la personne n’est pas connue.';
      return `${you ? 'Vous aviez' : 'La personne avait'} ${f.age} ans le ${on}, date du diagnostic : ${met ? `moins de ${UNDER_AGE} ans` : `${UNDER_AGE} ans ou plus`}. Pour une candidature, l’âge compte à la date de début de la session.`;
    case 'low_qualification': {
      const level = DIPLOMA_LABELS[f.diplomaLevel];
      const head = f.diplomaLevel === 'none' ? (you ? 'Vous avez indiqué n’avoir aucun diplôme' : 'La personne a indiqué n’avoir aucun diplôme') : `${you ? 'Votre plus haut diplôme' : 'Son plus haut diplôme'} : ${level.charAt(0).toLowerCase()}${level.slice(1)}`;
      return `${head}${met ? ', soit au plus le niveau du bac.' : ', au-delà du niveau du bac.'}`;
    }
    case 'neet':
      return `${cap(SITUATION_TEXT[f.situation][you ? 'candidate' : 'professional'])}.`;
    case 'job_seeker':
      if (met) return you ? 'Vous êtes inscrit·e à France Travail.' : 'La personne est inscrite à France Travail.';
      return you ? 'Vous n’avez pas indiqué d’inscription à France Travail.' : 'La personne n’a pas indiqué d’inscription à France Travail.';
    case 'qpv_or_zrr': {
      if (!met) return you ? 'Vous n’avez indiqué ni quartier prioritaire ni zone de revitalisation rurale.' : 'La personne n’a indiqué ni quartier prioritaire ni zone de revitalisation rurale.';
      const parts: string[] = [];
      if (f.qpvCode) parts.push(you ? `dans le quartier prioritaire ${f.qpvCode} (liste 2024)` : 'dans un quartier prioritaire de la politique de la ville');
      if (f.zrr) parts.push('en zone de revitalisation rurale');
      return `${you ? 'Vous habitez' : 'La personne habite'} ${parts.join(' et ')}.`;
    }
    case 'rqth':
      if (f.rqth === null) return you ? 'RQTH non renseignée (elle demande votre accord pour cette donnée de santé).' : 'RQTH non renseignée.';
      if (met) return you ? 'Vous avez une reconnaissance de la qualité de travailleur handicapé.' : 'La personne a une reconnaissance de la qualité de travailleur handicapé.';
      return you ? 'Vous avez indiqué ne pas avoir de RQTH.' : 'La personne a indiqué ne pas avoir de RQTH.';
    case 'scholarship': {
      const s = f.scholarship;
      if (s.basis === 'none') return you ? 'Vous n’avez pas déclaré le revenu de votre foyer : ce critère ne peut pas être calculé.' : 'Aucune ressource déclarée : ce critère n’est pas calculé.';
      if (!you) return met ? 'D’après les ressources déclarées, la personne relève d’un échelon de bourse (le montant n’est pas communiqué).' : 'D’après les ressources déclarées, la personne ne relève d’aucun échelon de bourse.';
      return s.echelon
        ? `D’après le revenu que vous avez déclaré, vous relèveriez de l’échelon ${echelonLabel(s.echelon)} du barème ${s.scaleYear} (distance au lieu de formation non comptée).`
        : `D’après le revenu que vous avez déclaré, vous ne relevez d’aucun échelon du barème ${s.scaleYear} : il dépasse le plafond de l’échelon 0 bis.`;
    }
  }
}

function evidence(r: CriterionResult, who: Audience, authorName: string | null): string {
  if (!r.met) return 'Sans objet : le critère n’est pas rempli.';
  switch (r.source) {
    case 'document':
      return 'Prouvé par un justificatif déposé.';
    case 'prescriber_validated':
      return authorName ? `Validé par ${authorName}.` : 'Validé par un·e prescripteur·rice.';
    case 'self_declared':
      return who === 'candidate' ? 'Déclaré par vous, sans justificatif.' : 'Déclaré par la personne, sans justificatif.';
  }
}

export function explainCriteria(facts: DiagnosisFacts, results: readonly CriterionResult[], who: Audience, authorName: string | null): ExplainedCriterion[] {
  return results.map((r) => ({
    criterion: r.criterion,
    label: CRITERION_LABELS[r.criterion],
    met: r.met,
    source: r.source,
    // a proof is the candidate's own: professionals see it only through the download route's own check
    documentId: r.documentId,
    reason: reason(r.criterion, r.met, facts, who),
    evidence: evidence(r, who, authorName),
  }));
}

/** One sentence: the priority publics met, in the order of the list, or none. */
export function summary(results: readonly CriterionResult[], who: Audience): string {
  const met = results.filter((r) => r.met).map((r) => CRITERION_LABELS[r.criterion].charAt(0).toLowerCase() + CRITERION_LABELS[r.criterion].slice(1));
  if (met.length === 0) {
    return who === 'candidate'
      ? 'D’après ce diagnostic, vous ne faites partie d’aucun public prioritaire. Vous pouvez candidater quand même : les formations sont ouvertes à tous.'
      : 'D’après ce diagnostic, la personne ne fait partie d’aucun public prioritaire.';
  }
  const list = met.length === 1 ? met[0]! : `${met.slice(0, -1).join(' ; ')} ; et ${met.at(-1)!}`;
  return `${who === 'candidate' ? 'Vous faites partie' : 'La personne fait partie'} de ${met.length === 1 ? 'ce public prioritaire' : `ces ${met.length} publics prioritaires`} : ${list}.`;
}

/** The diagnosis' validity, in words. */
export function validityText(createdOn: string, expiresOn: string, today: string): string {
  return expiresOn <= today
    ? `Ce diagnostic a expiré le ${frenchDate(expiresOn)} (${VALIDITY_MONTHS} mois après le ${frenchDate(createdOn)}) : il doit être refait.`
    : `Valable jusqu’au ${frenchDate(expiresOn)} (${VALIDITY_MONTHS} mois), puis à refaire.`;
}

/** Checks the results agree with the facts (the database rows and the facts travel apart). */
export function consistent(facts: DiagnosisFacts, results: readonly CriterionResult[]): boolean {
  const met = criteriaMet(facts);
  return results.every((r) => met[r.criterion] === r.met);
}
