import { renderMail } from '../../mail/layout.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/** The admissions area's mails, in French (text + HTML through the common layout). */
export const admissionMails = {
  notRanked(to: string, givenName: string, training: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'admissions.not_ranked',
      subject: `Votre candidature à « ${oneLine(training)} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `L’organisme de formation a examiné votre candidature à « ${training} » et ne l’a pas retenue pour cette session.`,
          'Vos autres vœux ne changent pas. La structure qui vous accompagne peut vous aider à trouver une autre session.',
        ],
        action: { label: 'Voir mes vœux', url },
      }),
    };
  },

  /** one mail per candidate and round, listing the new offers with their deadlines */
  offersMade(to: string, givenName: string, offers: { training: string; deadline: string }[], autoResponder: boolean, url: string): OutgoingMail {
    const many = offers.length > 1;
    return {
      to,
      kind: 'admissions.offer_made',
      subject: many ? `Vous avez reçu ${offers.length} propositions d’admission – Fabriques` : `Proposition d’admission : « ${oneLine(offers[0]!.training)} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          many ? 'Bonne nouvelle : vous avez reçu des propositions d’admission.' : 'Bonne nouvelle : vous avez reçu une proposition d’admission.',
          offers.map((o) => `• « ${o.training} » : répondez avant le ${o.deadline}.`).join('\n'),
          autoResponder
            ? 'Votre réponse automatique est activée : la plateforme a déjà répondu selon l’ordre de vos vœux. Consultez le résultat dans votre espace.'
            : 'Sans réponse avant la date limite, la proposition est considérée comme refusée et la place est proposée à une autre personne.',
        ],
        action: { label: 'Répondre à mes propositions', url },
      }),
    };
  },

  accepted(to: string, givenName: string, training: string, sessionDates: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'admissions.offer_accepted',
      subject: `Vous avez accepté « ${oneLine(training)} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `Vous avez accepté la proposition d’admission à « ${training} », session ${sessionDates}.`,
          'L’organisme de formation vous contactera avant le début de la session. Si vous gardez des vœux en attente, une proposition pour l’un d’eux pourra encore vous être faite.',
        ],
        action: { label: 'Voir mes vœux', url },
      }),
    };
  },

  expired(to: string, givenName: string, trainings: string[], url: string): OutgoingMail {
    return {
      to,
      kind: 'admissions.offer_expired',
      subject: 'Proposition d’admission expirée – Fabriques',
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `Sans réponse de votre part avant la date limite, ${trainings.length > 1 ? 'ces propositions sont considérées comme refusées' : 'cette proposition est considérée comme refusée'} : ${trainings.map((t) => `« ${t} »`).join(', ')}.`,
          'Vos autres vœux restent en attente.',
        ],
        action: { label: 'Voir mes vœux', url },
      }),
    };
  },

  enrolled(to: string, givenName: string, training: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'enrolments.enrolled',
      subject: `Votre inscription à « ${oneLine(training)} » – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          `La session de « ${training} » commence : vous y êtes inscrit·e.`,
          'Une fois la formation commencée, vous pouvez demander l’aide Grande École du Numérique depuis votre espace.',
        ],
        action: { label: 'Mon inscription', url },
      }),
    };
  },

  aidDecided(to: string, givenName: string, granted: boolean, summary: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'aid.decided',
      subject: granted ? 'Votre aide Grande École du Numérique est accordée – Fabriques' : 'Votre demande d’aide Grande École du Numérique – Fabriques',
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [summary],
        action: { label: 'Voir ma demande', url },
      }),
    };
  },
};
