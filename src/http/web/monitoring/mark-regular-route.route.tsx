// Marking a participant of the current round as delivered via the regular route (straight to CBS):
// the overview with its form (GET) and the mark itself (POST), audited by the monitoring module.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditActorOf } from '../../../modules/audit/index.ts';
import { markRegularRoute } from '../../../modules/monitoring/index.ts';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorsOf, onlyLinksTo } from '../form-errors.ts';
import { translatorFor } from '../locale.ts';
import { FORM_FIELDS, REGULAR_ROUTE_PATH, renderRegularRoute, type Form } from './regular-route.view.tsx';
import { STAFF } from './shared.ts';

export const showRegularRouteRoute = {
  method: 'GET',
  url: REGULAR_ROUTE_PATH,
  schema: { querystring: z.object({}) },
} as const;

/** The form's fields; the service checks them and the page names what is wrong (in Dutch). */
export const markRegularRouteRoute = {
  method: 'POST',
  url: REGULAR_ROUTE_PATH,
  schema: {
    querystring: z.object({}),
    body: z.object({
      _csrf: z.string().max(200).optional(),
      deelnemer: z.string().max(200).optional(),
      datum: z.string().max(200).optional(),
      toelichting: z.string().max(20_000).optional(),
    }),
  },
} as const;

export function registerMarkRegularRoute(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.route({
    ...showRegularRouteRoute,
    config: STAFF,
    handler: async (request, reply) => renderRegularRoute(request, reply, deps, 200),
  });

  api.route({
    ...markRegularRouteRoute,
    config: STAFF,
    handler: async (request, reply) => {
      const body = request.body;
      const form: Form = {
        deelnemer: body.deelnemer ?? '',
        datum: body.datum ?? '',
        toelichting: body.toelichting ?? '',
      };
      const round = await findCurrentRound(deps.db, deps.now());
      if (!round) return renderRegularRoute(request, reply, deps, 404);
      try {
        const done = await markRegularRoute(deps.db, {
          round,
          organisationId: form.deelnemer,
          deliveredOn: form.datum,
          note: form.toelichting,
          actor: auditActorOf(request.principal),
          userId: request.principal.kind === 'user' ? request.principal.userId : null,
          tokenId: null,
          now: deps.now(),
        });
        return renderRegularRoute(request, reply, deps, 200, {
          notice: translatorFor(request)('monitoring.regular.done', { name: done.organisationName }),
        });
      } catch (error) {
        return renderRegularRoute(request, reply, deps, 400, {
          errors: onlyLinksTo(formErrorsOf(error, request.locale, 'reguliere-route-formulier'), FORM_FIELDS),
          form,
        });
      }
    },
  });
}
