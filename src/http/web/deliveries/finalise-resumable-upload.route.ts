// Finishing a delivery of resumable uploads: the form upload.js submits when every file is sent. The
// finished uploads become one delivery exactly like a form upload (303 to the receipt), or the upload
// page comes again with the reason.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorMessage } from '../../../modules/i18n/index.ts';
import { isAppError } from '../../../platform/errors/app-error.ts';
import type { AppDeps } from '../../app.ts';
import { finaliseResumableUpload } from '../../deliveries/resumable-upload.ts';
import { type ZodTypeProvider } from '../../route-schemas.ts';
import { asList } from '../form-errors.ts';
import { UPLOADERS, resumableUploadsOf } from './shared.ts';
import { renderUploadPage } from './upload-page.view.tsx';

export const finaliseResumableUploadRoute = {
  method: 'POST',
  url: '/aanleveren/afronden',
  schema: {
    querystring: z.object({}),
    // The handler checks the ids (finaliseResumableUpload) and answers with its own reasons.
    body: z.object({
      _csrf: z.string().max(200).optional(),
      upload: z.union([z.string().max(100), z.array(z.string().max(100)).max(1000)]).optional(),
      halfjaar: z.string().max(100).optional(),
      gemeentecode: z.string().max(100).optional(),
    }),
  },
} as const;

export function registerFinaliseResumableUpload(app: FastifyInstance, deps: AppDeps): void {
  const uploads = resumableUploadsOf(app, deps);
  app.withTypeProvider<ZodTypeProvider>().route({
    ...finaliseResumableUploadRoute,
    config: UPLOADERS,
    handler: async (request, reply) => {
      if (!uploads) return reply.callNotFound();
      const body = request.body;
      try {
        const receipt = await finaliseResumableUpload(request, deps, uploads, {
          ids: asList(body.upload),
          halfYear: body.halfjaar,
          gemeentecode: body.gemeentecode,
        });
        request.log.info(
          { deliveryId: receipt.deliveryId, receipt: receipt.receiptNumber, resumable: true },
          'delivery received',
        );
        return reply.redirect(`/aanleveringen/${receipt.deliveryId}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return renderUploadPage(request, reply, deps, true, 400, [
          { field: 'bestanden', message: errorMessage(request.locale, error) },
        ]);
      }
    },
  });
}
