// The start of a login (GET /inloggen/start): remember the return address, off to the broker.
// Its rate-limit key is "GET /inloggen/start" (rate-limits.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { COOKIE_OPTIONS } from '../../auth/access-control.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { PUBLIC, RETURN_COOKIE, field, redirectToBroker, safeReturnPath } from './shared.tsx';

export const startLoginSchemas = { querystring: z.object({ terug: field() }) };

export function registerStartLogin(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/inloggen/start', { config: PUBLIC, schema: startLoginSchemas }, async (request, reply) => {
      const returnTo = safeReturnPath(request.query.terug);
      if (returnTo) reply.setCookie(RETURN_COOKIE, returnTo, { ...COOKIE_OPTIONS, maxAge: 15 * 60 });
      return redirectToBroker(request, reply, deps);
    });
}
