// GET /api/v1/cbs/handovers: the feed of what CBS must fetch, approved deliveries and withdrawals in a
// fixed order from a cursor (contract cbs-handover.md).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FEED_MAX_LIMIT, readFeed } from '../../../../modules/handover/index.ts';
import type { AppDeps } from '../../../app.ts';
import type { ZodTypeProvider } from '../../../route-schemas.ts';
import {
  dateTime,
  jsonResponse,
  named,
  problem as problemResponse,
  uuidText,
  type Endpoint,
} from '../api-schemas.ts';
import { CBS_ACCESS, cbsSecurity } from './shared.ts';

const FeedFile = z.object({
  fileId: uuidText(),
  name: z.string().meta({ example: 'WMO_0363_2017H2.csv' }),
  type: z.enum(['WMO', 'WMOKOSTEN', 'SBW', 'JEUGD']),
  bytes: z.int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  verdict: z.enum(['approved']),
});

const CbsFeedItem = named(
  'CbsFeedItem',
  z
    .object({
      cursor: z.string(),
      kind: z.enum(['delivery', 'withdrawal']),
      deliveryId: uuidText(),
      receiptNumber: z.string().optional().meta({ example: 'GGK-2018-000001' }),
      gemeente: z.string().meta({ example: '0363' }),
      halfYear: z.string().meta({ example: '2017H2' }),
      deliveredBy: z
        .object({ kind: z.enum(['gemeente', 'samenwerkingsverband']), name: z.string() })
        .optional(),
      receivedAt: dateTime().optional(),
      files: z.array(FeedFile).optional(),
      withdrawalId: uuidText().optional(),
      fileIds: z.array(uuidText()).optional(),
      requestedAt: dateTime().optional(),
      wholeDelivery: z.boolean().optional().meta({
        description:
          'Intrekking: true als de hele aanlevering is ingetrokken, false als alleen de genoemde bestanden (een deel: een halfjaar of een bestandstype) zijn ingetrokken; de rest blijft gelden.',
      }),
      withdrawnFiles: z
        .array(
          z.object({
            fileId: uuidText(),
            name: z.string().meta({ example: 'WMO_0363_2017H2.csv' }),
            type: z.enum(['WMO', 'WMOKOSTEN', 'SBW', 'JEUGD']),
          }),
        )
        .optional()
        .meta({
          description: 'Intrekking: de ingetrokken bestanden (dezelfde als fileIds) met naam en type.',
        }),
    })
    .meta({
      description:
        'Een aanlevering (kind delivery, met haar goedgekeurde bestanden) of een intrekking (kind withdrawal).',
    }),
);

const CbsFeed = named(
  'CbsFeed',
  z.object({
    items: z.array(CbsFeedItem),
    next: z.string().meta({ description: 'De cursor om de volgende keer als after mee te geven.' }),
  }),
);

export const getCbsHandovers = {
  method: 'GET',
  url: '/api/v1/cbs/handovers',
  schema: {
    summary: 'Wat CBS moet ophalen: goedgekeurde aanleveringen en intrekkingen, in vaste volgorde',
    description:
      "Geeft in vaste volgorde, vanaf een cursor, de goedgekeurde aanleveringen met hun bestanden en de intrekkingen van aanleveringen die CBS al ophaalde. Een pagina wordt nooit overgeslagen of herhaald, ook niet als er tussen twee pagina's nieuwe aanleveringen binnenkomen.",
    operationId: 'getCbsHandovers',
    tags: ['CBS'],
    security: cbsSecurity,
    querystring: z.object({
      after: z
        .string()
        .max(64)
        .optional()
        .meta({ description: 'De cursor uit next van het vorige antwoord; weglaten: vanaf het begin.' }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(FEED_MAX_LIMIT)
        .default(100)
        .meta({ description: 'Hoeveel items ten hoogste (1 tot en met 500).' }),
    }),
    response: {
      200: jsonResponse('Een pagina van de feed', CbsFeed),
      400: problemResponse,
      401: problemResponse,
      403: problemResponse,
    },
  },
} as const satisfies Endpoint;

export function registerListHandovers(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...getCbsHandovers,
    config: { access: CBS_ACCESS },
    handler: async (request, reply) => {
      const feed = await readFeed(deps.db, { after: request.query.after, limit: request.query.limit });
      return reply.header('cache-control', 'no-store').send(feed);
    },
  });
}
