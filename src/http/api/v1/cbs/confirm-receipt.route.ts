// POST /api/v1/cbs/handovers/:deliveryId/receipt: CBS confirms it received a delivery, with the
// SHA-256 of each file; repeating it with the same data is safe.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { acknowledgeDelivery } from '../../../../modules/handover/index.ts';
import { amsterdamIso } from '../../../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../../../app.ts';
import type { ZodTypeProvider } from '../../../route-schemas.ts';
import {
  cbsUuid,
  dateTime,
  jsonResponse,
  noQuery,
  problem as problemResponse,
  uuidText,
  type Endpoint,
} from '../api-schemas.ts';
import { CBS_ACCESS, cbsSecurity, cbsTokenId, deliveryParams, sha256 } from './shared.ts';

export const postCbsReceipt = {
  method: 'POST',
  url: '/api/v1/cbs/handovers/:deliveryId/receipt',
  schema: {
    summary: 'CBS bevestigt de ontvangst van een aanlevering, met de SHA-256 van elk bestand',
    description:
      'CBS bevestigt de ontvangst met de SHA-256 van elk bestand. Herhalen met dezelfde gegevens is veilig; een afwijkende checksum geeft 409 en bevestigt niets.',
    operationId: 'postCbsReceipt',
    tags: ['CBS'],
    security: cbsSecurity,
    params: deliveryParams,
    querystring: noQuery(),
    body: z.object({
      files: z.array(z.object({ fileId: cbsUuid(), sha256: sha256() })).max(100),
    }),
    response: {
      200: jsonResponse(
        'Vastgelegd (herhalen geeft hetzelfde antwoord)',
        z.object({ deliveryId: uuidText(), receivedAt: dateTime() }),
      ),
      400: problemResponse,
      401: problemResponse,
      403: problemResponse,
      404: problemResponse,
      409: problemResponse,
      410: problemResponse,
    },
  },
} as const satisfies Endpoint;

export function registerConfirmReceipt(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...postCbsReceipt,
    config: { access: CBS_ACCESS },
    handler: async (request) => {
      const receipt = await acknowledgeDelivery(deps.db, {
        deliveryId: request.params.deliveryId,
        files: request.body.files,
        tokenId: cbsTokenId(request),
        now: deps.now(),
      });
      return { deliveryId: receipt.deliveryId, receivedAt: amsterdamIso(receipt.receivedAt) };
    },
  });
}
