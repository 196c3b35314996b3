// PUT /api/v1/cbs/deliveries/:deliveryId/content-report: CBS's own op-orde report (a PDF of at most
// 20 MB) at a delivery, streamed to the encrypted store.
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notPdf, uploadCbsContentReport } from '../../../../modules/handover/index.ts';
import type { AppDeps } from '../../../app.ts';
import { checkedByHandler, type ZodTypeProvider } from '../../../route-schemas.ts';
import {
  binary,
  jsonResponse,
  noQuery,
  problem as problemResponse,
  uuidText,
  type Endpoint,
} from '../api-schemas.ts';
import { CBS_ACCESS, cbsSecurity, cbsTokenId, deliveryParams } from './shared.ts';

export const putCbsContentReport = {
  method: 'PUT',
  url: '/api/v1/cbs/deliveries/:deliveryId/content-report',
  schema: {
    summary: 'Het eigen op-orde rapport van CBS (PDF, ten hoogste 20 MB)',
    description:
      'Plaatst of vervangt het op-orde rapport van CBS bij een aanlevering (application/pdf, ten hoogste 20 MB). De rapportontvangers van de gemeente zien het in het portaal.',
    operationId: 'putCbsContentReport',
    tags: ['CBS'],
    security: cbsSecurity,
    params: deliveryParams,
    querystring: noQuery(),
    // Streamed to the encrypted store; the handler refuses what is not a PDF (415) or too large (413).
    body: { content: { 'application/pdf': { schema: checkedByHandler(binary()) } } },
    response: {
      201: jsonResponse(
        'Opgeslagen (versleuteld) en geplaatst, of tegengehouden als CBS de ronde of gemeente tegenhoudt',
        z.object({
          deliveryId: uuidText(),
          bytes: z.int(),
          sha256: z.string(),
          state: z.enum(['held', 'placed']),
        }),
        { Location: { description: 'Waar de gemeente het rapport ziet', schema: z.string() } },
      ),
      401: problemResponse,
      403: problemResponse,
      404: problemResponse,
      410: problemResponse,
      413: problemResponse,
      415: problemResponse,
    },
  },
} as const satisfies Endpoint;

export function registerPlaceContentReport(app: FastifyInstance, deps: AppDeps): void {
  // The PDF arrives as a raw body: its own scope, where every content type reaches the handler as a
  // stream (so access is checked before anything is read, and a non-PDF gets 415 from the handler).
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().route({
      ...putCbsContentReport,
      config: { access: CBS_ACCESS },
      handler: async (request, reply) => {
        const store = deps.delivery?.store;
        if (!store) throw new Error('the encrypted store is not configured');
        const body = request.body as (AsyncIterable<Uint8Array> & Partial<Readable>) | undefined;
        if (!body) throw notPdf();
        const placed = await uploadCbsContentReport(deps.db, store, {
          deliveryId: request.params.deliveryId,
          contentType: request.headers['content-type'] ?? '',
          body,
          actor: { kind: 'api_token', tokenId: cbsTokenId(request) },
          now: deps.now(),
          baseUrl: deps.config.baseUrl,
        }).catch((error: unknown) => {
          // Refused before the body was read (not a PDF): let the rest of it drain.
          body.resume?.();
          throw error;
        });
        return reply
          .status(201)
          .header('location', `/aanleveringen/${request.params.deliveryId}/op-orde/cbs.pdf`)
          .send({
            deliveryId: request.params.deliveryId,
            bytes: placed.bytes,
            sha256: placed.sha256,
            state: placed.state,
          });
      },
    });
  });
}
