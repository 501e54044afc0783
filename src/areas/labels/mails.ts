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

  /** Withdrawal: the candidate's wishes on the training's open sessions are withdrawn, offers and places released. */
  candidateNotice(to: string, givenName: string, trainingTitle: string, reason: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'labels.candidate_notice',
      subject: `La formation « ${trainingTitle} » n’est plus labellisée – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `Le label GEN de la formation « ${trainingTitle} », pour laquelle vous avez candidaté, a été retiré. Ses sessions à venir sont annulées : votre vœu est retiré par la plateforme et, si vous aviez reçu ou accepté une proposition, la place est libérée.`,
          `Motif : ${reason}`,
          'Vos autres vœux ne changent pas. Vous pouvez chercher une autre formation près de chez vous.',
        ],
        action: { label: 'Chercher une formation', url },
      }),
    };
  },

  /** Suspension: the candidate's applications to the training are frozen, nothing is lost. */
  candidateFrozen(to: string, givenName: string, trainingTitle: string, reason: string, holdsOffer: boolean, url: string): OutgoingMail {
    return {
      to,
      kind: 'labels.candidate_frozen',
      subject: `Candidatures gelées pour « ${trainingTitle} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `Le label GEN de la formation « ${trainingTitle} », pour laquelle vous avez candidaté, est suspendu. Le temps de la suspension, ses candidatures sont gelées : aucune nouvelle proposition n’est faite${holdsOffer ? ' et la proposition que vous avez reçue ne peut pas être acceptée' : ''}.`,
          `Motif : ${reason}`,
          holdsOffer
            ? 'Rien n’est perdu : votre vœu est conservé et, à la levée de la suspension, le délai de réponse à votre proposition sera prolongé de la durée de la suspension.'
            : 'Rien n’est perdu : votre vœu est conservé et reprendra son cours à la levée de la suspension.',
        ],
        action: { label: 'Voir mes vœux', url },
      }),
    };
  },

  /** Reinstatement: the applications move again; a pending offer's new deadline. */
  candidateUnfrozen(to: string, givenName: string, trainingTitle: string, deadlines: string[], url: string): OutgoingMail {
    return {
      to,
      kind: 'labels.candidate_unfrozen',
      subject: `Candidatures de nouveau ouvertes pour « ${trainingTitle} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `La suspension du label GEN de la formation « ${trainingTitle} » est levée : vos candidatures reprennent leur cours.`,
          ...(deadlines.length
            ? [`Le délai de réponse à votre proposition est prolongé de la durée de la suspension : vous pouvez répondre jusqu’au ${deadlines.join(', ')}.`]
            : []),
        ],
        action: { label: deadlines.length ? 'Répondre à ma proposition' : 'Voir mes vœux', url },
      }),
    };
  },

  renewalRequested(to: string, givenName: string, trainingTitle: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'labels.renewal_requested',
      subject: `Demande de renouvellement du label de « ${trainingTitle} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `Votre demande de renouvellement du label GEN de la formation « ${trainingTitle} » est enregistrée. L’opérateur du programme l’examine ; vous recevrez sa décision par courriel.`,
          'Un renouvellement n’ouvre pas droit à une nouvelle subvention d’amorçage.',
        ],
        action: { label: 'Voir mes labels', url },
      }),
    };
  },

  renewalRefused(to: string, givenName: string, trainingTitle: string, motive: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'labels.renewal_refused',
      subject: `Renouvellement du label de « ${trainingTitle} » refusé – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [`Votre demande de renouvellement du label GEN de la formation « ${trainingTitle} » est refusée.`, `Motif : ${motive}`],
        action: { label: 'Voir mes labels', url },
      }),
    };
  },
};
