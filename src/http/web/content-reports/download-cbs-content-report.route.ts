// CBS's own op-orde rapport (placed through the API or the CBS pages): streamed from the encrypted
// store, each download (and each refusal) recorded like those of ggk's report.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { erasedReason, findVisibleDelivery } from '../../deliveries/delivery-access.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { READERS, findReadableCbsReport, notAvailable, recordContentDownload } from './shared.ts';

const schema = {
  querystring: z.object({}),
  // Any text: a malformed id answers the same 404 as an unknown one.
  params: z.object({ id: z.string().max(100) }),
};

export function registerDownloadCbsContentReport(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/aanleveringen/:id/op-orde/cbs.pdf', { schema, config: READERS }, async (request, reply) => {
      const delivery = await findVisibleDelivery(request, deps, request.params.id);
      const store = deps.delivery?.store;
      if (!delivery || !store) return reply.callNotFound();
      if (erasedReason(delivery))
        return notAvailable(reply, request, deps, 'erased', delivery, 'cbs_content_report_pdf');
      const cbs = await findReadableCbsReport(request, deps, delivery);
      if (!cbs.visible)
        return notAvailable(
          reply,
          request,
          deps,
          cbs.held ? 'held' : 'cbs-not-placed',
          delivery,
          'cbs_content_report_pdf',
        );
      await recordContentDownload(request, deps, delivery, 'cbs_content_report_pdf');
      return reply
        .header(
          'content-disposition',
          `attachment; filename="op-orde-rapport-cbs-${delivery.receipt_number}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .header('content-length', String(cbs.visible.bytes))
        .type('application/pdf')
        .send(Readable.from(store.read(cbs.visible.stored)));
    });
}
