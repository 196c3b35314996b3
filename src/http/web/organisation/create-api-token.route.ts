// The gebruikersbeheerder creates an API token (POST /organisatie/api-tokens): the token is shown once,
// in the answer to the POST itself (201), never in a URL and never again.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actingOrganisationOf, createApiToken } from '../../../modules/auth/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { asList, formErrorsOf } from '../form-errors.ts';
import { ADMIN, formField, listField } from './shared.ts';
import { renderTokens } from './tokens.view.tsx';

export const createApiTokenSchemas = {
  querystring: z.object({}),
  body: z.object({ _csrf: formField(), naam: formField(), dagen: formField(), rollen: listField() }),
};

export function registerCreateApiToken(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/organisatie/api-tokens',
      { config: ADMIN, schema: createApiTokenSchemas },
      async (request, reply) => {
        const body = request.body;
        const form = { naam: body.naam ?? '', dagen: body.dagen ?? '', rollen: asList(body.rollen) };
        try {
          const created = await createApiToken(deps.db, {
            organisationId: actingOrganisationOf(request.principal)!,
            name: form.naam,
            roles: form.rollen,
            days: Number(form.dagen),
            createdBy: request.session?.principal.userId ?? null,
            now: deps.now(),
          });
          // Shown once, in the answer to the POST itself: never in a URL, never again.
          return renderTokens(deps, request, reply, 201, {
            created: { token: created.token, name: created.row.name },
          });
        } catch (error) {
          return renderTokens(deps, request, reply, 400, {
            errors: formErrorsOf(error, request.locale, 'token-formulier'),
            form,
          });
        }
      },
    );
}
