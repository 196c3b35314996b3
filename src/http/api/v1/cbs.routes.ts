// The hand-over API for CBS (contract cbs-handover.md): only CBS's channel (a CBS token, optionally
// bound to a client certificate) may call it. Files stream from the encrypted store, ranges included.
import { X509Certificate, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlockList, isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  acknowledgeDelivery,
  confirmErasure,
  FEED_MAX_LIMIT,
  notPdf,
  openFileForCbs,
  readFeed,
  readOfferedFile,
  recordCbsVerdict,
  uploadCbsContentReport,
} from '../../../modules/handover/index.ts';
import { z } from 'zod';
import { amsterdamIso } from '../../../platform/time/amsterdam-time.ts';
import { problem } from '../../problem.ts';
import type { AppDeps } from '../../app.ts';
import { checkedByHandler, type ZodTypeProvider } from '../../route-schemas.ts';
import {
  apiVersionHeader,
  binary,
  cbsUuid,
  dateTime,
  jsonResponse,
  named,
  noQuery,
  problem as problemResponse,
  uuidText,
  type Endpoint,
} from './api-schemas.ts';

export const CBS_ACCESS = { kind: 'cbs-channel' } as const;

const cbsSecurity = [{ cbsToken: [] }];
const sha256 = () => z.string().regex(/^[0-9a-fA-F]{64}$/);
const pathId = (description: string) => cbsUuid().meta({ description });
const deliveryParams = z.object({ deliveryId: pathId('Het deliveryId uit de feed.') });

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

const getCbsHandovers = {
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

const getCbsFile = {
  method: 'GET',
  url: '/api/v1/cbs/files/:fileId',
  schema: {
    summary: 'Een aangeleverd bestand, ontsleuteld en precies zoals aangeleverd (Range: hervatbaar)',
    description:
      'Streamt het bestand ontsleuteld, byte voor byte zoals de gemeente het aanleverde, met de SHA-256 in Repr-Digest. Met een Range-header gaat een afgebroken download verder (206).',
    operationId: 'getCbsFile',
    tags: ['CBS'],
    security: cbsSecurity,
    params: z.object({ fileId: pathId('Het fileId uit de feed.') }),
    querystring: noQuery(),
    // Parsed by the handler: a range it cannot serve is a 416 with Content-Range, not a 400.
    headers: checkedByHandler(
      z.object({
        range: z.string().optional().meta({
          description: 'Een deel van het bestand, bijvoorbeeld bytes=1048576- om een download te hervatten.',
        }),
      }),
    ),
    response: {
      200: {
        description: 'Het bestand',
        headers: {
          ...apiVersionHeader,
          'Repr-Digest': {
            description: 'SHA-256 van het hele bestand (RFC 9530): sha-256=:<base64>:',
            schema: z.string(),
          },
          'Content-Length': { description: 'Grootte in bytes', schema: z.int() },
        },
        content: { 'text/csv': { schema: binary() } },
      },
      206: {
        description: 'Het gevraagde deel van het bestand',
        headers: {
          ...apiVersionHeader,
          'Repr-Digest': { description: 'SHA-256 van het hele bestand (RFC 9530)', schema: z.string() },
          'Content-Range': { description: 'bytes start-eind/grootte', schema: z.string() },
        },
        content: { 'text/csv': { schema: binary() } },
      },
      401: problemResponse,
      403: problemResponse,
      404: problemResponse,
      410: problemResponse,
      416: problemResponse,
    },
  },
} as const satisfies Endpoint;

const postCbsReceipt = {
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

const postCbsVerdict = {
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

const putCbsContentReport = {
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

const postCbsErased = {
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

/** The endpoints of this file, as the OpenAPI document lists them (contract cbs-handover.md). */
export const cbsEndpoints: Endpoint[] = [
  getCbsHandovers,
  getCbsFile,
  postCbsReceipt,
  postCbsVerdict,
  putCbsContentReport,
  postCbsErased,
];

/** The principal's token id on a CBS route (the access check let only CBS's channel through). */
export function cbsTokenId(request: FastifyRequest): string {
  if (request.principal.kind !== 'cbs') throw new Error('CBS route reached without the CBS channel');
  return request.principal.tokenId;
}

/** The client certificate's SHA-256 (lowercase hex): from a trusted proxy's header or the TLS socket. */
/** The configured proxies (addresses and CIDR ranges) as one list to check a peer against. */
function proxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  return list;
}

/** True when the connection itself (not a forwarded address) comes from a configured proxy. */
function fromTrustedProxy(request: FastifyRequest, proxies: BlockList): boolean {
  const peer = request.raw.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!peer) return false;
  return proxies.check(peer, isIP(peer) === 6 ? 'ipv6' : 'ipv4');
}

function clientCertificateFingerprint(
  request: FastifyRequest,
  header: string | undefined,
  proxies: BlockList,
): string | undefined {
  if (header) {
    // The header is the proxy's word for the certificate it checked: believed only on a connection
    // from a configured proxy (GGK_TRUSTED_PROXIES). From anyone else it is a claim anybody can make,
    // since a certificate's fingerprint is no secret.
    if (!fromTrustedProxy(request, proxies)) return undefined;
    const value = request.headers[header];
    if (typeof value !== 'string' || value === '') return undefined;
    const compact = value.replaceAll(':', '').trim().toLowerCase();
    if (/^[0-9a-f]{64}$/.test(compact)) return compact;
    try {
      return new X509Certificate(decodeURIComponent(value)).fingerprint256.replaceAll(':', '').toLowerCase();
    } catch {
      return undefined;
    }
  }
  const socket = request.raw.socket as Partial<TLSSocket>;
  const certificate = socket.getPeerCertificate?.();
  if (!certificate?.raw) return undefined;
  return createHash('sha256').update(certificate.raw).digest('hex');
}

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/** One `bytes=` range (RFC 9110 14.1.2); several ranges or another unit: the whole file. */
export function parseRange(header: string | undefined, size: number): Range {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

async function* slice(source: AsyncIterable<Uint8Array>, start: number, end: number) {
  let position = 0;
  for await (const chunk of source) {
    const from = position;
    position += chunk.length;
    if (position <= start) continue;
    yield chunk.subarray(Math.max(0, start - from), Math.min(chunk.length, end + 1 - from));
    if (position > end) return;
  }
}

function asciiFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'bestand.csv';
}

export function registerCbsApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Optionally the channel is bound to client certificates (Digikoppeling REST profile).
  const proxies = proxyList(deps.config.trustedProxies);
  app.addHook('preValidation', async (request, reply) => {
    if (request.principal?.kind !== 'cbs' || deps.config.cbs.clientCertSha256.length === 0) return;
    const fingerprint = clientCertificateFingerprint(
      request,
      deps.config.cbs.trustedProxyCertHeader,
      proxies,
    );
    if (!fingerprint || !deps.config.cbs.clientCertSha256.includes(fingerprint)) {
      return problem(request, reply, 'auth.forbidden', { reason: 'certificate_required' });
    }
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.route({
    ...getCbsHandovers,
    config: { access: CBS_ACCESS },
    handler: async (request, reply) => {
      const feed = await readFeed(deps.db, { after: request.query.after, limit: request.query.limit });
      return reply.header('cache-control', 'no-store').send(feed);
    },
  });

  api.route({
    ...getCbsFile,
    config: { access: CBS_ACCESS },
    handler: async (request, reply) => {
      const store = deps.delivery?.store;
      if (!store) throw new Error('the encrypted store is not configured');
      // The size is the file's, known before the fetch is recorded, so a refused range is recorded too.
      const header = typeof request.headers.range === 'string' ? request.headers.range : undefined;
      const file = await openFileForCbs(deps.db, {
        fileId: request.params.fileId,
        tokenId: cbsTokenId(request),
        now: deps.now(),
        rangeOf: (size: number) => parseRange(header, size),
      });
      const size = Number(file.bytes);
      const range = parseRange(header, size);
      reply
        .header('cache-control', 'no-store')
        .header('accept-ranges', 'bytes')
        .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
        .header('content-disposition', `attachment; filename="${asciiFileName(file.name)}"`)
        .type('text/csv');
      if (range === 'unsatisfiable') {
        reply.header('content-range', `bytes */${size}`);
        return problem(request, reply, 'cbs.range_not_satisfiable');
      }
      const source = await readOfferedFile(store, file);
      if (range === null) {
        reply.header('content-length', String(size));
        return reply.status(200).send(Readable.from(source, { objectMode: false }));
      }
      reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', String(range.end - range.start + 1));
      return reply.send(Readable.from(slice(source, range.start, range.end), { objectMode: false }));
    },
  });

  api.route({
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

  api.route({
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

  api.route({
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

function parseInstant(text: string): Date {
  // ISO 8601 with a time and an offset (or Z), as the API Design Rules ask.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return new Date(NaN);
  return new Date(text);
}
