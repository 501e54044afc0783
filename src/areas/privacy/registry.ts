import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';
import {
  admissionCandidateSettings,
  admissionOffers,
  admissionRounds,
  admissionSettings,
  aidDecisions,
  aidRequests,
  audit,
  authSessions,
  callOrderEntries,
  callOrders,
  callVersions,
  candidateConsents,
  candidateDocuments,
  candidateProfiles,
  diagnosisCriteria,
  eligibilityDiagnoses,
  enrolmentEvents,
  enrolments,
  followAgreements,
  grantTranches,
  identities,
  invitations,
  labelRenewalRequests,
  mailOutbox,
  memberships,
  oneTimeTokens,
  parentalConsents,
  proposalAttachments,
  proposals,
  proposalTrainings,
  rankingEntries,
  reviewAssignments,
  reviewerConflicts,
  trainings,
  trancheEvidence,
  users,
  wishEvents,
  wishes,
  type AidRequestInputs,
} from '../../db/schema/index.ts';
import {
  ERASED_FILE_NAME,
  ERASED_MOTIVE,
  ERASED_NAMES,
  ERASED_PARENT_NAME,
  ERASED_TEXT,
  placeholderEmail,
  type PersonValues,
} from './domain/anonymise.ts';

/**
 * THE registry of personal data (docs/adr/0013): every table that holds data about a person, with
 * the column that links a row to that person, what the export leaves out (secrets, hashes, file
 * contents) and what erasure does to it. The export (use-cases/export.ts) and the erasure
 * (use-cases/erase.ts) are built from it, and registry.test.ts fails when a column of src/db/schema
 * that points to a person (a foreign key to users, a *_user_id, an e-mail or phone column) is in
 * none of the lists below. A new area adds its lines here.
 */

export interface Person extends PersonValues {
  id: string;
}

export interface ErasureContext {
  tx: Tx;
  person: Person;
  now: Date;
}

export interface PersonalTable {
  /** key of the export's section (English, like the code) and its French label */
  section: string;
  label: string;
  table: PgTable;
  /** the rows of the person: `column = person.id` (or `= person.email` for an address column) */
  link: PgColumn;
  /** the link is an e-mail address, not an id */
  byEmail?: boolean;
  /** or the rows belong to a row of the person in another table: `link in (select parentKey … where parentLink = person.id)` */
  through?: { parentKey: PgColumn; parentLink: PgColumn };
  /** columns never exported: secrets, hashes, file contents */
  omit?: PgColumn[];
  /** what erasure does, in French (the privacy notice and the ADR say the same) */
  erasure: 'supprimé' | 'anonymisé' | 'conservé';
  why: string;
  erase?: (e: ErasureContext) => Promise<void>;
}

/** A column holding the id of who did something (a professional act): kept, the account behind it being anonymised. */
export interface ActorColumn {
  column: PgColumn;
  why: string;
}

/** `column in (select key from parent where link = person)` */
function belongsTo(column: PgColumn, parentKey: PgColumn, parentLink: PgColumn, value: string): SQL {
  return inArray(column, sqlSelect(parentKey, parentLink, value));
}
function sqlSelect(key: PgColumn, link: PgColumn, value: string): SQL {
  return sql`(select ${key} from ${key.table} where ${link} = ${value})`;
}

/** The rows of a registry entry for one person. */
export function whereOf(entry: PersonalTable, person: Pick<Person, 'id' | 'email'>): SQL {
  const value = entry.byEmail ? person.email : person.id;
  if (entry.through) return belongsTo(entry.link, entry.through.parentKey, entry.through.parentLink, value);
  return eq(entry.link, value);
}

const NEUTRAL_AID_INPUTS = (i: AidRequestInputs): AidRequestInputs => ({
  incomeCents: 0,
  children: 0,
  childrenInHigherEducation: 0,
  disabilityOrCarer: 0,
  exclusions: [],
  // the home commune is where the person lives: the training's stands in for it
  homeCommuneCode: i.trainingCommuneCode,
  trainingCommuneCode: i.trainingCommuneCode,
  distanceKm: 0,
  trainingStart: i.trainingStart,
  trainingEnd: i.trainingEnd,
});

const PLACEHOLDER_DOCUMENT = Buffer.from(ERASED_TEXT, 'utf8');

export const PERSONAL_DATA: PersonalTable[] = [
  // accounts
  {
    section: 'account',
    label: 'Compte',
    table: users,
    link: users.id,
    omit: [users.passwordHash],
    erasure: 'anonymisé',
    why: 'Le compte reste, car d’autres lignes y renvoient (vœux, inscriptions, décisions) ; nom, adresse et date de naissance sont remplacés, la connexion devient impossible.',
    erase: async ({ tx, person }) => {
      await tx
        .update(users)
        .set({ email: placeholderEmail('compte', person.id), givenName: ERASED_NAMES.givenName, familyName: ERASED_NAMES.familyName, birthDate: null, passwordHash: null, emailVerifiedAt: null, status: 'erased' })
        .where(eq(users.id, person.id));
    },
  },
  {
    section: 'parentalConsents',
    label: 'Accords parentaux',
    table: parentalConsents,
    link: parentalConsents.userId,
    omit: [parentalConsents.tokenHash],
    erasure: 'anonymisé',
    why: 'La preuve de l’accord (dates) reste ; le nom et l’adresse du parent sont effacés, ses messages supprimés.',
    erase: async ({ tx, person }) => {
      const rows = await tx.select({ id: parentalConsents.id, parentEmail: parentalConsents.parentEmail }).from(parentalConsents).where(eq(parentalConsents.userId, person.id));
      for (const r of rows) {
        await tx.delete(mailOutbox).where(eq(mailOutbox.recipient, r.parentEmail));
        await tx.update(parentalConsents).set({ parentName: ERASED_PARENT_NAME, parentEmail: placeholderEmail('parent', r.id) }).where(eq(parentalConsents.id, r.id));
      }
    },
  },
  {
    section: 'identities',
    label: 'Identités FranceConnect et ProConnect liées',
    table: identities,
    link: identities.userId,
    erasure: 'supprimé',
    why: 'Le lien avec le fournisseur d’identité disparaît : une nouvelle connexion créerait un nouveau compte.',
    erase: async ({ tx, person }) => void (await tx.delete(identities).where(eq(identities.userId, person.id))),
  },
  {
    section: 'memberships',
    label: 'Rattachements (rôles et organisations)',
    table: memberships,
    link: memberships.userId,
    erasure: 'conservé',
    why: 'L’historique de qui pouvait agir pour une organisation reste ; les rattachements en cours sont clos.',
    erase: async ({ tx, person, now }) => void (await tx.update(memberships).set({ endedAt: now }).where(and(eq(memberships.userId, person.id), isNull(memberships.endedAt)))),
  },
  {
    section: 'invitationsReceived',
    label: 'Invitations reçues',
    table: invitations,
    link: invitations.email,
    byEmail: true,
    omit: [invitations.tokenHash],
    erasure: 'anonymisé',
    why: 'L’adresse invitée est remplacée ; une invitation encore en attente est annulée.',
    erase: async ({ tx, person, now }) => {
      const rows = await tx.select({ id: invitations.id, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt }).from(invitations).where(eq(invitations.email, person.email));
      for (const r of rows) {
        await tx
          .update(invitations)
          .set({ email: placeholderEmail('invitation', r.id), ...(r.acceptedAt || r.revokedAt ? {} : { revokedAt: now }) })
          .where(eq(invitations.id, r.id));
      }
    },
  },
  {
    section: 'sessions',
    label: 'Sessions de connexion',
    table: authSessions,
    link: authSessions.userId,
    omit: [authSessions.idHash],
    erasure: 'supprimé',
    why: 'Toutes les sessions sont fermées.',
    erase: async ({ tx, person }) => void (await tx.delete(authSessions).where(eq(authSessions.userId, person.id))),
  },
  {
    section: 'mailLinks',
    label: 'Liens envoyés par message (confirmation, réinitialisation)',
    table: oneTimeTokens,
    link: oneTimeTokens.userId,
    omit: [oneTimeTokens.tokenHash],
    erasure: 'supprimé',
    why: 'Les liens encore valables ne servent plus.',
    erase: async ({ tx, person }) => void (await tx.delete(oneTimeTokens).where(eq(oneTimeTokens.userId, person.id))),
  },
  {
    section: 'mails',
    label: 'Messages envoyés par la plateforme',
    table: mailOutbox,
    link: mailOutbox.recipient,
    byEmail: true,
    omit: [mailOutbox.text, mailOutbox.html, mailOutbox.lastError],
    erasure: 'supprimé',
    why: 'Les messages adressés à la personne, envoyés ou en attente, sont supprimés (leur contenu n’est pas exporté : il contient des liens à usage unique).',
    erase: async ({ tx, person }) => void (await tx.delete(mailOutbox).where(eq(mailOutbox.recipient, person.email))),
  },
  {
    section: 'auditTrail',
    label: 'Journal d’audit (actes de la personne et actes sur son compte ; identifiants seulement)',
    table: audit,
    link: audit.actorUserId,
    erasure: 'conservé',
    why: 'Le journal est en ajout seul (la base refuse toute modification) et ne contient que des identifiants : il ne désigne plus personne une fois le compte anonymisé.',
  },
  // candidates
  {
    section: 'candidateProfile',
    label: 'Profil de candidat·e',
    table: candidateProfiles,
    link: candidateProfiles.userId,
    erasure: 'anonymisé',
    why: 'Téléphone, quartier, situation de handicap, revenus et genre sont effacés ; la commune, le niveau de diplôme et la situation restent pour les statistiques du programme.',
    erase: async ({ tx, person }) => {
      await tx
        .update(candidateProfiles)
        .set({ phone: null, qpvCode: null, zrr: false, rqth: null, declaredIncomeEuros: null, aidChildren: null, aidChildrenHigherEducation: null, gender: 'undisclosed' })
        .where(eq(candidateProfiles.userId, person.id));
    },
  },
  {
    section: 'consents',
    label: 'Consentements',
    table: candidateConsents,
    link: candidateConsents.userId,
    erasure: 'conservé',
    why: 'La preuve des consentements reste ; ceux en cours sont retirés.',
    erase: async ({ tx, person, now }) => void (await tx.update(candidateConsents).set({ withdrawnAt: now }).where(and(eq(candidateConsents.userId, person.id), isNull(candidateConsents.withdrawnAt)))),
  },
  {
    section: 'follows',
    label: 'Suivis par un prescripteur',
    table: followAgreements,
    link: followAgreements.candidateUserId,
    erasure: 'conservé',
    why: 'Les accords de suivi en cours sont retirés : plus aucun prescripteur ne voit le dossier.',
    erase: async ({ tx, person, now }) => void (await tx.update(followAgreements).set({ withdrawnAt: now }).where(and(eq(followAgreements.candidateUserId, person.id), isNull(followAgreements.withdrawnAt)))),
  },
  {
    section: 'documents',
    label: 'Justificatifs déposés (le fichier se télécharge depuis l’espace candidat·e)',
    table: candidateDocuments,
    link: candidateDocuments.candidateUserId,
    omit: [candidateDocuments.content],
    erasure: 'anonymisé',
    why: 'Le fichier et son nom sont remplacés ; la ligne reste, car un diagnostic y renvoie.',
    erase: async ({ tx, person }) => {
      await tx
        .update(candidateDocuments)
        .set({ content: PLACEHOLDER_DOCUMENT, byteSize: PLACEHOLDER_DOCUMENT.length, sha256: createHash('sha256').update(PLACEHOLDER_DOCUMENT).digest('hex'), fileName: ERASED_FILE_NAME })
        .where(eq(candidateDocuments.candidateUserId, person.id));
    },
  },
  {
    section: 'diagnoses',
    label: 'Diagnostics d’éligibilité',
    table: eligibilityDiagnoses,
    link: eligibilityDiagnoses.candidateUserId,
    erasure: 'anonymisé',
    why: 'Les critères reconnus restent (ils ont servi aux classements) ; âge, genre, quartier, handicap et revenus sont effacés des faits enregistrés.',
    erase: async ({ tx, person }) => {
      await tx.execute(sql`
        update eligibility_diagnoses
           set facts = facts || jsonb_build_object('age', null, 'gender', 'undisclosed', 'qpvCode', null, 'zrr', false, 'rqth', null, 'scholarship', jsonb_build_object('basis', 'none'))
         where candidate_user_id = ${person.id}`);
    },
  },
  {
    section: 'diagnosisCriteria',
    label: 'Critères des diagnostics',
    table: diagnosisCriteria,
    link: diagnosisCriteria.diagnosisId,
    through: { parentKey: eligibilityDiagnoses.id, parentLink: eligibilityDiagnoses.candidateUserId },
    erasure: 'conservé',
    why: 'Critère rempli ou non et sa source : sans identité, une donnée statistique.',
  },
  {
    section: 'wishes',
    label: 'Vœux',
    table: wishes,
    link: wishes.candidateUserId,
    erasure: 'anonymisé',
    why: 'Les vœux en attente sont retirés (et les propositions en attente refusées) ; la motivation est effacée ; la ligne reste pour les statistiques et les classements.',
    erase: async ({ tx, person }) => void (await tx.update(wishes).set({ motivation: ERASED_TEXT }).where(eq(wishes.candidateUserId, person.id))),
  },
  {
    section: 'wishHistory',
    label: 'Historique des vœux',
    table: wishEvents,
    link: wishEvents.wishId,
    through: { parentKey: wishes.id, parentLink: wishes.candidateUserId },
    erasure: 'anonymisé',
    why: 'Les changements d’état restent ; les motifs écrits sont effacés.',
    erase: async ({ tx, person }) => void (await tx.update(wishEvents).set({ motive: null }).where(belongsTo(wishEvents.wishId, wishes.id, wishes.candidateUserId, person.id))),
  },
  {
    section: 'rankings',
    label: 'Classements par l’organisme (rang, motif, notes d’entretien)',
    table: rankingEntries,
    link: rankingEntries.wishId,
    through: { parentKey: wishes.id, parentLink: wishes.candidateUserId },
    erasure: 'anonymisé',
    why: 'Le rang reste (les ordres d’appel en dépendent) ; les notes et le motif écrit sont effacés.',
    erase: async ({ tx, person }) => {
      await tx
        .update(rankingEntries)
        .set({ notes: null, notRankedReason: sql`case when ${rankingEntries.notRankedReason} is null then null else ${ERASED_MOTIVE} end` })
        .where(belongsTo(rankingEntries.wishId, wishes.id, wishes.candidateUserId, person.id));
    },
  },
  {
    section: 'callOrders',
    label: 'Places dans les ordres d’appel',
    table: callOrderEntries,
    link: callOrderEntries.wishId,
    through: { parentKey: wishes.id, parentLink: wishes.candidateUserId },
    erasure: 'conservé',
    why: 'Rangs et publics prioritaires au moment du calcul : sans identité, l’ordre d’appel reste vérifiable.',
  },
  // admissions, enrolments, aid
  {
    section: 'offers',
    label: 'Propositions d’admission',
    table: admissionOffers,
    link: admissionOffers.candidateUserId,
    erasure: 'conservé',
    why: 'Une proposition en attente est refusée ; une proposition acceptée sans inscription est abandonnée (la place revient à la session) ; la ligne reste.',
  },
  {
    section: 'admissionSettings',
    label: 'Réglages d’admission (répondeur automatique)',
    table: admissionCandidateSettings,
    link: admissionCandidateSettings.userId,
    erasure: 'supprimé',
    why: 'Le choix du répondeur automatique n’a plus d’objet.',
    erase: async ({ tx, person }) => void (await tx.delete(admissionCandidateSettings).where(eq(admissionCandidateSettings.userId, person.id))),
  },
  {
    section: 'enrolments',
    label: 'Inscriptions en formation',
    table: enrolments,
    link: enrolments.learnerUserId,
    erasure: 'conservé',
    why: 'L’organisme garde une inscription sans nom (places, sorties de formation, suivi du programme).',
  },
  {
    section: 'enrolmentHistory',
    label: 'Historique des inscriptions',
    table: enrolmentEvents,
    link: enrolmentEvents.enrolmentId,
    through: { parentKey: enrolments.id, parentLink: enrolments.learnerUserId },
    erasure: 'anonymisé',
    why: 'Les changements d’état restent ; les motifs écrits sont effacés.',
    erase: async ({ tx, person }) => void (await tx.update(enrolmentEvents).set({ motive: null }).where(belongsTo(enrolmentEvents.enrolmentId, enrolments.id, enrolments.learnerUserId, person.id))),
  },
  {
    section: 'aidRequests',
    label: 'Demandes d’aide financière',
    table: aidRequests,
    link: aidRequests.learnerUserId,
    erasure: 'anonymisé',
    why: 'La demande reste pour la comptabilité publique, détachée de l’identité : revenus, enfants, handicap, commune de résidence et distance sont effacés.',
    erase: async ({ tx, person }) => {
      const rows = await tx.select({ id: aidRequests.id, inputs: aidRequests.inputs }).from(aidRequests).where(eq(aidRequests.learnerUserId, person.id));
      for (const r of rows) await tx.update(aidRequests).set({ inputs: NEUTRAL_AID_INPUTS(r.inputs) }).where(eq(aidRequests.id, r.id));
    },
  },
  {
    section: 'aidDecisions',
    label: 'Décisions sur l’aide financière',
    table: aidDecisions,
    link: aidDecisions.requestId,
    through: { parentKey: aidRequests.id, parentLink: aidRequests.learnerUserId },
    erasure: 'anonymisé',
    why: 'Décision, échelon et montants restent (comptabilité publique) ; les données du calcul, son explication et le motif écrit sont effacés.',
    erase: async ({ tx, person }) => {
      const rows = await tx.select({ id: aidDecisions.id, inputs: aidDecisions.inputs, motive: aidDecisions.motive }).from(aidDecisions).where(belongsTo(aidDecisions.requestId, aidRequests.id, aidRequests.learnerUserId, person.id));
      for (const r of rows) {
        await tx
          .update(aidDecisions)
          .set({ inputs: NEUTRAL_AID_INPUTS(r.inputs), explanation: ['Détail du calcul effacé avec les données personnelles ; la décision et les montants sont conservés.'], motive: r.motive === null ? null : ERASED_MOTIVE })
          .where(eq(aidDecisions.id, r.id));
      }
    },
  },
  // calls for projects: what a reviewer declared and wrote
  {
    section: 'reviewerConflicts',
    label: 'Liens d’intérêts déclarés (instruction)',
    table: reviewerConflicts,
    link: reviewerConflicts.reviewerUserId,
    erasure: 'anonymisé',
    why: 'Le lien déclaré reste (il écarte des dossiers) ; son explication écrite est effacée.',
    erase: async ({ tx, person }) => void (await tx.update(reviewerConflicts).set({ motive: ERASED_TEXT }).where(eq(reviewerConflicts.reviewerUserId, person.id))),
  },
  {
    section: 'reviews',
    label: 'Évaluations de dossiers (instruction)',
    table: reviewAssignments,
    link: reviewAssignments.reviewerUserId,
    erasure: 'conservé',
    why: 'Les notes et commentaires portent sur des dossiers d’organismes et fondent des décisions publiques : ils restent, sans le nom de l’instructeur·rice.',
  },
];

/** Ids of who acted, in a professional role: kept; the account behind them is anonymised. */
export const ACTOR_COLUMNS: ActorColumn[] = [
  { column: invitations.invitedBy, why: 'qui a invité' },
  { column: invitations.acceptedBy, why: 'qui a accepté une invitation (l’adresse invitée est dans invitationsReceived)' },
  { column: candidateDocuments.uploadedBy, why: 'qui a déposé un justificatif' },
  { column: eligibilityDiagnoses.authorUserId, why: 'qui a fait un diagnostic' },
  { column: wishes.createdByUserId, why: 'qui a saisi un vœu (la personne ou son prescripteur)' },
  { column: wishEvents.actorUserId, why: 'qui a changé l’état d’un vœu' },
  { column: enrolmentEvents.actorUserId, why: 'qui a changé l’état d’une inscription' },
  { column: rankingEntries.updatedBy, why: 'qui a classé' },
  { column: admissionSettings.updatedBy, why: 'qui a réglé les admissions d’une session' },
  { column: callOrders.computedBy, why: 'qui a publié un classement' },
  { column: admissionRounds.triggeredBy, why: 'qui a lancé un tour de propositions' },
  { column: aidDecisions.decidedBy, why: 'qui a décidé d’une aide' },
  { column: callVersions.createdBy, why: 'qui a écrit une version d’un appel à projets' },
  { column: proposals.createdBy, why: 'qui a créé un dossier de candidature au label' },
  { column: proposalTrainings.decidedBy, why: 'qui a décidé pour une formation' },
  { column: proposalAttachments.uploadedBy, why: 'qui a déposé une pièce d’un dossier' },
  { column: reviewAssignments.assignedBy, why: 'qui a confié un dossier à instruire' },
  { column: grantTranches.approvedBy, why: 'qui a validé une tranche' },
  { column: grantTranches.paidBy, why: 'qui a payé une tranche' },
  { column: trancheEvidence.uploadedBy, why: 'qui a déposé un justificatif de tranche' },
  { column: labelRenewalRequests.requestedBy, why: 'qui a demandé un renouvellement de label' },
  { column: labelRenewalRequests.decidedBy, why: 'qui a décidé d’un renouvellement de label' },
];

/**
 * Texts written for other people where the person may be named (an invitation names its sender):
 * erasure masks the person's address, full name and phone number there.
 */
export const MENTION_COLUMNS: { id: PgColumn; columns: PgColumn[] }[] = [{ id: mailOutbox.id, columns: [mailOutbox.subject, mailOutbox.text, mailOutbox.html] }];

/** Columns that look personal but are not a person's data, and why. */
export const NOT_PERSONAL: ActorColumn[] = [
  { column: trainings.contactEmail, why: 'le contact public d’une formation, publié par l’organisme (une adresse de service) ; l’organisme le modifie' },
  { column: trainings.contactPhone, why: 'le téléphone public d’une formation, publié par l’organisme' },
];

/** the export's sections in order, for the tests and the documentation */
export const SECTIONS = PERSONAL_DATA.map((e) => e.section);

export function entryOf(section: string): PersonalTable {
  const e = PERSONAL_DATA.find((x) => x.section === section);
  if (!e) throw new Error(`section inconnue : ${section}`);
  return e;
}

/** The person's audit rows: what they did, and what was done to their account and their own rows. */
export function auditWhere(person: Pick<Person, 'id'>, ownObjectIds: readonly string[]): SQL {
  const objects = [person.id, ...ownObjectIds];
  return or(eq(audit.actorUserId, person.id), inArray(audit.objectId, objects))!;
}
