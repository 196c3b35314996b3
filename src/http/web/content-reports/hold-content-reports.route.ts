// CBS holds the op-orde reports of the current round, or of one gemeente in it: the holds page and its
// form. Reports generated while a hold is open wait until CBS releases it (release-report-hold).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditActorOf } from '../../../modules/audit/index.ts';
import { errorMessage } from '../../../modules/i18n/index.ts';
import { findOrganisationById } from '../../../modules/organisations/index.ts';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import { holdContentReports } from '../../../modules/reports/index.ts';
import { isAppError } from '../../../platform/errors/app-error.ts';
import { isUuid } from '../../../platform/errors/ids.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { pageContext } from '../page-context.ts';
import { renderHolds } from './report-holds.view.tsx';
import { CBS } from './shared.ts';

const pageSchema = { querystring: z.object({}) };

const holdSchema = {
  querystring: z.object({}),
  // Empty: the whole round. Anything but a gemeente's id gets the form's own field error.
  body: z.object({ _csrf: z.string().max(200).optional(), gemeente: z.string().max(100).optional() }),
};

export function registerHoldContentReports(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/op-orde-rapporten', { schema: pageSchema, config: CBS }, async (request, reply) =>
    renderHolds(deps, request, reply, 200),
  );

  api.post('/op-orde-rapporten/tegenhouden', { schema: holdSchema, config: CBS }, async (request, reply) => {
    const t = pageContext(request, reply, deps).t;
    const now = deps.now();
    const round = await findCurrentRound(deps.db, now);
    if (!round)
      return renderHolds(deps, request, reply, 400, { kind: 'warning', text: t('reports.holds.noRound') });
    const gemeenteId = request.body?.gemeente ? String(request.body.gemeente) : null;
    const gemeente =
      gemeenteId && isUuid(gemeenteId) ? await findOrganisationById(deps.db, gemeenteId) : undefined;
    if (gemeenteId !== null && gemeente?.kind !== 'gemeente')
      return renderHolds(deps, request, reply, 400, undefined, [
        { field: 'gemeente', message: t('reports.holds.badGemeente') },
      ]);
    try {
      await deps.db.transaction().execute((trx) =>
        holdContentReports(trx, {
          roundId: round.id,
          gemeenteId,
          actor: auditActorOf(request.principal),
          now,
        }),
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      return renderHolds(deps, request, reply, 409, {
        kind: 'warning',
        text: errorMessage(request.locale, error),
      });
    }
    return renderHolds(deps, request, reply, 200, {
      kind: 'ok',
      text: t('reports.holds.held', { scope: gemeente?.name ?? round.name }),
    });
  });
}
