// POST /api/v1/deliveries: a delivery by municipal software (multipart: fields `halfjaar` and, for a
// samenwerkingsverband, `gemeentecode` first, then the files), answered with its receipt (201). An
// Idempotency-Key makes a retry after a lost answer safe: it gets the first receipt again.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IDEMPOTENCY_KEY, type Receipt } from '../../../../modules/deliveries/index.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { AppDeps } from '../../../app.ts';
import { receiveUpload } from '../../../deliveries/receive-upload.ts';
import { checkedByHandler, type ZodTypeProvider } from '../../../route-schemas.ts';
import { binary, dateTime, named, noQuery, problem, uuidText, type Endpoint } from '../api-schemas.ts';

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

export const postDelivery = {
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

export function registerPostDelivery(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
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
}
