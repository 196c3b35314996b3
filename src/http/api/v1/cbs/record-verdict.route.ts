// POST /api/v1/cbs/deliveries/:deliveryId/verdict: CBS's technical verdict per file, which overrules
// ggk's own check.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordCbsVerdict } from '../../../../modules/handover/index.ts';
import type { AppDeps } from '../../../app.ts';
import type { ZodTypeProvider } from '../../../route-schemas.ts';
import {
  cbsUuid,
  jsonResponse,
  noQuery,
  problem as problemResponse,
  uuidText,
  type Endpoint,
} from '../api-schemas.ts';
import { CBS_ACCESS, cbsSecurity, cbsTokenId, deliveryParams } from './shared.ts';

export const postCbsVerdict = {
  method: 'POST',
  url: '/api/v1/cbs/deliveries/:deliveryId/verdict',
  schema: {
    summary: 'Het technisch oordeel van CBS per bestand (beslissend: gaat boven de controle van ggk)',
    description:
      'CBS geeft per bestand zijn oordeel. Dat gaat boven de controle van ggk: een afgekeurd bestand is niet langer van kracht en de gemeente krijgt bericht met alleen een link naar het portaal.',
    operationId: 'postCbsVerdict',
    tags: ['CBS'],
    security: cbsSecurity,
    params: deliveryParams,
    querystring: noQuery(),
    body: z.object({
      files: z
        .array(
          z.object({
            fileId: cbsUuid(),
            verdict: z.enum(['approved', 'rejected']),
            findings: z
              .array(
                z.object({
                  code: z.string().min(1).max(100),
                  message: z.string().min(1).max(1000),
                  line: z.int().min(0).optional(),
                }),
              )
              .max(1000)
              .optional(),
          }),
        )
        .min(1)
        .max(100),
    }),
    response: {
      200: jsonResponse(
        'Vastgelegd',
        z.object({
          deliveryId: uuidText(),
          files: z.array(z.object({ fileId: uuidText(), verdict: z.enum(['approved', 'rejected']) })),
        }),
      ),
      400: problemResponse,
      401: problemResponse,
      403: problemResponse,
      404: problemResponse,
      410: problemResponse,
    },
  },
} as const satisfies Endpoint;

export function registerRecordVerdict(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...postCbsVerdict,
    config: { access: CBS_ACCESS },
    handler: async (request) =>
      recordCbsVerdict(deps.db, {
        deliveryId: request.params.deliveryId,
        files: request.body.files,
        tokenId: cbsTokenId(request),
        now: deps.now(),
        baseUrl: deps.config.baseUrl,
      }),
  });
}
