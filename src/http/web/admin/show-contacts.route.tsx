// The contact details per round for the operator (GET /beheer/contactgegevens?ronde=): those of the
// chosen round (the current one by default), in a form to change them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { renderContactsPage } from './contacts.view.tsx';
import { OPERATOR } from './shared.ts';

/** Which round; an unknown one shows the current round. `melding=opgeslagen` after a save. */
export const showContactsRoute = {
  method: 'GET',
  url: '/beheer/contactgegevens',
  schema: {
    querystring: z.object({
      ronde: z.string().max(200).optional(),
      melding: z.string().max(50).optional(),
    }),
  },
} as const;

export function registerShowContacts(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showContactsRoute,
    config: OPERATOR,
    handler: async (request, reply) =>
      renderContactsPage(request, reply, deps, 200, {
        roundId: request.query.ronde,
        saved: request.query.melding === 'opgeslagen',
      }),
  });
}
