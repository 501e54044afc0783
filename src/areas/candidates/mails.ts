import { renderMail } from '../../mail/layout.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';

/** The candidates area's mails, in French (text + HTML through the common layout). */
export const candidateMails = {
  /** a wish was sent: by the candidate, or by a prescriber on their behalf */
  wishSubmitted(to: string, givenName: string, training: string, sessionDates: string, onBehalfOf: string | null, url: string): OutgoingMail {
    return {
      to,
      kind: 'candidates.wish_submitted',
      subject: `Votre candidature à « ${training.replace(/[\r\n]+/g, ' ')} » est envoyée – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          onBehalfOf
            ? `${onBehalfOf}, qui vous accompagne, a envoyé pour vous une candidature à la formation « ${training} », session ${sessionDates}.`
            : `Votre candidature à la formation « ${training} », session ${sessionDates}, est bien envoyée à l’organisme de formation.`,
          'Vous pouvez suivre son état, classer vos vœux par ordre de préférence ou retirer ce vœu depuis votre espace.',
        ],
        action: { label: 'Voir mes vœux', url },
        closing: onBehalfOf ? 'Si vous ne souhaitez pas cette candidature, vous pouvez la retirer à tout moment.' : undefined,
      }),
    };
  },
};
