// Route schemas (docs/decisions/0029-route-schemas.md): every route declares what it takes as zod
// schemas (params, querystring, body; API routes their responses too), or the app refuses to start.
// Zod validates the input with Dutch messages; the same schemas generate the OpenAPI document.
import type { FastifyInstance, FastifySchemaCompiler, FastifyTypeProvider, RouteOptions } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';
import { en, nl } from 'zod/locales';

declare module 'fastify' {
  interface FastifySchema {
    /** OpenAPI: a one-line summary of the operation (API routes). */
    summary?: string;
    /** OpenAPI: what the operation does (API routes). */
    description?: string;
    operationId?: string;
    tags?: string[];
    /** OpenAPI: the operation's own security requirement (empty: public). */
    security?: Array<Record<string, string[]>>;
  }
}

/** Types request.params/query/body from the route's zod schemas (a Fastify type provider). */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/**
 * Input the handler reads and checks itself, with its own Dutch messages and error codes: bodies that
 * reach it as a stream (multipart uploads, a PDF, tus chunks) and the Idempotency-Key header. Declared
 * and documented with this schema; the validator lets it through untouched.
 */
const CHECKED_BY_HANDLER = new WeakSet<z.ZodType>();
export function checkedByHandler<T extends z.ZodType>(schema: T): T {
  CHECKED_BY_HANDLER.add(schema);
  return schema;
}
export function isCheckedByHandler(schema: z.ZodType): boolean {
  return CHECKED_BY_HANDLER.has(schema);
}

const dutch = nl().localeError;
const english = en().localeError;

/** A validation failure's message per language (the error handler answers in the visitor's). */
export interface LocalizedValidationError extends Error {
  statusCode: 400;
  code: 'FST_ERR_VALIDATION';
  localized: { nl: string; en: string };
}

function describe(httpPart: string | undefined, error: z.ZodError, input: string): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${[httpPart ?? input, ...issue.path.map(String)].join('/')}: ${issue.message}`)
    .join('; ');
}

/**
 * A validation failure: where (part/path) and what, per problem, in Dutch (the message, for logs)
 * and in English. The English text costs a second parse, only for input that already failed.
 */
function validationError(
  httpPart: string | undefined,
  error: z.ZodError,
  schema: z.ZodType,
  input: unknown,
): LocalizedValidationError {
  const message = describe(httpPart, error, 'invoer');
  const again = schema.safeParse(input, { error: english });
  const inEnglish = again.success ? message : describe(httpPart, again.error, 'input');
  return Object.assign(new Error(message), {
    statusCode: 400 as const,
    code: 'FST_ERR_VALIDATION' as const,
    localized: { nl: message, en: inEnglish },
  });
}

export function isLocalizedValidationError(error: unknown): error is LocalizedValidationError {
  const localized = (error as Partial<LocalizedValidationError> | null)?.localized;
  return typeof localized?.nl === 'string' && typeof localized.en === 'string';
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart, method, url }) => {
  if (!(schema instanceof z.ZodType)) {
    throw new Error(`Route ${method} ${url}: het ${String(httpPart)}-schema is geen zod-schema.`);
  }
  if (isCheckedByHandler(schema)) return () => ({});
  return (data: unknown) => {
    // Fastify passes null for a request without a body: a form posted empty is an empty form.
    const input = data === null && httpPart === 'body' ? {} : data;
    const result = schema.safeParse(input, { error: dutch });
    return result.success
      ? { value: result.data }
      : { error: validationError(httpPart, result.error, schema, input) };
  };
};

/**
 * Responses are written as the handler gave them (JSON.stringify, as without a schema): a response
 * schema describes the answer for the OpenAPI document and never drops a field from it.
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isSchema(value: unknown): boolean {
  if (value instanceof z.ZodType) return true;
  // A body per content type ({ content: { 'application/pdf': { schema } } }), as OpenAPI writes it.
  const content = (value as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
  return (
    typeof content === 'object' &&
    content !== null &&
    Object.values(content).length > 0 &&
    Object.values(content).every((media) => media.schema instanceof z.ZodType)
  );
}

/**
 * What a route must declare: a querystring schema always, params when its path has any, a body for
 * a method that carries one, and for /api/ its responses. Empty when the route is complete.
 */
export function missingSchemas(route: Pick<RouteOptions, 'method' | 'url' | 'schema'>): string[] {
  const schema = route.schema ?? {};
  const missing: string[] = [];
  if (!isSchema(schema.querystring)) missing.push('querystring');
  if (/[:*]/.test(route.url) && !isSchema(schema.params)) missing.push('params');
  const methods = [route.method].flat();
  if (methods.some((m) => UNSAFE_METHODS.has(m)) && !isSchema(schema.body)) missing.push('body');
  if (route.url.startsWith('/api/') && (schema.response === undefined || schema.response === null))
    missing.push('response');
  return missing;
}

/** Zod validates every route's input; a route without its schemas stops the app at start-up. */
export function registerRouteSchemas(app: FastifyInstance): void {
  useZodSchemas(app);
  requireRouteSchemas(app);
}

/** Route schemas are zod: validated by zod, answers written as given. */
export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
}

/** The guard alone: like a route without an access rule, a route without its schemas cannot start. */
export function requireRouteSchemas(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const missing = missingSchemas(route);
    if (missing.length > 0) {
      throw new Error(
        `Route ${[route.method].flat().join(',')} ${route.url} declareert geen schema voor: ${missing.join(', ')}.`,
      );
    }
  });
}
