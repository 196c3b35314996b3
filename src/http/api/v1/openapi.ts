// The OpenAPI 3.0 description of /api/v1, served at /api/v1/openapi.json: generated from the routes'
// own schemas (the endpoints the routes files register), so it cannot drift from what they accept.
// The access-matrix test checks that it describes every /api/v1 route and nothing else.
import { z } from 'zod';
import {
  API_VERSION,
  componentParameters,
  problem,
  type Endpoint,
  type HeaderDoc,
  type ResponseDoc,
} from './api-schemas.ts';
import { apiEndpoints } from './api-endpoints.ts';
import { deliveryEndpoints } from './deliveries.routes.ts';
import { cbsEndpoints } from './cbs.routes.ts';

type Json = Record<string, unknown>;

const SCHEMA_REF = '#/components/schemas/';
const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

/** A zod schema as an OpenAPI 3.0 schema object, its named parts as $refs to components/schemas. */
function jsonSchema(schema: z.ZodType): Json {
  const converted = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  delete converted.definitions;
  return tidy(converted) as Json;
}

/** Refs point into components/schemas; z.int()'s safe-integer bounds say nothing and go. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string') out[key] = item.replace('#/definitions/', SCHEMA_REF);
    else if ((key === 'minimum' || key === 'maximum') && SAFE_INTEGER_BOUNDS.has(item as number)) continue;
    else out[key] = tidy(item);
  }
  return out;
}

/** Header names as HTTP writes them: idempotency-key → Idempotency-Key. */
function headerName(key: string): string {
  return key.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

function parameters(endpoint: Endpoint, usedParameters: Map<string, Json>): Json[] {
  const list: Json[] = [];
  const parts: Array<[z.ZodObject | undefined, 'path' | 'query' | 'header']> = [
    [endpoint.schema.params, 'path'],
    [endpoint.schema.querystring, 'query'],
    [endpoint.schema.headers, 'header'],
  ];
  for (const [object, location] of parts) {
    for (const [key, property] of Object.entries(object?.shape ?? {})) {
      const field = property as z.ZodType;
      const { description, example, ...schema } = jsonSchema(field);
      const parameter: Json = {
        name: location === 'header' ? headerName(key) : key,
        in: location,
        required: location === 'path' || !field.safeParse(undefined).success,
        ...(description !== undefined ? { description } : {}),
        schema,
        ...(example !== undefined ? { example } : {}),
      };
      const id = componentParameters.get(field);
      if (id) {
        usedParameters.set(id, parameter);
        list.push({ $ref: `#/components/parameters/${id}` });
      } else list.push(parameter);
    }
  }
  return list;
}

function requestBody(body: Endpoint['schema']['body']): Json | undefined {
  if (body === undefined) return undefined;
  const content =
    body instanceof z.ZodType
      ? { 'application/json': { schema: jsonSchema(body) } }
      : Object.fromEntries(
          Object.entries(body.content).map(([media, { schema }]) => [media, { schema: jsonSchema(schema) }]),
        );
  return { required: true, content };
}

function headerDocs(headers: Record<string, HeaderDoc>): Json {
  return Object.fromEntries(
    Object.entries(headers).map(([name, header]) => [
      name,
      header.$ref
        ? { $ref: header.$ref }
        : {
            ...(header.description !== undefined ? { description: header.description } : {}),
            ...(header.schema ? { schema: jsonSchema(header.schema) } : {}),
          },
    ]),
  );
}

function responseDoc(response: ResponseDoc): Json {
  if (response === problem) return { $ref: '#/components/responses/Problem' };
  return {
    description: response.description,
    ...(response.headers ? { headers: headerDocs(response.headers) } : {}),
    ...(response.content
      ? {
          content: Object.fromEntries(
            Object.entries(response.content).map(([media, { schema }]) => [
              media,
              { schema: jsonSchema(schema) },
            ]),
          ),
        }
      : {}),
  };
}

function operation(endpoint: Endpoint, usedParameters: Map<string, Json>): Json {
  const { summary, description, operationId, tags, security, body, response } = endpoint.schema;
  const params = parameters(endpoint, usedParameters);
  const requestBodyDoc = requestBody(body);
  return {
    summary,
    description,
    operationId,
    tags,
    ...(security !== undefined ? { security } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(requestBodyDoc ? { requestBody: requestBodyDoc } : {}),
    responses: Object.fromEntries(
      Object.entries(response).map(([status, doc]) => [status, responseDoc(doc as ResponseDoc)]),
    ),
  };
}

/** The components/schemas: every named schema, in the order they were named. */
function namedSchemas(): Json {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'openapi-3.0',
    io: 'input',
    uri: (id) => `${SCHEMA_REF}${id}`,
    unrepresentable: 'any',
  }) as { schemas: Record<string, Json> };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $id: _id, ...rest } = schema;
      return [id, tidy(rest)];
    }),
  );
}

/** Every /api/v1 endpoint, in the order the document lists them. */
export function allApiEndpoints(): Endpoint[] {
  return [...apiEndpoints, ...deliveryEndpoints, ...cbsEndpoints];
}

export function openApiDocument(serverUrl: string, endpoints: Endpoint[] = allApiEndpoints()) {
  const usedParameters = new Map<string, Json>();
  const paths: Record<string, Record<string, Json>> = {};
  for (const endpoint of endpoints) {
    const path = endpoint.url.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[endpoint.method.toLowerCase()] = operation(endpoint, usedParameters);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'ggk API',
      version: API_VERSION,
      description:
        'Aanleveren voor de Gemeentelijke Monitor Sociaal Domein door gemeentelijke software. Volgt de API Design Rules: /v1 in het pad, een API-Version-header bij elk antwoord, fouten als application/problem+json.',
      contact: { name: 'ggk', email: 'servicedesk@ggk.example.nl', url: 'https://github.com/ggk' },
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    tags: [
      { name: 'Aanleveren', description: 'Aanleveren door gemeentelijke software' },
      { name: 'CBS', description: 'De overdracht aan CBS (contract cbs-handover)' },
    ],
    security: [{ apiToken: [] }],
    paths,
    components: {
      securitySchemes: {
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Een API-token van de organisatie (ggk_…).',
        },
        cbsToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Een token van het kanaal van CBS (npx ggk token create --cbs).',
        },
      },
      headers: {
        ApiVersion: {
          description: 'De versie van deze API',
          schema: { type: 'string', example: API_VERSION },
        },
      },
      parameters: Object.fromEntries(usedParameters),
      responses: {
        Problem: {
          description: problem.description,
          content: { 'application/problem+json': { schema: { $ref: `${SCHEMA_REF}Problem` } } },
        },
      },
      schemas: namedSchemas(),
    },
  };
}
