// The one place where errors become answers, and where unknown errors are logged (once, with the
// request id). A refusal (AppError) answers with its catalogue status: a page for browsers,
// problem+json (http/problem.ts) for the API, both in the visitor's language. Fastify's own client
// errors and an unreachable database become catalogue codes too (http.*), so every error answer of
// the API has the one problem shape.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../platform/errors/app-error.ts';
import { isDatabaseUnavailable } from '../platform/db/database.ts';
import { errorMessage } from '../modules/i18n/index.ts';
import { localeOf } from './web/locale.ts';
import { renderDocument } from './web/render.ts';
import { sendProblem } from './problem.ts';
import { isLocalizedValidationError } from './route-schemas.ts';
import { ErrorView, NotFoundView, RefusalView } from './web/pages/status.view.tsx';
import { h } from 'preact';

/** How long a client waits before retrying when the database is unavailable. */
const RETRY_AFTER_SECONDS = 30;

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || !(request.headers.accept ?? '').includes('text/html');
}

/** A browser asking for a page gets the refusal as a page, not as a problem document. */
function sendRefusalPage(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  status = error.status,
): void {
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      renderDocument(
        h(RefusalView, {
          status,
          message: errorMessage(localeOf(request), error),
          locale: localeOf(request),
          contacts: request.contacts,
        }),
      ),
    );
}

function sendRefusal(request: FastifyRequest, reply: FastifyReply, error: AppError): void {
  if (wantsJson(request)) sendProblem(request, reply, error);
  else sendRefusalPage(request, reply, error);
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (isAppError(error)) return sendRefusal(request, reply, error);
  const statusCode = (error as Partial<FastifyError>).statusCode;
  const clientStatus =
    statusCode !== undefined && statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
  if (clientStatus === 429) return sendRefusal(request, reply, new AppError('http.too_many_requests'));
  if (clientStatus) {
    // Fastify's own refusal (a body it cannot parse, a limit, a route schema): its status, and its
    // reason as detail (a schema's in the visitor's language; Fastify's own texts are English).
    const refusal = new AppError('http.bad_request');
    if (!wantsJson(request)) return sendRefusalPage(request, reply, refusal, clientStatus);
    const detail = isLocalizedValidationError(error) ? error.localized[localeOf(request)] : error.message;
    sendProblem(request, reply, refusal, { status: clientStatus, detail });
    return;
  }
  if (isDatabaseUnavailable(error)) {
    // Not the client's fault and not a bug: the database is unreachable for now. What the request
    // stored on disk was removed by its own clean-up (receive-upload.ts); nothing was acknowledged.
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(RETRY_AFTER_SECONDS)).header('cache-control', 'no-store');
    return sendRefusal(request, reply, new AppError('http.unavailable'));
  }
  request.log.error({ err: error }, 'unhandled error');
  if (wantsJson(request)) {
    sendProblem(request, reply, new AppError('http.internal'));
    return;
  }
  reply
    .status(500)
    .type('text/html; charset=utf-8')
    .send(
      renderDocument(
        h(ErrorView, { requestId: request.id, locale: request.locale, contacts: request.contacts }),
      ),
    );
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  if (wantsJson(request)) {
    sendProblem(request, reply, new AppError('http.not_found'));
    return;
  }
  reply
    .status(404)
    .type('text/html; charset=utf-8')
    .send(renderDocument(h(NotFoundView, { locale: request.locale, contacts: request.contacts })));
}
