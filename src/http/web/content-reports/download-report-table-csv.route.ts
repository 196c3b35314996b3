// One table of the op-orde report as CSV, in the reader's language; each download recorded and audited.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findReportTable, reportTableToCsv, viewContentReport } from '../../../modules/reports/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { pageContext } from '../page-context.ts';
import { READERS, findReadableReport, notAvailable, recordContentDownload } from './shared.ts';

const schema = {
  querystring: z.object({}),
  // Any text: a malformed id or an unknown table answers the same 404 as an unknown one.
  params: z.object({ id: z.string().max(100), table: z.string().max(100) }),
};

export function registerDownloadReportTableCsv(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/aanleveringen/:id/op-orde/tabellen/:table',
      { schema, config: READERS },
      async (request, reply) => {
        const found = await findReadableReport(request, deps, request.params.id);
        if (!found.delivery) return reply.callNotFound();
        if (!found.report)
          return notAvailable(reply, request, deps, found.reason, found.delivery, 'content_report_csv');
        const locale = pageContext(request, reply, deps).locale;
        const table = findReportTable(viewContentReport(found.report.contents, locale), request.params.table);
        if (!table) return reply.callNotFound();
        await recordContentDownload(request, deps, found.delivery, 'content_report_csv');
        return reply
          .header(
            'content-disposition',
            `attachment; filename="op-orde-${found.delivery.receipt_number}-${table.id}.csv"`,
          )
          .header('cache-control', 'no-store')
          .type('text/csv; charset=utf-8')
          .send(reportTableToCsv(table));
      },
    );
}
