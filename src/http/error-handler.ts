// The one table from AppError codes to HTTP statuses, and the one place where unknown errors are
// logged (once, with the request id). Pages get an error page and /api gets problem+json, both in the
// visitor's language (a refusal's text through errorMessage, the fixed titles from the catalogue).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../platform/errors/app-error.ts';
import { errorMessage } from '../modules/i18n/index.ts';
import { localeOf, translatorFor } from './web/locale.ts';
import { renderDocument } from './web/render.ts';
import { ErrorView, NotFoundView, RefusalView } from './web/pages/status.view.tsx';
import { h } from 'preact';

const STATUS_BY_CODE_SUFFIX: Array<[RegExp, number]> = [
  [/\.not_found$/, 404],
  [/^auth\.unauthenticated$/, 401],
  [/^auth\.forbidden$/, 403],
  [/\.duplicate/, 409],
  [/\.window_closed$/, 409],
  [/^files\.too_large$/, 413],
  [/^auth\.csrf$/, 403],
];

export function statusForCode(code: string): number {
  for (const [pattern, status] of STATUS_BY_CODE_SUFFIX) if (pattern.test(code)) return status;
  return 400;
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || !(request.headers.accept ?? '').includes('text/html');
}

/** A browser asking for a page gets the refusal as a page, not as a problem document. */
function sendRefusalPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
): void {
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderDocument(h(RefusalView, { status, message, locale: localeOf(request) })));
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (isAppError(error)) {
    const status = statusForCode(error.code);
    if (!wantsJson(request))
      return sendRefusalPage(request, reply, status, errorMessage(localeOf(request), error));
    reply
      .status(status)
      .type('application/problem+json')
      .send({
        type: `urn:ggk:error:${error.code}`,
        title: errorMessage(localeOf(request), error),
        status,
        code: error.code,
      });
    return;
  }
  const statusCode = (error as Partial<FastifyError>).statusCode;
  const clientStatus =
    statusCode !== undefined && statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
  if (clientStatus) {
    const title = translatorFor(request)(
      clientStatus === 429 ? 'error.http.too_many_requests' : 'error.http.bad_request',
    );
    if (!wantsJson(request)) return sendRefusalPage(request, reply, clientStatus, title);
    reply.status(clientStatus).type('application/problem+json').send({
      type: 'about:blank',
      title,
      status: clientStatus,
    });
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  if (wantsJson(request)) {
    reply
      .status(500)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: translatorFor(request)('error.http.internal'),
        status: 500,
        instance: request.id,
      });
    return;
  }
  reply
    .status(500)
    .type('text/html; charset=utf-8')
    .send(renderDocument(h(ErrorView, { requestId: request.id, locale: request.locale })));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  if (wantsJson(request)) {
    reply
      .status(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: translatorFor(request)('error.http.not_found'), status: 404 });
    return;
  }
  reply
    .status(404)
    .type('text/html; charset=utf-8')
    .send(renderDocument(h(NotFoundView, { locale: request.locale })));
}
