// The building blocks of the API's route schemas: shared types (uuid, date-time), the named
// component schemas of the OpenAPI document, and the shapes of its responses (JSON, problem+json).
import { z } from 'zod';

export const API_VERSION = '1.0.0';

/** Schemas with a name (zod's id): listed once under components/schemas and referenced by $ref. */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  return schema.meta({ id });
}

/** Path parameters with a name: listed once under components/parameters. */
export const componentParameters = new Map<z.ZodType, string>();
export function namedParameter<T extends z.ZodType>(id: string, schema: T): T {
  componentParameters.set(schema, id);
  return schema;
}

/** An id in a path; the service answers 404 for one that is not a UUID it knows. */
export const uuidText = () => z.string().meta({ format: 'uuid' });
/** An id in a CBS path or body: a UUID (longer text is refused before the lookup). */
export const cbsUuid = () => z.string().max(36).meta({ format: 'uuid' });
export const dateTime = () => z.string().meta({ format: 'date-time' });
export const binary = () => z.string().meta({ format: 'binary' });

export const ProblemSchema = named(
  'Problem',
  z
    .object({
      type: z.string().meta({ example: 'urn:ggk:error:cbs.checksum_mismatch' }),
      title: z.string(),
      status: z.int(),
      detail: z.string(),
      instance: z.string().optional(),
    })
    .meta({
      description:
        'RFC 9457; type is urn:ggk:error:<code>. Het antwoord heeft ook het veld code (dezelfde code, zonder urn).',
    }),
);

/** A response header in the OpenAPI document. */
export interface HeaderDoc {
  description?: string;
  schema?: z.ZodType;
  $ref?: string;
}

/** A response: its description, headers and body per media type (the shape Fastify and OpenAPI share). */
export interface ResponseDoc {
  description: string;
  headers?: Record<string, HeaderDoc>;
  content?: Record<string, { schema: z.ZodType }>;
}

export const apiVersionHeader: Record<string, HeaderDoc> = {
  'API-Version': { $ref: '#/components/headers/ApiVersion' },
};

/** Every refusal: problem+json in Dutch (components/responses/Problem). */
export const problem: ResponseDoc = {
  description: 'Een fout, in het Nederlands',
  content: { 'application/problem+json': { schema: ProblemSchema } },
};

export function jsonResponse(
  description: string,
  schema: z.ZodType,
  headers: Record<string, HeaderDoc> = {},
): ResponseDoc {
  return {
    description,
    headers: { ...apiVersionHeader, ...headers },
    content: { 'application/json': { schema } },
  };
}

/** An API route's method, path and schemas: registered by its routes file, described by openapi.ts. */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  schema: {
    summary: string;
    description: string;
    operationId: string;
    tags: string[];
    security?: Array<Record<string, string[]>>;
    params?: z.ZodObject;
    querystring: z.ZodObject;
    headers?: z.ZodObject;
    body?: z.ZodType | { content: Record<string, { schema: z.ZodType }> };
    response: Record<number, ResponseDoc>;
  };
}

/** No query parameters. */
export const noQuery = () => z.object({});
