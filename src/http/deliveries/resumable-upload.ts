// Resumable uploads (tus 1.0, @tus/server with @tus/file-store) for the portal. Each file is sent in
// chunks to /aanleveren/hervatbaar; the browser keeps the upload's URL, so after a broken connection
// or a reload it asks how far the server got (HEAD) and continues from there. A finished tus upload
// is only a temporary file: nothing is acknowledged until the user finalises the delivery, which
// streams each temporary file into the encrypted store and registers the delivery exactly like a form
// upload (registerStoredFiles). The temporary files are encrypted too (encrypted-upload-store.ts:
// AES-256-CTR under a per-upload key wrapped by the master key) and are removed right after, on
// success and on refusal; the user can cancel one (tus DELETE), and abandoned ones expire after a day.
import { hostname } from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { Server } from '@tus/server';
import { actingOrganisationOf } from '../../modules/auth/index.ts';
import {
  insertPendingUpload,
  prepareDelivery,
  type Receipt,
  type StoredFileRef,
} from '../../modules/deliveries/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { EncryptedStore } from '../../platform/files/encrypted-store.ts';
import type { AppDeps } from '../app.ts';
import {
  MAX_FILES_PER_UPLOAD,
  cleanFileName,
  discardStoredFiles,
  registerStoredFiles,
} from './receive-upload.ts';
import { EncryptedUploadStore } from './encrypted-upload-store.ts';

export const RESUMABLE_PATH = '/aanleveren/hervatbaar';
/** Unfinished or unclaimed temporary files are removed after this long. */
export const RESUMABLE_EXPIRY_MS = 24 * 3600 * 1000;
const UPLOAD_ID = /^[0-9a-f]{32}$/;

interface Owner {
  userId: string;
  organisationId: string;
}

export interface ResumableUploads {
  server: Server;
  store: EncryptedUploadStore;
  directory: string;
  /** The owner of the request being handled, set by the route before tus sees it. */
  owners: WeakMap<IncomingMessage, Owner>;
  ownerOf(request: FastifyRequest): Owner | undefined;
  /** True when upload `id` exists and belongs to this user and organisation. */
  isOwnedBy(id: string, owner: Owner): Promise<boolean>;
  removeExpired(): Promise<number>;
}

/** `keys` wraps each upload's key under the master key: the delivery store. */
export function createResumableUploads(
  deps: AppDeps,
  keys: Pick<EncryptedStore, 'wrapKey' | 'unwrapKey'>,
): ResumableUploads {
  const directory = path.join(deps.config.dataDir, 'hervatbaar');
  const store = new EncryptedUploadStore({
    directory,
    expirationPeriodInMilliseconds: RESUMABLE_EXPIRY_MS,
    keys,
  });
  const owners = new WeakMap<IncomingMessage, Owner>();
  const server = new Server({
    path: RESUMABLE_PATH,
    datastore: store,
    relativeLocation: true,
    maxSize: deps.config.files.maxUploadBytes,
    disableTerminationForFinishedUploads: false,
    onUploadCreate: async (req, upload) => {
      const raw = (req as unknown as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
      const owner = raw && owners.get(raw);
      if (!owner) throw { status_code: 403, body: 'Geen toegang.\n' };
      const filename = cleanFileName(String(upload.metadata?.filename ?? ''));
      // Only what ggk sets: the client's other metadata is dropped.
      return { metadata: { filename, owner: owner.userId, organisation: owner.organisationId } };
    },
  });
  return {
    server,
    store,
    directory,
    owners,
    ownerOf(request) {
      const organisationId = actingOrganisationOf(request.principal);
      if (request.principal.kind !== 'user' || !organisationId) return undefined;
      return { userId: request.principal.userId, organisationId };
    },
    async isOwnedBy(id, owner) {
      if (!UPLOAD_ID.test(id)) return false;
      try {
        const upload = await store.getUpload(id);
        return (
          upload.metadata?.owner === owner.userId && upload.metadata?.organisation === owner.organisationId
        );
      } catch {
        return false;
      }
    },
    removeExpired: () => store.deleteExpired(),
  };
}

/**
 * Turns finished resumable uploads into a delivery: checks ownership and completeness, checks the
 * delivery rules before storing anything, streams each temporary file into the encrypted store, and
 * registers the delivery in one transaction. The temporary files are removed in every outcome.
 */
export async function finaliseResumableUpload(
  request: FastifyRequest,
  deps: AppDeps,
  uploads: ResumableUploads,
  input: { ids: string[]; halfYear?: string; gemeentecode?: string },
): Promise<Receipt> {
  const delivery = deps.delivery;
  if (!delivery)
    throw new AppError(
      'delivery.unavailable',
      'Aanleveren is op dit moment niet mogelijk. Probeer het later opnieuw.',
    );
  const owner = uploads.ownerOf(request);
  if (!owner)
    throw new AppError('auth.forbidden', 'Kies eerst namens welke organisatie u aanlevert.', {
      reason: 'choose_organisation',
    });
  const ids = [...new Set(input.ids)];
  const stored: Array<{ name: string; stored: StoredFileRef }> = [];
  const now = deps.now();
  try {
    if (ids.length === 0)
      throw new AppError('delivery.no_files', 'Kies ten minste één bestand om aan te leveren.');
    if (ids.length > MAX_FILES_PER_UPLOAD)
      throw new AppError(
        'delivery.too_many_files',
        `Lever ten hoogste ${MAX_FILES_PER_UPLOAD} bestanden tegelijk aan, of bundel ze in een ZIP.`,
        { max: MAX_FILES_PER_UPLOAD },
      );
    const files = [];
    for (const id of ids) {
      if (!(await uploads.isOwnedBy(id, owner)))
        throw new AppError(
          'delivery.upload_unknown',
          'Een van de geüploade bestanden is niet (meer) bekend. Kies de bestanden opnieuw.',
        );
      const upload = await uploads.store.getUpload(id);
      if (upload.size === undefined || upload.offset !== upload.size)
        throw new AppError(
          'delivery.upload_incomplete',
          'Een bestand is nog niet helemaal geüpload. Wacht tot de upload klaar is, of kies het bestand opnieuw.',
        );
      files.push({ id, size: upload.size, name: cleanFileName(String(upload.metadata?.filename ?? '')) });
    }
    // The rules are checked before the first byte is stored: a refused upload stores nothing.
    const target = await prepareDelivery(deps.db, {
      organisationId: owner.organisationId,
      gemeentecode: input.gemeentecode || undefined,
      halfYear: input.halfYear || undefined,
      now,
    });
    for (const file of files) {
      // Decrypted on the way from the temporary file into the store (re-encrypted there with GCM).
      const written = await delivery.store.write(uploads.store.readPlaintext(file.id), {
        maxBytes: deps.config.files.maxUploadBytes,
        beforePublish: (fileId) =>
          insertPendingUpload(deps.db, { stored_file_id: fileId, host: hostname(), pid: process.pid }),
      });
      stored.push({ name: file.name, stored: written });
      // The temporary file has no tag of its own: at least its length must be what was announced.
      if (written.bytes !== file.size)
        throw new AppError(
          'delivery.upload_incomplete',
          'Een bestand is nog niet helemaal geüpload. Wacht tot de upload klaar is, of kies het bestand opnieuw.',
        );
    }
    return await registerStoredFiles(request, deps, target, stored, 'portal', now);
  } catch (error) {
    await discardStoredFiles(deps, stored);
    throw error;
  } finally {
    // The temporary copies go, whatever happened: stored in the delivery store, or refused.
    for (const id of ids) {
      if (await uploads.isOwnedBy(id, owner)) await uploads.store.remove(id).catch(() => undefined);
    }
  }
}
