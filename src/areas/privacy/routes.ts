import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, clearSessionCookie } from '../accounts/authz-plugin.ts';
import type { AccountsContext } from '../accounts/context.ts';
import type { Access } from '../accounts/domain/access.ts';
import { parisDate } from '../../shared/clock.ts';
import * as s from './http-schemas.ts';
import { exportPersonalData } from './use-cases/export.ts';
import { requestErasure } from './use-cases/request-erasure.ts';

const SIGNED_IN: Access = 'signed-in';

export interface PrivacyRoutesDeps {
  ctx: AccountsContext;
  https: boolean;
}

/** The person's RGPD rights on their own account: download everything, erase everything (docs/adr/0013). */
export function privacyRoutes({ ctx, https }: PrivacyRoutesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Données personnelles (RGPD)'];

    app.get(
      '/api/account/data',
      {
        config: { access: SIGNED_IN },
        schema: { tags, summary: 'Télécharger toutes mes données (JSON)', response: { 200: s.personalDataExport, 401: s.errorSchema } },
      },
      async (req, reply) => {
        const now = ctx.clock();
        const data = await exportPersonalData(ctx.database, actorOf(req).userId, now);
        reply.header('cache-control', 'no-store');
        reply.header('content-disposition', `attachment; filename="mes-donnees-fabriques-${parisDate(now)}.json"`);
        return data;
      },
    );

    app.post(
      '/api/account/erasure',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags,
          summary: 'Supprimer mon compte : mes données sont effacées ou anonymisées (mot de passe demandé, ou connexion récente)',
          body: s.erasureBody,
          response: { 200: s.messageSchema, 400: s.errorSchema, 403: s.errorSchema, 409: s.errorSchema, 429: s.errorSchema },
        },
      },
      async (req, reply) => {
        await requestErasure(ctx, actorOf(req), req.body.password);
        clearSessionCookie(reply, https);
        return { message: 'Votre compte est supprimé : vos données personnelles sont effacées ou anonymisées, et vous êtes déconnecté·e.' };
      },
    );
  };
}
