// The current round's pilot feedback and evaluations as CSV for the operator; each export audited.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../../modules/audit/index.ts';
import { listRoundFeedback } from '../../../modules/monitoring/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { feedbackCsv } from '../monitoring/feedback-csv.ts';
import { OPERATOR } from './shared.ts';

const schema = { querystring: z.object({}) };

export function registerDownloadFeedbackCsv(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/beheer/feedback.csv', { schema: schema, config: OPERATOR }, async (request, reply) => {
    const now = deps.now();
    const { round, rows } = await listRoundFeedback(deps.db, now);
    if (round) {
      await recordAudit(deps.db, {
        actor: auditActorOf(request.principal as { kind: 'user'; userId: string }),
        organisationId: null,
        action: 'feedback.exported',
        subjectIds: [round.id],
        details: { rows: rows.length },
        at: now,
      });
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="pilotfeedback-${round?.halfYear ?? 'geen-ronde'}.csv"`,
      )
      .header('cache-control', 'no-store')
      .send(feedbackCsv(request.locale, rows));
  });
}
