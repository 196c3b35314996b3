// GET /api/v1/deliveries/{id}/report: the technical report in the format of the validation-report
// contract once the check is done (409 before; 410 when the delivery was withdrawn or purged).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../app.ts';
import {
  erasedReason,
  findVisibleDelivery,
  recordReportDownload,
} from '../../../deliveries/delivery-access.ts';
import { problem as problemAnswer, sendProblem } from '../../../problem.ts';
import { type ZodTypeProvider } from '../../../route-schemas.ts';
import { jsonResponse, noQuery, problem, type Endpoint } from '../api-schemas.ts';
import { READERS, deliveryParams } from './shared.ts';

export const getDeliveryReport = {
  method: 'GET',
  url: '/api/v1/deliveries/:id/report',
  schema: {
    summary: 'Het technisch rapport (zie het contract validation-report)',
    description:
      "Geeft het technisch rapport in het formaat van het contract validation-report, zodra de controle klaar is. BSN's staan er nooit in.",
    operationId: 'getDeliveryReport',
    tags: ['Aanleveren'],
    params: deliveryParams,
    querystring: noQuery(),
    response: {
      200: jsonResponse(
        'Het rapport',
        z
          .looseObject({
            reportVersion: z.literal(1),
            spec: z.string(),
            status: z.enum(['approved', 'rejected']),
            findings: z.array(z.looseObject({})),
            files: z.array(z.looseObject({ name: z.string(), status: z.enum(['approved', 'rejected']) })),
          })
          .meta({ description: 'Het formaat van het contract validation-report.' }),
      ),
      401: problem,
      403: problem,
      404: problem,
      409: problem,
      410: problem,
    },
  },
} as const satisfies Endpoint;

export function registerGetDeliveryReport(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...getDeliveryReport,
    config: { access: READERS },
    handler: async (request, reply) => {
      const delivery = await findVisibleDelivery(request, deps, request.params.id);
      if (!delivery) return problemAnswer(request, reply, 'delivery.not_found');
      const erased = erasedReason(delivery);
      if (erased) {
        await recordReportDownload(request, deps, delivery, 'technical_report_json', 'rapport verwijderd');
        return sendProblem(request, reply, erased);
      }
      if (!delivery.report) {
        return problemAnswer(request, reply, 'delivery.report_pending');
      }
      await recordReportDownload(request, deps, delivery, 'technical_report_json');
      return reply.header('cache-control', 'no-store').send(delivery.report);
    },
  });
}
