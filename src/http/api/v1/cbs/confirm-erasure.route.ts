// POST /api/v1/cbs/withdrawals/:withdrawalId/erased: CBS confirms the files of a withdrawal are
// erased at CBS too; the gemeente sees it on the delivery's timeline.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { confirmErasure } from '../../../../modules/handover/index.ts';
import { amsterdamIso } from '../../../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../../../app.ts';
import type { ZodTypeProvider } from '../../../route-schemas.ts';
import {
  dateTime,
  jsonResponse,
  noQuery,
  problem as problemResponse,
  uuidText,
  type Endpoint,
} from '../api-schemas.ts';
import { CBS_ACCESS, cbsSecurity, cbsTokenId, pathId } from './shared.ts';

export const postCbsErased = {
  method: 'POST',
  url: '/api/v1/cbs/withdrawals/:withdrawalId/erased',
  schema: {
    summary: 'CBS bevestigt dat de bestanden van een intrekking bij CBS zijn verwijderd',
    description:
      'CBS bevestigt dat de bestanden van een ingetrokken aanlevering ook bij CBS zijn verwijderd. De gemeente ziet die bevestiging op de tijdlijn van de aanlevering.',
    operationId: 'postCbsErased',
    tags: ['CBS'],
    security: cbsSecurity,
    params: z.object({ withdrawalId: pathId('Het withdrawalId uit de feed.') }),
    querystring: noQuery(),
    // The instant itself is parsed by the handler (parseInstant): a wrong one is the service's 400.
    body: z.object({ erasedAt: dateTime().min(10).max(40) }),
    response: {
      200: jsonResponse(
        'Vastgelegd (herhalen geeft hetzelfde antwoord)',
        z.object({ withdrawalId: uuidText(), erasedAt: dateTime(), confirmedAt: dateTime() }),
      ),
      400: problemResponse,
      401: problemResponse,
      403: problemResponse,
      404: problemResponse,
    },
  },
} as const satisfies Endpoint;

export function registerConfirmErasure(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...postCbsErased,
    config: { access: CBS_ACCESS },
    handler: async (request) => {
      const confirmed = await confirmErasure(deps.db, {
        withdrawalId: request.params.withdrawalId,
        erasedAt: parseInstant(request.body.erasedAt),
        tokenId: cbsTokenId(request),
        now: deps.now(),
      });
      return {
        withdrawalId: confirmed.withdrawalId,
        erasedAt: amsterdamIso(confirmed.erasedAt),
        confirmedAt: amsterdamIso(confirmed.confirmedAt),
      };
    },
  });
}

function parseInstant(text: string): Date {
  // ISO 8601 with a time and an offset (or Z), as the API Design Rules ask.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return new Date(NaN);
  return new Date(text);
}
