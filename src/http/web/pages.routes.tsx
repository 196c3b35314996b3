import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import {
  countParticipants,
  findCurrentRound,
  halfYearBounds,
  halfYearsOf,
  phaseOf,
} from '../../modules/periods/index.ts';
import { amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import { openAsset } from './assets.ts';
import { renderDocument, sendPage } from './render.ts';
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
    reply
      .type('text/html; charset=utf-8')
      .send(renderDocument(<HomeView round={model} ctx={pageContext(request, reply, deps)} />));
  });

  app.get('/toegankelijkheid', { config: { access: { kind: 'public' } } }, async (request, reply) =>
    sendPage(reply, 200, <AccessibilityView ctx={pageContext(request, reply, deps)} />),
  );

  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    { config: { access: { kind: 'public' } } },
    async (request, reply) => {
      const asset = await openAsset(request.params.name);
      if (!asset) return reply.callNotFound();
      return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
    },
  );
}
