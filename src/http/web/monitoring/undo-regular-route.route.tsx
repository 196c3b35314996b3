// Undoing a regular-route mark (POST /monitor/reguliere-route/ongedaan-maken): the participant counts
// as not delivered again; audited by the monitoring module.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditActorOf } from '../../../modules/audit/index.ts';
import { unmarkRegularRoute } from '../../../modules/monitoring/index.ts';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorsOf, onlyLinksTo } from '../form-errors.ts';
import { translatorFor } from '../locale.ts';
import { FORM_FIELDS, REGULAR_ROUTE_PATH, renderRegularRoute } from './regular-route.view.tsx';
import { STAFF } from './shared.ts';

export const undoRegularRouteRoute = {
  method: 'POST',
  url: `${REGULAR_ROUTE_PATH}/ongedaan-maken`,
  schema: {
    querystring: z.object({}),
    body: z.object({
      _csrf: z.string().max(200).optional(),
      deelnemer: z.string().max(200).optional(),
    }),
  },
} as const;

export function registerUndoRegularRoute(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...undoRegularRouteRoute,
    config: STAFF,
    handler: async (request, reply) => {
      const body = request.body;
      const round = await findCurrentRound(deps.db, deps.now());
      if (!round) return renderRegularRoute(request, reply, deps, 404);
      try {
        const done = await unmarkRegularRoute(deps.db, {
          round,
          organisationId: body.deelnemer ?? '',
          actor: auditActorOf(request.principal),
          userId: request.principal.kind === 'user' ? request.principal.userId : null,
          tokenId: null,
          now: deps.now(),
        });
        return renderRegularRoute(request, reply, deps, 200, {
          notice: translatorFor(request)('monitoring.regular.undone', { name: done.organisationName }),
        });
      } catch (error) {
        return renderRegularRoute(request, reply, deps, 400, {
          errors: onlyLinksTo(formErrorsOf(error, request.locale, ''), FORM_FIELDS),
        });
      }
    },
  });
}
