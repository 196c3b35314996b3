// The op-orde report as a PDF, rendered in the reader's language; each download recorded and audited.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { renderContentReportPdf } from '../../../modules/reports/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { pageContext } from '../page-context.ts';
import { READERS, findReadableReport, notAvailable, recordContentDownload } from './shared.ts';

const schema = {
  querystring: z.object({}),
  // Any text: a malformed id answers the same 404 as an unknown one.
  params: z.object({ id: z.string().max(100) }),
};

export function registerDownloadContentReportPdf(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/aanleveringen/:id/op-orde.pdf', { schema, config: READERS }, async (request, reply) => {
      const found = await findReadableReport(request, deps, request.params.id);
      if (!found.delivery) return reply.callNotFound();
      if (!found.report)
        return notAvailable(reply, request, deps, found.reason, found.delivery, 'content_report_pdf');
      const { delivery, report } = found;
      const locale = pageContext(request, reply, deps).locale;
      const pdf = await renderContentReportPdf(
        report.contents,
        {
          gemeente: delivery.gemeente_name,
          halfYear: delivery.half_year,
          generatedAt: report.generatedAt,
          placedAt: report.placedAt,
          dueAt: delivery.content_report_due_at,
        },
        locale,
      );
      await recordContentDownload(request, deps, delivery, 'content_report_pdf');
      return reply
        .header(
          'content-disposition',
          `attachment; filename="op-orde-rapport-${delivery.receipt_number}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .type('application/pdf')
        .send(pdf);
    });
}
