// Delivering by the plain form: the upload page, and its multipart POST that stores the files and
// answers with the receipt (303 to the delivery), or the page again with the reason.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorMessage } from '../../../modules/i18n/index.ts';
import { isAppError } from '../../../platform/errors/app-error.ts';
import type { AppDeps } from '../../app.ts';
import { receiveUpload } from '../../deliveries/receive-upload.ts';
import { checkedByHandler, type ZodTypeProvider } from '../../route-schemas.ts';
import { UPLOADERS, resumableUploadsOf } from './shared.ts';
import { renderUploadPage } from './upload-page.view.tsx';

export const showUploadPageRoute = {
  method: 'GET',
  url: '/aanleveren',
  schema: { querystring: z.object({}) },
} as const;

export const uploadDeliveryRoute = {
  method: 'POST',
  url: '/aanleveren',
  schema: {
    querystring: z.object({}),
    // Multipart, streamed to the encrypted store: receive-upload.ts reads and checks the fields.
    body: checkedByHandler(
      z.object({
        _csrf: z.string().max(200).optional(),
        halfjaar: z.string().max(20).optional(),
        gemeentecode: z.string().max(20).optional(),
        bestanden: z.array(z.unknown()).optional(),
      }),
    ),
  },
} as const;

export function registerUploadDelivery(app: FastifyInstance, deps: AppDeps): void {
  const resumable = resumableUploadsOf(app, deps) !== undefined;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.route({
    ...showUploadPageRoute,
    config: UPLOADERS,
    handler: async (request, reply) => renderUploadPage(request, reply, deps, resumable, 200),
  });

  routes.route({
    ...uploadDeliveryRoute,
    config: { ...UPLOADERS, csrf: 'in-handler' },
    handler: async (request, reply) => {
      try {
        const receipt = await receiveUpload(request, deps, {
          channel: 'portal',
          csrfToken: request.session!.csrfToken,
        });
        request.log.info(
          { deliveryId: receipt.deliveryId, receipt: receipt.receiptNumber },
          'delivery received',
        );
        return reply.redirect(`/aanleveringen/${receipt.deliveryId}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return renderUploadPage(request, reply, deps, resumable, error.code === 'auth.csrf' ? 403 : 400, [
          { field: 'bestanden', message: errorMessage(request.locale, error) },
        ]);
      }
    },
  });
}
