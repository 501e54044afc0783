import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Territories } from '../territories/referential.ts';
import { searchAudit } from './audit/search.ts';
import { actorOf, clearSessionCookie, setSessionCookie } from './authz-plugin.ts';
import type { AccountsContext } from './context.ts';
import type { Access } from './domain/access.ts';
import * as s from './http-schemas.ts';
import { currentAccount, switchMembership } from './use-cases/account.ts';
import { acceptInvitation, invite, listInvitations, previewInvitation, revokeInvitation } from './use-cases/invitations.ts';
import { confirmEmail, giveParentalConsent, requestPasswordReset, resetPassword } from './use-cases/mail-links.ts';
import { createOrganisation, endMembership, listMembers, listOrganisations, organisationDetail } from './use-cases/organisations.ts';
import { changePassword, signInWithPassword, signOut, signOutEverywhere } from './use-cases/sign-in.ts';
import { signUp } from './use-cases/sign-up.ts';

const PUBLIC: Access = 'public';
const SIGNED_IN: Access = 'signed-in';
const OPERATOR: Access = { roles: ['operator'] };
/** every role that acts for an organisation */
const ORGANISATION_ROLES: Access = { roles: ['prescriber', 'provider', 'employer', 'reviewer', 'funder', 'operator'] };

export interface AccountsRoutesDeps {
  ctx: AccountsContext;
  https: boolean;
  maxHours: number;
  geo: Territories;
}

export function accountsRoutes({ ctx, https, maxHours, geo }: AccountsRoutesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const auth = ['Comptes et connexion'];
    const orgs = ['Organisations et membres'];
    const accountFor = async (token: string) => {
      const actor = await ctx.sessions.load(token, ctx.clock());
      return currentAccount(ctx, actor!);
    };

    app.post(
      '/api/auth/sign-up',
      {
        config: { access: PUBLIC },
        schema: { tags: auth, summary: 'Créer un compte candidat·e (un mail de confirmation est envoyé)', body: s.signUpBody, response: { 202: s.messageSchema.extend({ parentalConsentRequested: z.boolean() }), 400: s.errorSchema, 429: s.errorSchema } },
      },
      async (req, reply) => {
        const r = await signUp(ctx, req.body, req.ip);
        return reply.code(202).send({
          message: r.parentalConsentRequested
            ? 'Votre demande est enregistrée. Confirmez votre adresse avec le lien reçu par message ; votre parent a reçu un message pour donner son accord.'
            : 'Votre demande est enregistrée. Confirmez votre adresse avec le lien reçu par message pour activer votre compte.',
          parentalConsentRequested: r.parentalConsentRequested,
        });
      },
    );

    app.post(
      '/api/auth/confirm-email',
      { config: { access: PUBLIC }, schema: { tags: auth, summary: 'Confirmer son adresse e-mail (lien reçu par message)', body: s.tokenBody, response: { 200: s.messageSchema, 400: s.errorSchema } } },
      async (req) => {
        await confirmEmail(ctx, req.body.token);
        return { message: 'Votre adresse e-mail est confirmée : vous pouvez vous connecter.' };
      },
    );

    app.post(
      '/api/auth/parental-consent',
      { config: { access: PUBLIC }, schema: { tags: auth, summary: 'Donner l’accord parental pour un compte de moins de 15 ans', body: s.tokenBody, response: { 200: s.messageSchema, 400: s.errorSchema } } },
      async (req) => {
        await giveParentalConsent(ctx, req.body.token);
        return { message: 'Merci : votre accord est enregistré et le compte est activé.' };
      },
    );

    app.post(
      '/api/auth/sign-in',
      { config: { access: PUBLIC }, schema: { tags: auth, summary: 'Se connecter par adresse e-mail et mot de passe', body: s.signInBody, response: { 200: s.accountSchema, 400: s.errorSchema, 403: s.errorSchema, 409: s.errorSchema, 429: s.errorSchema } } },
      async (req, reply) => {
        const { token } = await signInWithPassword(ctx, req.body.email, req.body.password, req.ip);
        // a new session id at every sign-in; the former one (if any) ends — only once this one has
        // succeeded: a mistyped password leaves the person signed in as before
        if (req.actor) await signOut(ctx, req.actor);
        setSessionCookie(reply, https, token, maxHours);
        return accountFor(token);
      },
    );

    app.post(
      '/api/auth/sign-out',
      { config: { access: SIGNED_IN }, schema: { tags: auth, summary: 'Se déconnecter', response: { 204: z.null() } } },
      async (req, reply) => {
        await signOut(ctx, actorOf(req));
        clearSessionCookie(reply, https);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/sign-out-everywhere',
      { config: { access: SIGNED_IN }, schema: { tags: auth, summary: 'Se déconnecter sur tous ses appareils', response: { 200: s.messageSchema } } },
      async (req, reply) => {
        const n = await signOutEverywhere(ctx, actorOf(req));
        clearSessionCookie(reply, https);
        return { message: `${n} session${n > 1 ? 's' : ''} fermée${n > 1 ? 's' : ''}.` };
      },
    );

    app.post(
      '/api/auth/password-reset/request',
      { config: { access: PUBLIC }, schema: { tags: auth, summary: 'Demander un lien de réinitialisation du mot de passe', body: s.resetRequestBody, response: { 202: s.messageSchema, 400: s.errorSchema, 429: s.errorSchema } } },
      async (req, reply) => {
        await requestPasswordReset(ctx, req.body.email, req.ip);
        return reply.code(202).send({ message: 'Si un compte existe avec cette adresse, un lien de réinitialisation vient de lui être envoyé (valable une heure).' });
      },
    );

    app.post(
      '/api/auth/password-reset',
      { config: { access: PUBLIC }, schema: { tags: auth, summary: 'Choisir un nouveau mot de passe (lien reçu par message)', body: s.resetBody, response: { 200: s.messageSchema, 400: s.errorSchema } } },
      async (req, reply) => {
        await resetPassword(ctx, req.body.token, req.body.password);
        clearSessionCookie(reply, https);
        return { message: 'Votre mot de passe est modifié. Toutes vos sessions ont été fermées : connectez-vous avec le nouveau.' };
      },
    );

    app.get(
      '/api/account',
      { config: { access: SIGNED_IN }, schema: { tags: auth, summary: 'Mon compte : identité, rattachements, rôle actif', response: { 200: s.accountSchema, 401: s.errorSchema } } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return currentAccount(ctx, actorOf(req));
      },
    );

    app.post(
      '/api/account/password',
      { config: { access: SIGNED_IN }, schema: { tags: auth, summary: 'Changer de mot de passe (les autres sessions sont fermées)', body: s.changePasswordBody, response: { 200: s.accountSchema, 400: s.errorSchema } } },
      async (req, reply) => {
        const token = await changePassword(ctx, actorOf(req), req.body.currentPassword, req.body.newPassword);
        setSessionCookie(reply, https, token, maxHours);
        return accountFor(token);
      },
    );

    app.put(
      '/api/account/active-membership',
      { config: { access: SIGNED_IN }, schema: { tags: auth, summary: 'Agir pour une autre de ses organisations (ou un autre rôle)', body: s.switchBody, response: { 200: s.membershipSchema, 404: s.errorSchema } } },
      async (req) => switchMembership(ctx, actorOf(req), req.body.membershipId),
    );

    app.post(
      '/api/invitations/preview',
      { config: { access: PUBLIC }, schema: { tags: orgs, summary: 'Lire une invitation reçue par message', body: s.tokenBody, response: { 200: s.invitationPreview, 400: s.errorSchema } } },
      async (req) => previewInvitation(ctx, req.body.token),
    );

    app.post(
      '/api/invitations/accept',
      {
        config: { access: PUBLIC },
        schema: { tags: orgs, summary: 'Accepter une invitation (connecté·e, ou en créant son compte)', body: s.acceptBody, response: { 200: s.accountSchema, 400: s.errorSchema, 403: s.errorSchema, 409: s.errorSchema } },
      },
      async (req, reply) => {
        const r = await acceptInvitation(ctx, req.actor, req.body.token, req.body.account);
        if (r.sessionToken) {
          setSessionCookie(reply, https, r.sessionToken, maxHours);
          return accountFor(r.sessionToken);
        }
        return { ...(await currentAccount(ctx, actorOf(req))), activeMembershipId: r.membershipId };
      },
    );

    app.get(
      '/api/organisations',
      { config: { access: OPERATOR }, schema: { tags: orgs, summary: 'Rechercher les organisations (opérateur)', querystring: s.organisationsQuery, response: { 200: s.organisationsList, 400: s.errorSchema } } },
      async (req) => listOrganisations(ctx, req.query),
    );

    app.post(
      '/api/organisations',
      { config: { access: OPERATOR }, schema: { tags: orgs, summary: 'Créer une organisation (opérateur)', body: s.organisationBody, response: { 201: z.object({ id: z.string() }), 400: s.errorSchema } } },
      async (req, reply) => reply.code(201).send(await createOrganisation(ctx, actorOf(req), req.body, geo)),
    );

    app.get(
      '/api/organisations/:id',
      { config: { access: ORGANISATION_ROLES }, schema: { tags: orgs, summary: 'Fiche d’une organisation (la sienne, ou toutes pour l’opérateur)', params: s.orgParams, response: { 200: s.organisationSchema, 404: s.errorSchema } } },
      async (req) => organisationDetail(ctx, actorOf(req), req.params.id),
    );

    app.get(
      '/api/organisations/:id/members',
      { config: { access: ORGANISATION_ROLES }, schema: { tags: orgs, summary: 'Membres d’une organisation', params: s.orgParams, response: { 200: z.array(s.memberRow), 404: s.errorSchema } } },
      async (req) => listMembers(ctx, actorOf(req), req.params.id),
    );

    app.delete(
      '/api/organisations/:id/members/:membershipId',
      {
        config: { access: ORGANISATION_ROLES },
        schema: {
          tags: orgs,
          summary: 'Retirer un membre (administrateur·rice de l’organisation ou opérateur)',
          params: s.orgParams.extend({ membershipId: s.uuidParam('Identifiant de membre') }),
          querystring: z.object({ motive: z.string().max(500, 'Motif trop long.').optional() }),
          response: { 204: z.null(), 403: s.errorSchema, 404: s.errorSchema },
        },
      },
      async (req, reply) => {
        await endMembership(ctx, actorOf(req), req.params.id, req.params.membershipId, req.query.motive);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/organisations/:id/invitations',
      { config: { access: ORGANISATION_ROLES }, schema: { tags: orgs, summary: 'Invitations envoyées pour une organisation', params: s.orgParams, response: { 200: z.array(s.invitationRow), 404: s.errorSchema } } },
      async (req) => listInvitations(ctx, actorOf(req), req.params.id),
    );

    app.post(
      '/api/organisations/:id/invitations',
      {
        config: { access: ORGANISATION_ROLES },
        schema: { tags: orgs, summary: 'Inviter une personne dans une organisation, avec un rôle', params: s.orgParams, body: s.inviteBody, response: { 201: z.object({ id: z.string(), expiresAt: z.string() }), 400: s.errorSchema, 403: s.errorSchema, 404: s.errorSchema } },
      },
      async (req, reply) => {
        const r = await invite(ctx, actorOf(req), req.params.id, req.body);
        return reply.code(201).send({ id: r.id, expiresAt: r.expiresAt.toISOString() });
      },
    );

    app.delete(
      '/api/organisations/:id/invitations/:invitationId',
      {
        config: { access: ORGANISATION_ROLES },
        schema: { tags: orgs, summary: 'Annuler une invitation en attente', params: s.orgParams.extend({ invitationId: s.uuidParam('Identifiant d’invitation') }), response: { 204: z.null(), 403: s.errorSchema, 404: s.errorSchema } },
      },
      async (req, reply) => {
        await revokeInvitation(ctx, actorOf(req), req.params.id, req.params.invitationId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/audit',
      { config: { access: OPERATOR }, schema: { tags: ['Journal d’audit'], summary: 'Rechercher dans le journal d’audit (opérateur)', querystring: s.auditQuery, response: { 200: s.auditPage, 400: s.errorSchema } } },
      async (req) => searchAudit(ctx.database, req.query),
    );
  };
}
