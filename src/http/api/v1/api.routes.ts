// The public REST API (Dutch API Design Rules): /api/v1, an API-Version header on every answer,
// errors as application/problem+json. Deliveries arrive with the delivery issue; this is the base.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actingOrganisationOf, actingRolesOf } from '../../../modules/auth/index.ts';
import { findOrganisationById } from '../../../modules/organisations/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { API_VERSION, jsonResponse, noQuery, problem, type Endpoint } from './api-schemas.ts';
import { openApiDocument } from './openapi.ts';

const getOrganisatie = {
  method: 'GET',
  url: '/api/v1/organisatie',
  schema: {
    summary: 'De organisatie van het token, en zijn rollen',
    description:
      'Geeft de organisatie waarvoor het token is uitgegeven (naam, soort, gemeentecode) en de rollen die het draagt. Handig om een koppeling te testen.',
    operationId: 'getOrganisatie',
    tags: ['Aanleveren'],
    querystring: noQuery(),
    response: {
      200: jsonResponse(
        'De organisatie',
        z.object({
          id: z.string().meta({ format: 'uuid' }),
          naam: z.string(),
          soort: z.string(),
          gemeentecode: z.string().nullable(),
          rollen: z.array(z.string()),
        }),
      ),
      401: problem,
      403: problem,
    },
  },
} as const satisfies Endpoint;

const getOpenApi = {
  method: 'GET',
  url: '/api/v1/openapi.json',
  schema: {
    summary: 'Dit document',
    description: 'Het OpenAPI-document van deze API, openbaar en zonder token op te vragen.',
    operationId: 'getOpenApi',
    tags: ['Aanleveren'],
    security: [],
    querystring: noQuery(),
    response: {
      200: jsonResponse('OpenAPI 3.0', z.looseObject({ openapi: z.string() })),
    },
  },
} as const satisfies Endpoint;

/** The endpoints of this file, as the OpenAPI document lists them. */
export const apiEndpoints: Endpoint[] = [getOrganisatie, getOpenApi];

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
