/**
 * The French labels of a candidate's profile and eligibility criteria, shown by the server (mails,
 * exports) and by the web app, which imports this file: it depends on types only.
 */
import type { Criterion, DiplomaLevel, Gender, Situation } from './vocabulary.ts';

export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Femme',
  male: 'Homme',
  undisclosed: 'Je ne souhaite pas le préciser',
};

export const DIPLOMA_LABELS: Record<DiplomaLevel, string> = {
  none: 'Aucun diplôme',
  '3': 'Niveau 3 (CAP, BEP)',
  '4': 'Niveau 4 (baccalauréat)',
  '5': 'Niveau 5 (bac + 2)',
  '6': 'Niveau 6 (bac + 3, bac + 4)',
  '7': 'Niveau 7 (bac + 5)',
  '8': 'Niveau 8 (doctorat)',
};

export const SITUATION_LABELS: Record<Situation, string> = {
  job_seeker: 'Inscrit·e à France Travail comme demandeur·se d’emploi',
  neet: 'Sans emploi, ni études, ni formation (sans inscription à France Travail)',
  student: 'En études ou en formation',
  employed: 'En emploi',
};

export const CRITERION_LABELS: Record<Criterion, string> = {
  woman: 'Femme',
  under_26: 'Moins de 26 ans',
  low_qualification: 'Sans diplôme ou au plus le bac (niveau 4)',
  neet: 'Ni en emploi, ni en études, ni en formation',
  job_seeker: 'Demandeur·se d’emploi inscrit·e',
  qpv_or_zrr: 'Résident·e d’un quartier prioritaire (QPV) ou d’une zone de revitalisation rurale (ZRR)',
  rqth: 'Travailleur·se handicapé·e reconnu·e (RQTH)',
  scholarship: 'Boursier·e (échelon 0 bis ou plus)',
};
