// The public REST API (Dutch API Design Rules): /api/v1, an API-Version header on every answer,
// errors as application/problem+json. Deliveries arrive with the delivery issue; this is the base.
import type { FastifyInstance } from 'fastify';
import { actingOrganisationOf, actingRolesOf } from '../../../modules/auth/index.ts';
import { findOrganisationById } from '../../../modules/organisations/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { API_VERSION } from './api-schemas.ts';
import { getOpenApi, getOrganisatie } from './api-endpoints.ts';
import { openApiDocument } from './openapi.ts';

export function registerApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('api-version', API_VERSION);
  });

  api.route({
    ...getOpenApi,
    config: { access: { kind: 'public' } },
    handler: async () => openApiDocument(deps.config.baseUrl),
  });

  api.route({
    ...getOrganisatie,
    config: {
      access: {
        kind: 'organisation',
        roles: ['aanleveraar', 'rapportontvanger', 'intrekker', 'gebruikersbeheerder'],
        tokens: true,
      },
    },
    handler: async (request) => {
      const organisation = await findOrganisationById(deps.db, actingOrganisationOf(request.principal)!);
      return {
        id: organisation?.id,
        naam: organisation?.name,
        soort: organisation?.kind,
        gemeentecode: organisation?.gemeentecode ?? null,
        rollen: actingRolesOf(request.principal),
      };
    },
  });
}
