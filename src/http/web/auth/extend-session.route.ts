// Extending the session (POST /sessie/verlengen, WCAG 2.2.1): the warning of session.js posts here
// before the idle limit, with the CSRF token; resuming the session for this request already moves
// its idle limit on (session-service touches it). The script asks with `x-requested-with: fetch` and
// gets 204; a plain form post (the same form, without the script) returns to the page it came from.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { AUTHENTICATED, field, safeReturnPath } from './shared.tsx';

export const extendSessionSchemas = {
  querystring: z.object({}),
  body: z.object({ _csrf: field(), terug: field() }),
};

export function registerExtendSession(app: FastifyInstance, _deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/sessie/verlengen',
      { config: AUTHENTICATED, schema: extendSessionSchemas },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        if (request.headers['x-requested-with'] === 'fetch') return reply.status(204).send();
        return reply.redirect(safeReturnPath(request.body.terug) ?? '/account', 303);
      },
    );
}
