// The delivery API for municipal software: POST a delivery (multipart: fields `halfjaar` and, for a
// samenwerkingsverband, `gemeentecode` first, then the files), GET it back with its state, and its
// technical report (the public contract's JSON) once checked.
import type { FastifyInstance } from 'fastify';
import { listDeliveryFiles, type Receipt } from '../../../modules/deliveries/index.ts';
import type { AppDeps } from '../../app.ts';
import { receiveUpload } from '../../deliveries/receive-upload.ts';
import { erasedReason, findVisibleDelivery, recordReportDownload } from '../../deliveries/delivery-access.ts';

const READERS = {
  kind: 'organisation-or-staff',
  roles: ['aanleveraar', 'rapportontvanger'],
  staff: ['operator', 'cbs'],
  tokens: true,
} as const;

export function receiptJson(receipt: Receipt) {
  return {
    id: receipt.deliveryId,
    receiptNumber: receipt.receiptNumber,
    receivedAt: receipt.receivedAt.toISOString(),
    gemeentecode: receipt.gemeentecode,
    gemeente: receipt.gemeenteName,
    halfYear: receipt.halfYear,
    state: 'received',
    files: receipt.files,
  };
}

function notFound() {
  return {
    type: 'about:blank',
    title: 'Deze aanlevering bestaat niet of is niet van uw organisatie.',
    status: 404,
  };
}

export function registerDeliveryApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post(
    '/api/v1/deliveries',
    {
      config: { access: { kind: 'organisation', roles: ['aanleveraar'], tokens: true }, csrf: 'in-handler' },
    },
    async (request, reply) => {
      // A browser session must prove the request came from ggk; a token needs no CSRF token.
      const csrfToken = request.principal.kind === 'user' ? request.session!.csrfToken : undefined;
      const receipt = await receiveUpload(request, deps, {
        channel: 'api',
        ...(csrfToken ? { csrfToken } : {}),
      });
      request.log.info(
        { deliveryId: receipt.deliveryId, receipt: receipt.receiptNumber },
        'delivery received',
      );
      return reply
        .status(201)
        .header('location', `/api/v1/deliveries/${receipt.deliveryId}`)
        .send(receiptJson(receipt));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/deliveries/:id',
    { config: { access: READERS } },
    async (request, reply) => {
      const delivery = await findVisibleDelivery(request, deps, request.params.id);
      if (!delivery) return reply.status(404).type('application/problem+json').send(notFound());
      const files = await listDeliveryFiles(deps.db, delivery.id);
      return {
        id: delivery.id,
        receiptNumber: delivery.receipt_number,
        receivedAt: delivery.received_at.toISOString(),
        checkedAt: delivery.checked_at?.toISOString() ?? null,
        state: delivery.state,
        gemeentecode: delivery.gemeentecode,
        gemeente: delivery.gemeente_name,
        halfYear: delivery.half_year,
        technicalNoticeDueAt: delivery.technical_notice_due_at.toISOString(),
        contentReportDueAt: delivery.content_report_due_at?.toISOString() ?? null,
        files: files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
        links: { report: delivery.report ? `/api/v1/deliveries/${delivery.id}/report` : null },
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/deliveries/:id/report',
    { config: { access: READERS } },
    async (request, reply) => {
      const delivery = await findVisibleDelivery(request, deps, request.params.id);
      if (!delivery) return reply.status(404).type('application/problem+json').send(notFound());
      const erased = erasedReason(delivery);
      if (erased) {
        await recordReportDownload(request, deps, delivery.id, 'technical_report_json', 'rapport verwijderd');
        return reply
          .status(410)
          .type('application/problem+json')
          .send({ type: 'about:blank', title: erased, status: 410 });
      }
      if (!delivery.report) {
        return reply.status(409).type('application/problem+json').send({
          type: 'about:blank',
          title:
            'De technische controle van deze aanlevering is nog niet klaar. Probeer het over enkele seconden opnieuw.',
          status: 409,
        });
      }
      await recordReportDownload(request, deps, delivery.id, 'technical_report_json');
      return reply.header('cache-control', 'no-store').send(delivery.report);
    },
  );
}
