// The delivery API for municipal software: POST a delivery (multipart: fields `halfjaar` and, for a
// samenwerkingsverband, `gemeentecode` first, then the files), GET it back with its state, and its
// technical report (the public contract's JSON) once checked.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IDEMPOTENCY_KEY, listDeliveryFiles, type Receipt } from '../../../modules/deliveries/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { AppDeps } from '../../app.ts';
import { checkedByHandler, type ZodTypeProvider } from '../../route-schemas.ts';
import {
  binary,
  dateTime,
  jsonResponse,
  named,
  namedParameter,
  noQuery,
  problem,
  uuidText,
  type Endpoint,
} from './api-schemas.ts';
import { receiveUpload } from '../../deliveries/receive-upload.ts';
import { problem as problemAnswer, sendProblem } from '../../problem.ts';
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

const ReceiptSchema = named(
  'Receipt',
  z.object({
    id: uuidText(),
    receiptNumber: z.string().meta({ example: 'GGK-2018-000123' }),
    receivedAt: dateTime(),
    gemeentecode: z.string(),
    gemeente: z.string(),
    halfYear: z.string(),
    state: z.enum(['received']),
    files: z.array(z.object({ name: z.string(), bytes: z.int(), sha256: z.string() })),
  }),
);

const DeliveryIdParameter = namedParameter('DeliveryId', uuidText());
const deliveryParams = z.object({ id: DeliveryIdParameter });

const postDelivery = {
  method: 'POST',
  url: '/api/v1/deliveries',
  schema: {
    summary: 'Lever bestanden aan (CSV of één ZIP)',
    description:
      'Slaat de bestanden versleuteld op en geeft pas een ontvangstbewijs (201) als alles duurzaam is opgeslagen. De technische controle volgt binnen seconden; volg die via GET /deliveries/{id}. Een bestand dat voor deze gemeente en dit halfjaar al van kracht is of nog wordt gecontroleerd, wordt geweigerd (409). Een samenwerkingsverband levert voor een gemeente alleen de soorten bestanden van de domeinen waarin die gemeente in het aangeleverde halfjaar lid is (Jeugd: Jeugd; Wmo: Wmo en Wmo-kosten), ook binnen een ZIP; een ander bestand weigert de hele aanlevering met 422 (code delivery.outside_domain) en er wordt niets opgeslagen. Omgekeerd levert een gemeente de bestanden van een domein dat zij via een deelnemend samenwerkingsverband aanlevert niet zelf aan: 422 (code delivery.delegated_domain, met de naam van het samenwerkingsverband). Stuur een Idempotency-Key mee om veilig opnieuw te kunnen proberen als een antwoord uitblijft.',
    operationId: 'postDelivery',
    tags: ['Aanleveren'],
    querystring: noQuery(),
    // Checked by the handler, so a bad key gets its own code (delivery.idempotency_key_invalid).
    headers: checkedByHandler(
      z.object({
        'idempotency-key': z.string().min(1).max(255).regex(IDEMPOTENCY_KEY).optional().meta({
          description:
            'Optioneel, aanbevolen: een unieke sleutel per aanlevering (bijvoorbeeld een UUID), 1 tot 255 zichtbare ASCII-tekens. Komt hetzelfde verzoek met dezelfde sleutel van dezelfde organisatie opnieuw (een nieuwe poging nadat het antwoord uitbleef), dan wordt niets opnieuw opgeslagen en is het antwoord dat van de eerste keer: 201 met hetzelfde ontvangstbewijs en de header Idempotent-Replayed: true. Ook gelijktijdige verzoeken met één sleutel geven samen één aanlevering. Dezelfde sleutel met andere bestanden, gemeente of halfjaar: 422 (code delivery.idempotency_key_reused). Een ongeldige sleutel: 400 (code delivery.idempotency_key_invalid).',
          example: '3f1c2b9e-6a57-4d0e-9d43-2f6f2b0c8a11',
        }),
      }),
    ),
    // Multipart, streamed to the encrypted store: receive-upload.ts reads and checks the fields.
    body: {
      content: {
        'multipart/form-data': {
          schema: checkedByHandler(
            z
              .object({
                halfjaar: z
                  .string()
                  .regex(/^[0-9]{4}H[12]$/)
                  .optional()
                  .meta({ example: '2017H2' }),
                gemeentecode: z
                  .string()
                  .regex(/^[0-9]{4}$/)
                  .optional()
                  .meta({
                    description:
                      'Alleen voor een samenwerkingsverband: de gemeente waarvoor wordt aangeleverd.',
                  }),
                bestanden: z.array(binary()),
              })
              .meta({ description: 'Velden eerst, dan de bestanden.' }),
          ),
        },
      },
    },
    response: {
      201: {
        description:
          'Ontvangstbewijs: de bestanden zijn versleuteld opgeslagen en de controle is ingepland. Bij een herhaald verzoek met dezelfde Idempotency-Key: het ontvangstbewijs van de eerste keer.',
        headers: {
          'API-Version': { $ref: '#/components/headers/ApiVersion' },
          Location: { description: 'De aanlevering: /api/v1/deliveries/{id}', schema: z.string() },
          'Idempotent-Replayed': {
            description:
              'Alleen bij een herhaald verzoek met een Idempotency-Key die al een aanlevering maakte: true. Er is niets opnieuw opgeslagen.',
            schema: z.enum(['true']),
          },
        },
        content: { 'application/json': { schema: ReceiptSchema } },
      },
      400: problem,
      401: problem,
      403: problem,
      409: problem,
      413: problem,
      422: problem,
    },
  },
} as const satisfies Endpoint;

const getDelivery = {
  method: 'GET',
  url: '/api/v1/deliveries/:id',
  schema: {
    summary: 'Een aanlevering en de stand van de controle',
    description:
      'Geeft de stand van een aanlevering van de eigen organisatie (state en outcome, waaronder gedeeltelijk goedgekeurd), de bestanden met hun SHA-256, de termijnen en een link naar het technisch rapport zodra dat er is.',
    operationId: 'getDelivery',
    tags: ['Aanleveren'],
    params: deliveryParams,
    querystring: noQuery(),
    response: {
      200: jsonResponse(
        'De aanlevering',
        z.object({
          id: uuidText(),
          receiptNumber: z.string(),
          receivedAt: dateTime(),
          checkedAt: dateTime().nullable(),
          state: z.enum(['received', 'checking', 'approved', 'rejected', 'withdrawn']),
          outcome: z.enum(['approved', 'partially_approved', 'rejected']).nullable(),
          gemeentecode: z.string(),
          gemeente: z.string(),
          halfYear: z.string(),
          technicalNoticeDueAt: dateTime(),
          contentReportDueAt: dateTime().nullable(),
          files: z.array(z.object({ name: z.string(), bytes: z.int(), sha256: z.string() })),
          links: z.object({ report: z.string().nullable() }),
        }),
      ),
      401: problem,
      403: problem,
      404: problem,
    },
  },
} as const satisfies Endpoint;

const getDeliveryReport = {
  method: 'GET',
  url: '/api/v1/deliveries/:id/report',
  schema: {
    summary: 'Het technisch rapport (zie het contract validation-report)',
    description:
      "Geeft het technisch rapport in het formaat van het contract validation-report, zodra de controle klaar is. BSN's staan er nooit in.",
    operationId: 'getDeliveryReport',
    tags: ['Aanleveren'],
    params: deliveryParams,
    querystring: noQuery(),
    response: {
      200: jsonResponse(
        'Het rapport',
        z
          .looseObject({
            reportVersion: z.literal(1),
            spec: z.string(),
            status: z.enum(['approved', 'rejected']),
            findings: z.array(z.looseObject({})),
            files: z.array(z.looseObject({ name: z.string(), status: z.enum(['approved', 'rejected']) })),
          })
          .meta({ description: 'Het formaat van het contract validation-report.' }),
      ),
      401: problem,
      403: problem,
      404: problem,
      409: problem,
      410: problem,
    },
  },
} as const satisfies Endpoint;

/** The endpoints of this file, as the OpenAPI document lists them. */
export const deliveryEndpoints: Endpoint[] = [postDelivery, getDelivery, getDeliveryReport];

export function registerDeliveryApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.route({
    ...postDelivery,
    config: { access: { kind: 'organisation', roles: ['aanleveraar'], tokens: true }, csrf: 'in-handler' },
    handler: async (request, reply) => {
      // A browser session must prove the request came from ggk; a token needs no CSRF token.
      const csrfToken = request.principal.kind === 'user' ? request.session!.csrfToken : undefined;
      // Optional: the same key again (a retry after a lost answer) gets the first delivery's answer.
      const header = request.headers['idempotency-key'];
      const idempotencyKey = Array.isArray(header) ? header.join(',') : header;
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        request.raw.resume();
        throw new AppError('delivery.idempotency_key_invalid');
      }
      const receipt = await receiveUpload(request, deps, {
        channel: 'api',
        ...(csrfToken ? { csrfToken } : {}),
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      });
      request.log.info(
        {
          deliveryId: receipt.deliveryId,
          receipt: receipt.receiptNumber,
          replayed: receipt.replayed === true,
        },
        receipt.replayed ? 'delivery retried: the first receipt answers' : 'delivery received',
      );
      // A replay answers exactly as the first time (201, the same receipt), marked as a replay.
      if (receipt.replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .status(201)
        .header('location', `/api/v1/deliveries/${receipt.deliveryId}`)
        .send(receiptJson(receipt));
    },
  });

  api.route({
    ...getDelivery,
    config: { access: READERS },
    handler: async (request, reply) => {
      const delivery = await findVisibleDelivery(request, deps, request.params.id);
      if (!delivery) return problemAnswer(request, reply, 'delivery.not_found');
      const files = await listDeliveryFiles(deps.db, delivery.id);
      return {
        id: delivery.id,
        receiptNumber: delivery.receipt_number,
        receivedAt: delivery.received_at.toISOString(),
        checkedAt: delivery.checked_at?.toISOString() ?? null,
        state: delivery.state,
        // Per-file verdicts: "partially_approved" when some files were approved and others not.
        outcome: delivery.outcome,
        gemeentecode: delivery.gemeentecode,
        gemeente: delivery.gemeente_name,
        halfYear: delivery.half_year,
        technicalNoticeDueAt: delivery.technical_notice_due_at.toISOString(),
        contentReportDueAt: delivery.content_report_due_at?.toISOString() ?? null,
        files: files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
        links: { report: delivery.report ? `/api/v1/deliveries/${delivery.id}/report` : null },
      };
    },
  });

  api.route({
    ...getDeliveryReport,
    config: { access: READERS },
    handler: async (request, reply) => {
      const delivery = await findVisibleDelivery(request, deps, request.params.id);
      if (!delivery) return problemAnswer(request, reply, 'delivery.not_found');
      const erased = erasedReason(delivery);
      if (erased) {
        await recordReportDownload(request, deps, delivery.id, 'technical_report_json', 'rapport verwijderd');
        return sendProblem(request, reply, erased);
      }
      if (!delivery.report) {
        return problemAnswer(request, reply, 'delivery.report_pending');
      }
      await recordReportDownload(request, deps, delivery.id, 'technical_report_json');
      return reply.header('cache-control', 'no-store').send(delivery.report);
    },
  });
}
