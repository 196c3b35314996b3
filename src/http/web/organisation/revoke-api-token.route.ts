// The gebruikersbeheerder revokes an API token of the organisation (POST /organisatie/api-tokens/
// intrekken); a token that is not the organisation's is a 404 at its row.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actingOrganisationOf, revokeApiToken } from '../../../modules/auth/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorAt } from '../form-errors.ts';
import { ADMIN, formField } from './shared.ts';
import { renderTokens } from './tokens.view.tsx';

export const revokeApiTokenSchemas = {
  querystring: z.object({}),
  body: z.object({ _csrf: formField(), token: formField() }),
};

export function registerRevokeApiToken(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/organisatie/api-tokens/intrekken',
      { config: ADMIN, schema: revokeApiTokenSchemas },
      async (request, reply) => {
        const tokenId = request.body.token ?? '';
        try {
          await revokeApiToken(deps.db, {
            organisationId: actingOrganisationOf(request.principal)!,
            tokenId,
            now: deps.now(),
            revokedBy: request.session?.principal.userId ?? null,
          });
        } catch (error) {
          return renderTokens(deps, request, reply, 404, {
            errors: formErrorAt(error, request.locale, `token-${tokenId}`),
          });
        }
        return reply.redirect('/organisatie/api-tokens?melding=token_ingetrokken', 303);
      },
    );
}
