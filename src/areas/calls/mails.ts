import { renderMail } from '../../mail/layout.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';
import { euros } from './domain/proposal.ts';

const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The calls area's mails, in French (text + HTML through the common layout). Ids and titles only: no personal data of others. */
export const callMails = {
  submissionReceipt(to: string, givenName: string, p: { title: string; callTitle: string; cutOff: string; trainings: number; requestedCents: number }, url: string): OutgoingMail {
    return {
      to,
      kind: 'calls.submission_receipt',
      subject: `Accusé de réception de votre dossier « ${p.title} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `Votre dossier « ${p.title} » a bien été déposé sur l’appel « ${p.callTitle} », pour la date limite du ${fr(p.cutOff)}.`,
          `Il présente ${p.trainings} formation${p.trainings > 1 ? 's' : ''} et demande ${euros(p.requestedCents)} de subvention d’amorçage.`,
          'Un dossier déposé ne se modifie plus ; vous pouvez encore le retirer tant qu’il n’est pas décidé.',
        ],
        action: { label: 'Voir le dossier', url },
      }),
    };
  },

  reviewerAssigned(to: string, givenName: string, p: { title: string; callTitle: string }, url: string): OutgoingMail {
    return {
      to,
      kind: 'calls.reviewer_assigned',
      subject: `Un dossier vous est confié : « ${p.title} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `L’opérateur vous confie l’évaluation du dossier « ${p.title} » (appel « ${p.callTitle} »).`,
          'Si vous avez un lien avec l’organisme qui le porte, déclarez un conflit d’intérêts depuis la page du dossier : il vous sera retiré.',
        ],
        action: { label: 'Évaluer le dossier', url },
      }),
    };
  },

  decision(
    to: string,
    givenName: string,
    p: { title: string; callTitle: string; trainings: { title: string; decision: 'accepted' | 'rejected'; motive: string | null }[] },
    url: string,
  ): OutgoingMail {
    const accepted = p.trainings.filter((t) => t.decision === 'accepted').length;
    return {
      to,
      kind: 'calls.decision',
      subject: `Décision sur votre dossier « ${p.title} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `Le comité a rendu sa décision sur votre dossier « ${p.title} » (appel « ${p.callTitle} ») : ${accepted} formation${accepted > 1 ? 's' : ''} labellisée${accepted > 1 ? 's' : ''} sur ${p.trainings.length}.`,
          ...p.trainings.map((t) =>
            t.decision === 'accepted'
              ? `« ${t.title} » : acceptée. Elle reçoit le label GEN pour trois ans et une convention de subvention d’amorçage.${t.motive ? `\nCommentaire : ${t.motive}` : ''}`
              : `« ${t.title} » : refusée.\nMotif : ${t.motive ?? ''}`,
          ),
        ],
        action: { label: 'Voir le dossier et les conventions', url },
      }),
    };
  },
};
