// The OpenAPI 3.0 description of /api/v1, served at /api/v1/openapi.json. Written by hand and kept
// honest by a test: every /api/v1 route must be described here, and nothing else.
import { API_VERSION } from './api.routes.ts';

const problem = { $ref: '#/components/responses/Problem' };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.0.3',
    info: {
      title: 'ggk API',
      version: API_VERSION,
      description:
        'Aanleveren voor de Gemeentelijke Monitor Sociaal Domein door gemeentelijke software. Volgt de API Design Rules: /v1 in het pad, een API-Version-header bij elk antwoord, fouten als application/problem+json.',
      contact: { name: 'ggk' },
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ apiToken: [] }],
    paths: {
      '/organisatie': {
        get: {
          summary: 'De organisatie van het token, en zijn rollen',
          operationId: 'getOrganisatie',
          responses: {
            '200': {
              description: 'De organisatie',
              headers: { 'API-Version': { $ref: '#/components/headers/ApiVersion' } },
            },
            '401': problem,
            '403': problem,
          },
        },
      },
      '/deliveries': {
        post: {
          summary: 'Lever bestanden aan (CSV of één ZIP)',
          operationId: 'postDelivery',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  description: 'Velden eerst, dan de bestanden.',
                  properties: {
                    halfjaar: { type: 'string', pattern: '^[0-9]{4}H[12]$', example: '2017H2' },
                    gemeentecode: {
                      type: 'string',
                      pattern: '^[0-9]{4}$',
                      description:
                        'Alleen voor een samenwerkingsverband: de gemeente waarvoor wordt aangeleverd.',
                    },
                    bestanden: { type: 'array', items: { type: 'string', format: 'binary' } },
                  },
                  required: ['bestanden'],
                },
              },
            },
          },
          responses: {
            '201': {
              description:
                'Ontvangstbewijs: de bestanden zijn versleuteld opgeslagen en de controle is ingepland.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Receipt' } } },
            },
            '400': problem,
            '401': problem,
            '403': problem,
            '409': problem,
            '413': problem,
          },
        },
      },
      '/deliveries/{id}': {
        get: {
          summary: 'Een aanlevering en de stand van de controle',
          operationId: 'getDelivery',
          parameters: [{ $ref: '#/components/parameters/DeliveryId' }],
          responses: {
            '200': { description: 'De aanlevering' },
            '401': problem,
            '403': problem,
            '404': problem,
          },
        },
      },
      '/deliveries/{id}/report': {
        get: {
          summary: 'Het technisch rapport (zie het contract validation-report)',
          operationId: 'getDeliveryReport',
          parameters: [{ $ref: '#/components/parameters/DeliveryId' }],
          responses: {
            '200': { description: 'Het rapport' },
            '401': problem,
            '403': problem,
            '404': problem,
            '409': problem,
            '410': problem,
          },
        },
      },
      '/openapi.json': {
        get: {
          summary: 'Dit document',
          operationId: 'getOpenApi',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.0' } },
        },
      },
    },
    components: {
      securitySchemes: {
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Een API-token van de organisatie (ggk_…).',
        },
      },
      headers: {
        ApiVersion: {
          description: 'De versie van deze API',
          schema: { type: 'string', example: API_VERSION },
        },
      },
      parameters: {
        DeliveryId: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      },
      responses: {
        Problem: {
          description: 'Een fout, in het Nederlands',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string' },
          },
        },
        Receipt: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            receiptNumber: { type: 'string', example: 'GGK-2018-000123' },
            receivedAt: { type: 'string', format: 'date-time' },
            gemeentecode: { type: 'string' },
            gemeente: { type: 'string' },
            halfYear: { type: 'string' },
            state: { type: 'string', enum: ['received'] },
            files: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  name: { type: 'string' },
                  bytes: { type: 'integer' },
                  sha256: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  };
}
