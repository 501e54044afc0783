import { renderMail } from '../../mail/layout.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';
import { euros } from '../calls/domain/proposal.ts';

/** The grants area's mails, in French. */
export const grantMails = {
  evidenceReturned(to: string, givenName: string, t: { trainingTitle: string; trancheLabel: string; motive: string }, url: string): OutgoingMail {
    return {
      to,
      kind: 'grants.evidence_returned',
      subject: `Justificatifs à compléter : « ${t.trainingTitle} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `Les justificatifs du versement « ${t.trancheLabel} » de la convention de « ${t.trainingTitle} » vous sont retournés.`,
          `Motif : ${t.motive}`,
          'Complétez-les puis déposez-les de nouveau : le versement sera examiné à réception.',
        ],
        action: { label: 'Compléter les justificatifs', url },
      }),
    };
  },

  evidenceApproved(to: string, givenName: string, t: { trainingTitle: string; trancheLabel: string; amountCents: number }, url: string): OutgoingMail {
    return {
      to,
      kind: 'grants.evidence_approved',
      subject: `Justificatifs approuvés : « ${t.trainingTitle} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [`Les justificatifs du versement « ${t.trancheLabel} » (${euros(t.amountCents)}) de la convention de « ${t.trainingTitle} » sont approuvés : le versement sera mis en paiement.`],
        action: { label: 'Voir la convention', url },
      }),
    };
  },

  paid(to: string, givenName: string, t: { trainingTitle: string; trancheLabel: string; amountCents: number; reference: string }, url: string): OutgoingMail {
    return {
      to,
      kind: 'grants.paid',
      subject: `Versement effectué : « ${t.trainingTitle} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [`Le versement « ${t.trancheLabel} » de ${euros(t.amountCents)} pour « ${t.trainingTitle} » est mis en paiement (référence ${t.reference}).`],
        action: { label: 'Voir la convention', url },
      }),
    };
  },
};
