// The op-orde report as JSON (the stored contents as published); each download recorded and audited.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { contentReportForDownload } from '../../../modules/reports/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { READERS, findReadableReport, notAvailable, recordContentDownload } from './shared.ts';

const schema = {
  querystring: z.object({}),
  // Any text: a malformed id answers the same 404 as an unknown one.
  params: z.object({ id: z.string().max(100) }),
};

export function registerDownloadContentReportJson(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/aanleveringen/:id/op-orde.json', { schema, config: READERS }, async (request, reply) => {
      const found = await findReadableReport(request, deps, request.params.id);
      if (!found.delivery) return reply.callNotFound();
      if (!found.report)
        return notAvailable(reply, request, deps, found.reason, found.delivery, 'content_report_json');
      await recordContentDownload(request, deps, found.delivery, 'content_report_json');
      return reply
        .header(
          'content-disposition',
          `attachment; filename="op-orde-rapport-${found.delivery.receipt_number}.json"`,
        )
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(contentReportForDownload(found.report.contents), null, 2));
    });
}
