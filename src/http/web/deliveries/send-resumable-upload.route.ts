// Resumable uploads (tus): the protocol's requests go to @tus/server untouched (the body is not
// parsed here); ggk checks who may use them and that the upload belongs to this user first.
// The method and url of these routes are the keys of their rate limits (rate-limits.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { RESUMABLE_PATH, resumableUploadIdOf } from '../../deliveries/resumable-upload.ts';
import { problem } from '../../problem.ts';
import { checkedByHandler } from '../../route-schemas.ts';
import { UPLOADERS, resumableUploadsOf } from './shared.ts';

/** The id in the url: the handler reads it from the raw url itself and refuses any other shape. */
const uploadParams = checkedByHandler(z.object({ id: z.string() }));
/** A chunk's bytes (application/offset+octet-stream), streamed to @tus/server by the handler. */
const chunkBody = checkedByHandler(
  z.unknown().meta({ description: 'tus: de bytes van een deel van het bestand, als een stroom.' }),
);

export const createResumableUploadRoute = {
  method: 'POST',
  url: RESUMABLE_PATH,
  schema: { querystring: z.object({}), body: chunkBody },
} as const;

/** HEAD has no body, so it is a route of its own: Fastify refuses a body schema on it. */
export const showResumableUploadRoute = {
  method: 'HEAD',
  url: `${RESUMABLE_PATH}/:id`,
  schema: { querystring: z.object({}), params: uploadParams },
} as const;

export const sendResumableUploadRoute = {
  method: ['PATCH', 'DELETE'],
  url: `${RESUMABLE_PATH}/:id`,
  schema: { querystring: z.object({}), params: uploadParams, body: chunkBody },
} as const;

export function registerSendResumableUpload(app: FastifyInstance, deps: AppDeps): void {
  const uploads = resumableUploadsOf(app, deps);
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const tus = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!uploads) return reply.callNotFound();
    const owner = uploads.ownerOf(request);
    if (!owner) return problem(request, reply, 'auth.forbidden', { reason: 'choose_organisation' });
    // The id is read from the raw URL, which must be exactly the collection (POST) or one upload:
    // tus then acts on this checked id only (resumable-upload.ts), whatever else the URL carries.
    const id = resumableUploadIdOf(request.raw.url);
    if (id === undefined || (id === null) !== (request.method === 'POST'))
      return problem(request, reply, 'delivery.resumable_bad_url');
    if (id !== null && !(await uploads.isOwnedBy(id, owner)))
      return problem(request, reply, 'http.not_found');
    uploads.checked.set(request.raw, { owner, ...(id !== null ? { id } : {}) });
    reply.hijack();
    await uploads.server.handle(request.raw, reply.raw);
  };
  app.route({ ...createResumableUploadRoute, config: UPLOADERS, handler: tus });
  app.route({ ...showResumableUploadRoute, config: UPLOADERS, handler: tus });
  app.route({
    ...sendResumableUploadRoute,
    method: [...sendResumableUploadRoute.method],
    config: UPLOADERS,
    handler: tus,
  });
}
