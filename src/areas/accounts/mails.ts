import { renderMail } from '../../mail/layout.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';
import { ROLE_LABELS, type Role } from './domain/roles.ts';

/** The accounts area's mails, in French (text + HTML through the common layout). */
export const accountMails = {
  confirmEmail(to: string, givenName: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'accounts.confirm_email',
      subject: 'Confirmez votre adresse e-mail – Fabriques',
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          'Votre compte Fabriques a bien été créé.',
          'Pour l’activer, confirmez votre adresse e-mail. Ce lien est valable 48 heures.',
        ],
        action: { label: 'Confirmer mon adresse e-mail', url },
        closing: 'Si vous n’avez pas créé de compte, ignorez ce message : aucun compte ne sera activé.',
      }),
    };
  },

  accountExists(to: string, resetUrl: string): OutgoingMail {
    return {
      to,
      kind: 'accounts.account_exists',
      subject: 'Un compte existe déjà avec cette adresse – Fabriques',
      ...renderMail({
        greeting: 'Bonjour,',
        paragraphs: [
          'Quelqu’un (peut-être vous) a demandé à créer un compte Fabriques avec cette adresse, qui en a déjà un.',
          'Si vous avez oublié votre mot de passe, vous pouvez le réinitialiser.',
        ],
        action: { label: 'Réinitialiser mon mot de passe', url: resetUrl },
        closing: 'Si ce n’était pas vous, ignorez ce message : rien n’a été modifié.',
      }),
    };
  },

  parentalConsent(to: string, parentName: string, childGivenName: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'accounts.parental_consent',
      subject: `Accord parental pour le compte de ${childGivenName} – Fabriques`,
      ...renderMail({
        greeting: `Bonjour ${parentName},`,
        paragraphs: [
          `${childGivenName} a moins de 15 ans et souhaite créer un compte sur Fabriques, la plateforme de la Grande École du Numérique, pour s’informer et candidater à des formations au numérique.`,
          'La loi demande l’accord d’un titulaire de l’autorité parentale pour que ses données personnelles soient traitées. Le compte restera inactif tant que vous n’aurez pas donné votre accord. Ce lien est valable 14 jours.',
        ],
        action: { label: 'Je donne mon accord', url },
        closing: 'Si vous ne donnez pas votre accord, ignorez ce message : le compte ne sera pas activé.',
      }),
    };
  },

  resetPassword(to: string, givenName: string, url: string): OutgoingMail {
    return {
      to,
      kind: 'accounts.reset_password',
      subject: 'Réinitialisation de votre mot de passe – Fabriques',
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          'Vous avez demandé à réinitialiser votre mot de passe Fabriques.',
          'Ce lien ne sert qu’une fois et reste valable une heure.',
        ],
        action: { label: 'Choisir un nouveau mot de passe', url },
        closing: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
      }),
    };
  },

  passwordChanged(to: string, givenName: string): OutgoingMail {
    return {
      to,
      kind: 'accounts.password_changed',
      subject: 'Votre mot de passe a été modifié – Fabriques',
      ...renderMail({
        greeting: `Bonjour ${givenName},`,
        paragraphs: [
          'Le mot de passe de votre compte Fabriques vient d’être modifié, et toutes vos sessions ont été fermées.',
          'Si vous n’êtes pas à l’origine de ce changement, réinitialisez votre mot de passe sans attendre et prévenez l’équipe Fabriques.',
        ],
      }),
    };
  },

  invitation(to: string, organisationName: string, role: Role, inviterName: string, url: string, days: number): OutgoingMail {
    return {
      to,
      kind: 'accounts.invitation',
      subject: `Invitation à rejoindre ${organisationName} sur Fabriques`,
      ...renderMail({
        greeting: 'Bonjour,',
        paragraphs: [
          `${inviterName} vous invite à rejoindre « ${organisationName} » sur Fabriques, avec le rôle « ${ROLE_LABELS[role]} ».`,
          `Cette invitation est valable ${days} jours. Vous pourrez l’accepter avec un compte existant ou en créer un.`,
        ],
        action: { label: 'Voir l’invitation', url },
        closing: 'Si vous ne connaissez pas cette organisation, ignorez ce message.',
      }),
    };
  },
};
