// What the delivery routes share: who may use them, and the resumable uploads (tus) of this app.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { createResumableUploads, type ResumableUploads } from '../../deliveries/resumable-upload.ts';

export const UPLOADERS = { access: { kind: 'organisation', roles: ['aanleveraar'] } } as const;
export const READERS = {
  access: {
    kind: 'organisation-or-staff',
    roles: ['aanleveraar', 'rapportontvanger'],
    staff: ['operator', 'cbs'],
  },
} as const;

const RESUMABLE = new WeakMap<FastifyInstance, ResumableUploads | undefined>();

/**
 * The app's resumable uploads, made on the first call (undefined without a delivery store): the
 * upload page, the tus routes and the finalising route use the same ones. Expired uploads are swept
 * at once and every hour; the lock is closed with the app.
 */
export function resumableUploadsOf(app: FastifyInstance, deps: AppDeps): ResumableUploads | undefined {
  if (RESUMABLE.has(app)) return RESUMABLE.get(app);
  const uploads = deps.delivery ? createResumableUploads(deps, deps.delivery.store) : undefined;
  RESUMABLE.set(app, uploads);
  if (uploads) {
    const sweep = () =>
      uploads
        .removeExpired()
        .then((n) => n > 0 && app.log.info({ removed: n }, 'expired resumable uploads removed'))
        .catch((error: unknown) => app.log.warn({ err: error }, 'removing expired resumable uploads failed'));
    void sweep();
    const timer = setInterval(sweep, 3600 * 1000);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await uploads.locker.close();
    });
  }
  return uploads;
}
