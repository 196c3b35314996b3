// The API tokens of the acting organisation (GET /organisatie/api-tokens), with the notice of the
// action that redirected here.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { ADMIN, noticeOf, noticeQuery } from './shared.ts';
import { renderTokens } from './tokens.view.tsx';

export const showApiTokensSchemas = { querystring: noticeQuery() };

export function registerShowApiTokens(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/organisatie/api-tokens', { config: ADMIN, schema: showApiTokensSchemas }, async (request, reply) =>
      renderTokens(deps, request, reply, 200, { notice: noticeOf(request.query.melding) }),
    );
}
