import { renderMail } from '../../mail/layout.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';
import { fr } from './domain/label.ts';

/** The labels area's mails, in French. */
export const labelMails = {
  statusChanged(to: string, givenName: string, l: { trainingTitle: string; status: 'suspended' | 'active' | 'withdrawn' | 'expired'; reason: string | null; validUntil: string }, url: string): OutgoingMail {
    const what = {
      suspended: 'est suspendu : la formation n’apparaît plus dans la recherche et ses candidatures sont gelées',
      active: 'est de nouveau actif : la formation réapparaît dans la recherche',
      withdrawn: 'est retiré : la formation n’apparaît plus dans la recherche et ses sessions sont annulées ; chaque candidat·e est prévenu·e',
      expired: `a expiré le ${fr(l.validUntil)} : vous pouvez demander son renouvellement pendant six mois`,
    }[l.status];
    return {
      to,
      kind: `labels.${l.status}`,
      subject: `Label GEN de « ${l.trainingTitle} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [`Le label GEN de votre formation « ${l.trainingTitle} » ${what}.`, ...(l.reason ? [`Motif : ${l.reason}`] : [])],
        action: { label: 'Voir la page de la formation', url },
      }),
    };
  },

  renewed(to: string, givenName: string, l: { trainingTitle: string; validUntil: string }, url: string): OutgoingMail {
    return {
      to,
      kind: 'labels.renewed',
      subject: `Label GEN renouvelé pour « ${l.trainingTitle} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [`Le label GEN de votre formation « ${l.trainingTitle} » est renouvelé jusqu’au ${fr(l.validUntil)}.`, 'Un renouvellement n’ouvre pas droit à une nouvelle subvention d’amorçage.'],
        action: { label: 'Voir la page de la formation', url },
      }),
    };
  },

  candidateNotice(to: string, givenName: string, trainingTitle: string, reason: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'labels.candidate_notice',
      subject: `La formation « ${trainingTitle} » n’est plus labellisée – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `Le label GEN de la formation « ${trainingTitle} », pour laquelle vous avez candidaté, a été retiré. Ses sessions sont annulées sur la plateforme.`,
          `Motif : ${reason}`,
          'Vos autres vœux ne changent pas. Vous pouvez chercher une autre formation près de chez vous.',
        ],
        action: { label: 'Chercher une formation', url },
      }),
    };
  },
};
