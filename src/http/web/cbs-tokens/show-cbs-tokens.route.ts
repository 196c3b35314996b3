// CBS's tokens (GET /cbs/tokens), with the notice after a revocation (?melding=ingetrokken).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { CBS, PAGE } from './shared.ts';
import { renderCbsTokens } from './tokens.view.tsx';

export const showCbsTokensSchemas = { querystring: z.object({ melding: z.string().max(100).optional() }) };

export function registerShowCbsTokens(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(PAGE, { config: CBS, schema: showCbsTokensSchemas }, async (request, reply) =>
      renderCbsTokens(deps, request, reply, 200, { revoked: request.query.melding === 'ingetrokken' }),
    );
}
