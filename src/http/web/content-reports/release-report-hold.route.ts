// CBS releases a hold: the reports it kept waiting are placed (ggk's and CBS's own) and their
// recipients told, answered on the holds page.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditActorOf } from '../../../modules/audit/index.ts';
import { errorMessage } from '../../../modules/i18n/index.ts';
import { releaseContentReportHold } from '../../../modules/reports/index.ts';
import { AppError, isAppError } from '../../../platform/errors/app-error.ts';
import { isUuid } from '../../../platform/errors/ids.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { pageContext } from '../page-context.ts';
import { renderHolds } from './report-holds.view.tsx';
import { CBS } from './shared.ts';

const schema = {
  querystring: z.object({}),
  // The hold's id; anything else is answered on the holds page (report.hold_unknown).
  body: z.object({ _csrf: z.string().max(200).optional(), blokkade: z.string().max(100).optional() }),
};

export function registerReleaseReportHold(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post('/op-orde-rapporten/vrijgeven', { schema, config: CBS }, async (request, reply) => {
      const t = pageContext(request, reply, deps).t;
      const holdId = String(request.body?.blokkade ?? '');
      if (!isUuid(holdId))
        return renderHolds(deps, request, reply, 400, {
          kind: 'warning',
          text: errorMessage(request.locale, new AppError('report.hold_unknown')),
        });
      try {
        const released = await deps.db.transaction().execute((trx) =>
          releaseContentReportHold(trx, {
            holdId,
            actor: auditActorOf(request.principal),
            now: deps.now(),
            baseUrl: deps.config.baseUrl,
          }),
        );
        deps.wakeOutbox?.();
        return renderHolds(deps, request, reply, 200, {
          kind: 'ok',
          text: t('reports.holds.released', { count: released.placed.length + released.cbsPlaced.length }),
        });
      } catch (error) {
        if (!isAppError(error)) throw error;
        return renderHolds(deps, request, reply, 409, {
          kind: 'warning',
          text: errorMessage(request.locale, error),
        });
      }
    });
}
