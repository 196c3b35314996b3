// The technical report of a delivery as a download, JSON (the public contract's) or CSV; each
// download is recorded, also a refused one (not checked yet: 409; withdrawn or purged: 410).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { reportToCsv } from '../../../modules/deliveries/index.ts';
import { CATALOGUES, errorMessage } from '../../../modules/i18n/index.ts';
import type { Report } from '../../../modules/validation/index.ts';
import type { AppDeps } from '../../app.ts';
import { erasedReason, findVisibleDelivery, recordReportDownload } from '../../deliveries/delivery-access.ts';
import { type ZodTypeProvider } from '../../route-schemas.ts';
import { READERS } from './shared.ts';

export const downloadDeliveryReportRoutes = (['json', 'csv'] as const).map((format) => ({
  format,
  method: 'GET',
  url: `/aanleveringen/:id/rapport.${format}`,
  // Any id: one that names no delivery visible to the reader gets the 404 page.
  schema: { querystring: z.object({}), params: z.object({ id: z.string().max(100) }) },
})) satisfies Array<{ method: 'GET'; url: string; schema: object }>;

export function registerDownloadDeliveryReport(app: FastifyInstance, deps: AppDeps): void {
  for (const { format, ...route } of downloadDeliveryReportRoutes) {
    app.withTypeProvider<ZodTypeProvider>().route({
      ...route,
      config: READERS,
      handler: async (request, reply) => {
        const delivery = await findVisibleDelivery(request, deps, request.params.id);
        if (!delivery) return reply.callNotFound();
        const kind = format === 'json' ? 'technical_report_json' : 'technical_report_csv';
        const erased = erasedReason(delivery);
        if (erased) {
          await recordReportDownload(request, deps, delivery, kind, 'rapport verwijderd');
          return reply
            .status(410)
            .type('text/plain; charset=utf-8')
            .send(errorMessage(request.locale, erased));
        }
        if (!delivery.report) {
          await recordReportDownload(request, deps, delivery, kind, 'rapport nog niet klaar');
          return reply
            .status(409)
            .type('text/plain; charset=utf-8')
            .send(CATALOGUES[request.locale]['deliveries.reportNotReady']);
        }
        await recordReportDownload(request, deps, delivery, kind);
        const name = `technisch-rapport-${delivery.receipt_number}.${format}`;
        reply
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store');
        return format === 'json'
          ? reply.type('application/json; charset=utf-8').send(JSON.stringify(delivery.report, null, 2))
          : reply
              .type('text/csv; charset=utf-8')
              .send(reportToCsv(delivery.report as Report, request.locale));
      },
    });
  }
}
