import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';
import { ROLE_LABELS } from './domain/roles.ts';
import type { AccountsContext } from './context.ts';

/** Demo mode only (not registered in production): the demo accounts, shown on the sign-in page. */
export function demoAccountsRoutes(_ctx: AccountsContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/auth/demo-accounts',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Comptes et connexion'],
          summary: 'Comptes de démonstration (mode démo uniquement)',
          response: {
            200: z.object({
              password: z.string(),
              accounts: z.array(z.object({ email: z.string(), name: z.string(), roles: z.array(z.string()), description: z.string() })),
            }),
          },
        },
      },
      async () => ({
        password: DEMO_PASSWORD,
        accounts: DEMO_ACCOUNTS.map((a) => ({
          email: a.email,
          name: `${a.givenName} ${a.familyName}`,
          roles: [...new Set(a.memberships.map((m) => ROLE_LABELS[m.role]))],
          description: a.description,
        })),
      }),
    );
  };
}
