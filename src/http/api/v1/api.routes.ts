// The public REST API (Dutch API Design Rules): /api/v1, an API-Version header on every answer,
// errors as application/problem+json. Deliveries arrive with the delivery issue; this is the base.
import type { FastifyInstance } from 'fastify';
import { actingOrganisationOf, actingRolesOf } from '../../../modules/auth/index.ts';
import { findOrganisationById } from '../../../modules/organisations/index.ts';
import type { AppDeps } from '../../app.ts';
import { openApiDocument } from './openapi.ts';

export const API_VERSION = '1.0.0';

export function registerApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('api-version', API_VERSION);
  });

  app.get('/api/v1/openapi.json', { config: { access: { kind: 'public' } } }, async () =>
    openApiDocument(deps.config.baseUrl),
  );

  app.get(
    '/api/v1/organisatie',
    {
      config: {
        access: {
          kind: 'organisation',
          roles: ['aanleveraar', 'rapportontvanger', 'intrekker', 'gebruikersbeheerder'],
          tokens: true,
        },
      },
    },
    async (request) => {
      const organisation = await findOrganisationById(deps.db, actingOrganisationOf(request.principal)!);
      return {
        id: organisation?.id,
        naam: organisation?.name,
        soort: organisation?.kind,
        gemeentecode: organisation?.gemeentecode ?? null,
        rollen: actingRolesOf(request.principal),
      };
    },
  );
}
