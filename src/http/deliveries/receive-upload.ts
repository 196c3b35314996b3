// Receives one upload (multipart) as a stream: the form's fields first (for the portal its CSRF
// token, then half year and gemeente), then the files, each streamed into the encrypted store. The
// delivery is registered, with its check job, only when every file is stored; on any failure the
// stored files are removed again, and nothing is acknowledged.
import { hostname } from 'node:os';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { actingOrganisationOf } from '../../modules/auth/index.ts';
import {
  deletePendingUploads,
  insertPendingUpload,
  prepareDelivery,
  registerDelivery,
  type DeliveryTarget,
  type Receipt,
  type StoredFileRef,
} from '../../modules/deliveries/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { secretsEqual } from '../../platform/crypto/secrets.ts';
import type { AppDeps } from '../app.ts';

export const MAX_FILES_PER_UPLOAD = 60;

/** Keeps the last path segment, without control characters; a name is shown back to people. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? 'bestand' : cleaned;
}

export async function receiveUpload(
  request: FastifyRequest,
  deps: AppDeps,
  options: { channel: 'portal' | 'api'; csrfToken?: string },
): Promise<Receipt> {
  const delivery = deps.delivery;
  if (!delivery)
    throw new AppError(
      'delivery.unavailable',
      'Aanleveren is op dit moment niet mogelijk. Probeer het later opnieuw.',
    );
  if (!request.isMultipart()) {
    throw new AppError('delivery.not_multipart', 'Stuur de bestanden als multipart/form-data.');
  }
  const organisationId = actingOrganisationOf(request.principal);
  if (!organisationId)
    throw new AppError('auth.forbidden', 'Kies eerst namens welke organisatie u aanlevert.', {
      reason: 'choose_organisation',
    });
  const now = deps.now();
  const fields: Record<string, string> = {};
  const stored: Array<{ name: string; stored: StoredFileRef }> = [];
  let target: DeliveryTarget | undefined;
  let csrfChecked = options.csrfToken === undefined;
  const refuseForm = () =>
    new AppError(
      'auth.csrf',
      'Het formulier is verlopen of niet vanaf ggk verstuurd. Laad de pagina opnieuw en probeer het nog eens.',
    );
  const prepare = () =>
    prepareDelivery(deps.db, {
      organisationId,
      gemeentecode: fields.gemeentecode || undefined,
      halfYear: fields.halfjaar || undefined,
      now,
    });
  try {
    for await (const part of request.parts({
      limits: {
        fileSize: deps.config.files.maxUploadBytes,
        files: MAX_FILES_PER_UPLOAD,
        fields: 20,
        fieldSize: 1024,
      },
    })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        if (part.fieldname === '_csrf' && options.csrfToken !== undefined) {
          if (!secretsEqual(String(part.value), options.csrfToken)) {
            throw refuseForm();
          }
          csrfChecked = true;
        }
        continue;
      }
      if (!csrfChecked) {
        throw refuseForm();
      }
      // The rules are checked before the first byte is stored: a refused upload stores nothing.
      target ??= await prepare();
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      const file = await delivery.store.write(part.file, {
        maxBytes: deps.config.files.maxUploadBytes,
        beforePublish: (fileId) =>
          insertPendingUpload(deps.db, { stored_file_id: fileId, host: hostname(), pid: process.pid }),
      });
      stored.push({ name: cleanFileName(part.filename), stored: file });
    }
    if (!csrfChecked) {
      throw refuseForm();
    }
    target ??= await prepare();
    return await registerStoredFiles(request, deps, target, stored, options.channel, now);
  } catch (error) {
    await discardStoredFiles(deps, stored);
    throw translateMultipartError(error, deps.config.files.maxUploadBytes);
  }
}

/**
 * The common end of every way in (form, API, resumable upload): the names must be unique, then one
 * transaction registers the delivery with its files and its check job. The caller discards the
 * stored files when this throws.
 */
export async function registerStoredFiles(
  request: FastifyRequest,
  deps: AppDeps,
  target: DeliveryTarget,
  stored: Array<{ name: string; stored: StoredFileRef }>,
  channel: 'portal' | 'api',
  now: Date,
): Promise<Receipt> {
  const delivery = deps.delivery!;
  const names = new Set<string>();
  for (const f of stored) {
    if (names.has(f.name))
      throw new AppError(
        'delivery.duplicate_name',
        `Het bestand “${f.name}” zit twee keer in deze aanlevering.`,
      );
    names.add(f.name);
  }
  return deps.db.transaction().execute((trx) =>
    registerDelivery(trx, delivery.enqueueCheck, {
      target,
      files: stored,
      channel,
      uploadedBy: request.principal.kind === 'user' ? request.principal.userId : null,
      apiTokenId: request.principal.kind === 'token' ? request.principal.tokenId : null,
      now,
    }),
  );
}

/** Removes files stored for an upload that is not acknowledged, and their pending records. */
export async function discardStoredFiles(
  deps: AppDeps,
  stored: Array<{ stored: StoredFileRef }>,
): Promise<void> {
  const store = deps.delivery?.store;
  if (!store) return;
  await Promise.all(stored.map((f) => store.destroy({ fileId: f.stored.fileId }).catch(() => undefined)));
  await deletePendingUploads(
    deps.db,
    stored.map((f) => f.stored.fileId),
  ).catch(() => undefined);
}

function translateMultipartError(error: unknown, limit: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError(
      'files.too_large',
      `Een bestand is groter dan de toegestane ${Math.round(limit / 1024 ** 2)} MB.`,
      { reason: 'limit_mb', limitMb: Math.round(limit / 1024 ** 2) },
    );
  }
  if (code === 'FST_FILES_LIMIT') {
    return new AppError(
      'delivery.too_many_files',
      `Lever ten hoogste ${MAX_FILES_PER_UPLOAD} bestanden tegelijk aan, of bundel ze in een ZIP.`,
      { max: MAX_FILES_PER_UPLOAD },
    );
  }
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
    return new AppError('delivery.bad_form', 'Het formulier bevat onverwachte velden.');
  }
  return error;
}
