import { renderMail } from '../../mail/layout.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';
import { frenchDate } from '../scholarships/domain/format.ts';

/** The privacy area's mails, in French. */
export const privacyMails = {
  inactivityWarning(to: string, givenName: string, on: string, signInUrl: string): OutgoingMail {
    return {
      to,
      kind: 'privacy.inactivity_warning',
      subject: 'Votre compte Fabriques sera anonymisé faute d’utilisation',
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          'Vous ne vous êtes pas connecté·e à votre compte Fabriques depuis près de deux ans.',
          `Sans nouvelle connexion de votre part, vos données personnelles seront effacées ou anonymisées le ${frenchDate(on)}, comme l’annonce notre politique de confidentialité (durée de conservation : 2 ans après le dernier contact).`,
          'Pour garder votre compte, il suffit de vous connecter avant cette date. Vous pouvez aussi télécharger vos données depuis la page « Mon compte ».',
        ],
        action: { label: 'Me connecter', url: signInUrl },
        closing: 'Si vous ne souhaitez plus utiliser Fabriques, vous n’avez rien à faire.',
      }),
    };
  },
};
