// GET /api/v1/deliveries/{id}: a delivery the reader may see, with the state of its check, its files
// and their SHA-256, its deadlines and a link to the technical report once there is one.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listDeliveryFiles } from '../../../../modules/deliveries/index.ts';
import type { AppDeps } from '../../../app.ts';
import { findVisibleDelivery } from '../../../deliveries/delivery-access.ts';
import { problem as problemAnswer } from '../../../problem.ts';
import { type ZodTypeProvider } from '../../../route-schemas.ts';
import { dateTime, jsonResponse, noQuery, problem, uuidText, type Endpoint } from '../api-schemas.ts';
import { READERS, deliveryParams } from './shared.ts';

export const getDelivery = {
  method: 'GET',
  url: '/api/v1/deliveries/:id',
  schema: {
    summary: 'Een aanlevering en de stand van de controle',
    description:
      'Geeft de stand van een aanlevering van de eigen organisatie (state en outcome, waaronder gedeeltelijk goedgekeurd), de bestanden met hun SHA-256, de termijnen en een link naar het technisch rapport zodra dat er is.',
    operationId: 'getDelivery',
    tags: ['Aanleveren'],
    params: deliveryParams,
    querystring: noQuery(),
    response: {
      200: jsonResponse(
        'De aanlevering',
        z.object({
          id: uuidText(),
          receiptNumber: z.string(),
          receivedAt: dateTime(),
          checkedAt: dateTime().nullable(),
          state: z.enum(['received', 'checking', 'approved', 'rejected', 'withdrawn']),
          outcome: z.enum(['approved', 'partially_approved', 'rejected']).nullable(),
          gemeentecode: z.string(),
          gemeente: z.string(),
          halfYear: z.string(),
          technicalNoticeDueAt: dateTime(),
          contentReportDueAt: dateTime().nullable(),
          files: z.array(z.object({ name: z.string(), bytes: z.int(), sha256: z.string() })),
          links: z.object({ report: z.string().nullable() }),
        }),
      ),
      401: problem,
      403: problem,
      404: problem,
    },
  },
} as const satisfies Endpoint;

export function registerGetDelivery(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...getDelivery,
    config: { access: READERS },
    handler: async (request, reply) => {
      const delivery = await findVisibleDelivery(request, deps, request.params.id);
      if (!delivery) return problemAnswer(request, reply, 'delivery.not_found');
      const files = await listDeliveryFiles(deps.db, delivery.id);
      return {
        id: delivery.id,
        receiptNumber: delivery.receipt_number,
        receivedAt: delivery.received_at.toISOString(),
        checkedAt: delivery.checked_at?.toISOString() ?? null,
        state: delivery.state,
        // Per-file verdicts: "partially_approved" when some files were approved and others not.
        outcome: delivery.outcome,
        gemeentecode: delivery.gemeentecode,
        gemeente: delivery.gemeente_name,
        halfYear: delivery.half_year,
        technicalNoticeDueAt: delivery.technical_notice_due_at.toISOString(),
        contentReportDueAt: delivery.content_report_due_at?.toISOString() ?? null,
        files: files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
        links: { report: delivery.report ? `/api/v1/deliveries/${delivery.id}/report` : null },
      };
    },
  });
}
