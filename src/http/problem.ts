// The one shape of an error answer for machines (RFC 9457, application/problem+json), built here
// only: the error handler, access control, the API routes and the resumable (tus) routes all answer
// through `sendProblem`. `type` is urn:ggk:error:<code>; `title` and `detail` are the refusal's text
// in the visitor's language; `status` is the catalogue's; `code` is the code again without the urn;
// `instance` is the request id, which the logs quote.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type ErrorParamsArg } from '../platform/errors/app-error.ts';
import { DEFAULT_LOCALE, errorMessage } from '../modules/i18n/index.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance: string;
}

/**
 * Where an answer is not the catalogue's own: Fastify's client errors keep their status (413, 415…)
 * and their reason as detail under the code http.bad_request.
 */
export interface ProblemOverrides {
  status?: number;
  detail?: string;
}

/** The problem document of a refusal, in the language of the request. */
export function problemOf(
  request: FastifyRequest,
  error: AppError,
  overrides: ProblemOverrides = {},
): Problem {
  const text = errorMessage(request.locale ?? DEFAULT_LOCALE, error);
  return {
    type: `urn:ggk:error:${error.code}`,
    title: text,
    status: overrides.status ?? error.status,
    detail: overrides.detail ?? text,
    code: error.code,
    instance: request.id,
  };
}

/** Answers with the problem document of a refusal (its status from the catalogue). */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  overrides?: ProblemOverrides,
): FastifyReply {
  const body = problemOf(request, error, overrides);
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** Answers with the problem document of a code and its parameters, without throwing. */
export function problem<C extends ErrorCode>(
  request: FastifyRequest,
  reply: FastifyReply,
  code: C,
  ...params: ErrorParamsArg<C>
): FastifyReply {
  return sendProblem(request, reply, new AppError(code, ...params));
}
