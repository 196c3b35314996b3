// The schemas of the API's own two endpoints (GET /api/v1/organisatie and the OpenAPI document),
// apart from api.routes.ts: openapi.ts lists them, and api.routes.ts serves that document, so with
// the schemas in the routes file the two files imported each other.
import { z } from 'zod';
import { jsonResponse, noQuery, problem, type Endpoint } from './api-schemas.ts';

export const getOrganisatie = {
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

export const getOpenApi = {
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

/** These endpoints, as the OpenAPI document lists them. */
export const apiEndpoints: Endpoint[] = [getOrganisatie, getOpenApi];
