import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.ts';
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

export function registerPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/', { config: { access: { kind: 'public' } } }, async (request, reply) => {
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

  app.get('/toegankelijkheid', { config: { access: { kind: 'public' } } }, async (request, reply) =>
    sendPage(reply, 200, <AccessibilityView ctx={pageContext(request, reply, deps)} />),
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
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    { config: { access: { kind: 'public' } } },
    async (request, reply) => sendAsset(request, reply, request.params.name, undefined),
  );
  app.get<{ Params: { hash: string; name: string } }>(
    '/assets/:hash/:name',
    { config: { access: { kind: 'public' } } },
    async (request, reply) => sendAsset(request, reply, request.params.name, request.params.hash),
  );
  // Browsers ask for /favicon.ico on their own, whatever the page links.
  app.get('/favicon.ico', { config: { access: { kind: 'public' } } }, async (request, reply) =>
    sendAsset(request, reply, 'favicon.ico', undefined),
  );
}
