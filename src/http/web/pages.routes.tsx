import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import {
  countParticipants,
  findCurrentRound,
  halfYearBounds,
  halfYearsOf,
  phaseOf,
} from '../../modules/periods/index.ts';
import { amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import { encodeAsset, openAsset } from './assets.ts';
import { sendPage } from './render.ts';
import { AccessibilityView } from './pages/accessibility.view.tsx';
import { HomeView } from './pages/home.view.tsx';
import { pageContext } from './page-context.ts';

const PUBLIC = { access: { kind: 'public' } } as const;
const noQuery = z.object({});
/** A path segment: Fastify refuses longer ones (maxParamLength 100) before the schema is asked. */
const segment = () => z.string().max(100);

export const pageSchemas = {
  page: { querystring: noQuery },
  asset: { querystring: noQuery, params: z.object({ name: segment() }) },
  hashedAsset: { querystring: noQuery, params: z.object({ hash: segment(), name: segment() }) },
};

export function registerPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get('/', { config: PUBLIC, schema: pageSchemas.page }, async (request, reply) => {
    const now = deps.now();
    const round = await findCurrentRound(deps.db, now);
    const model = round && {
      ...round,
      phase: phaseOf(round, now),
      halfYears: halfYearsOf(round).map((code) => {
        const { start, end } = halfYearBounds(code);
        return { code, start: amsterdamInstant(start), end: amsterdamInstant(end) };
      }),
      participants: await countParticipants(deps.db, round.id),
    };
    // Returned: an async handler that sends without returning the reply is answered twice.
    return sendPage(reply, 200, <HomeView round={model} ctx={pageContext(request, reply, deps)} />);
  });

  routes.get('/toegankelijkheid', { config: PUBLIC, schema: pageSchemas.page }, async (request, reply) =>
    sendPage(
      reply,
      200,
      <AccessibilityView
        ctx={pageContext(request, reply, deps)}
        operator={deps.config.accessibility.operator}
        email={deps.config.accessibility.email}
      />,
    ),
  );

  // An asset by name (scripts import each other this way) is revalidated on every use (ETag, 304);
  // by content hash (the pages' stylesheets) it is kept for a year. A hash that is not the current
  // one (a page from before an upgrade) gets the current asset, not cached.
  const sendAsset = async (
    request: FastifyRequest,
    reply: FastifyReply,
    name: string,
    hash: string | undefined,
  ) => {
    const asset = await openAsset(name);
    if (!asset) return reply.callNotFound();
    const immutable = hash !== undefined && hash === asset.hash;
    const etag = `"${asset.hash}"`;
    reply
      .type(asset.type)
      .header('etag', etag)
      .header('vary', 'accept-encoding')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const { body, encoding } = await encodeAsset(asset, request.headers['accept-encoding']);
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(body);
  };
  routes.get('/assets/:name', { config: PUBLIC, schema: pageSchemas.asset }, async (request, reply) =>
    sendAsset(request, reply, request.params.name, undefined),
  );
  routes.get(
    '/assets/:hash/:name',
    { config: PUBLIC, schema: pageSchemas.hashedAsset },
    async (request, reply) => sendAsset(request, reply, request.params.name, request.params.hash),
  );
  // Browsers ask for /favicon.ico on their own, whatever the page links.
  routes.get('/favicon.ico', { config: PUBLIC, schema: pageSchemas.page }, async (request, reply) =>
    sendAsset(request, reply, 'favicon.ico', undefined),
  );
}
