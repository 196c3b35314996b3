// Receives one upload (multipart) as a stream: the form's fields first (for the portal its CSRF
// token, then half year and gemeente), then the files, each streamed into the encrypted store. The
// delivery is registered, with its check job, only when every file is stored; on any failure the
// stored files are removed again, and nothing is acknowledged.
import { hostname } from 'node:os';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { actingOrganisationOf } from '../../modules/auth/index.ts';
import {
  IdempotentReplay,
  deletePendingUploads,
  insertPendingUpload,
  prepareDelivery,
  registerDelivery,
  type DeliveryTarget,
  type Receipt,
  type StoredFileRef,
} from '../../modules/deliveries/index.ts';
import { AppError, isAppError } from '../../platform/errors/app-error.ts';
import { secretsEqual } from '../../platform/crypto/secrets.ts';
import { formatByteCount } from '../../platform/files/encrypted-store.ts';
import type { AppDeps } from '../app.ts';

export const MAX_FILES_PER_UPLOAD = 60;

/**
 * What the multipart parser queues before it asks the request to wait. Node's default of 64 KiB is
 * one body chunk: the socket was paused and resumed for nearly every chunk of an upload (1,065 times
 * per 70 MB, 1–15 with 1 MiB) while the store hashed and encrypted the one before (issue 21). Not
 * the file part's own buffer (fileHwm): its async iterator hands out all it holds at once,
 * concatenated, a copy of every byte when it holds more than one chunk (~30% more CPU per upload).
 */
const PARSER_BUFFER_BYTES = 1 << 20;

/** A file of this upload in the store; `published` (writeSealed) settles once it is durable or gone. */
export interface StoredUpload {
  name: string;
  stored: StoredFileRef;
  published?: Promise<void> | undefined;
}

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
  options: { channel: 'portal' | 'api'; csrfToken?: string; idempotencyKey?: string },
): Promise<Receipt> {
  const delivery = deps.delivery;
  if (!delivery) throw new AppError('delivery.unavailable');
  if (!request.isMultipart()) {
    throw new AppError('delivery.not_multipart');
  }
  const organisationId = actingOrganisationOf(request.principal);
  if (!organisationId)
    throw new AppError('auth.forbidden', {
      reason: 'choose_organisation',
    });
  const now = deps.now();
  const fields: Record<string, string> = {};
  const stored: StoredUpload[] = [];
  let target: DeliveryTarget | undefined;
  let csrfChecked = options.csrfToken === undefined;
  const refuseForm = () => new AppError('auth.csrf');
  const prepare = () =>
    prepareDelivery(deps.db, {
      organisationId,
      gemeentecode: fields.gemeentecode || undefined,
      halfYear: fields.halfjaar || undefined,
      now,
    });
  try {
    const iterable = request.parts({
      highWaterMark: PARSER_BUFFER_BYTES,
      limits: {
        fileSize: deps.config.files.maxUploadBytes,
        files: MAX_FILES_PER_UPLOAD,
        fields: 20,
        fieldSize: 1024,
        parts: MAX_FILES_PER_UPLOAD + 20,
      },
    });
    const parts = iterable[Symbol.asyncIterator]();
    for (;;) {
      // Whatever the parser throws is about the request's body: the client's fault, never a 500.
      const next = await parts.next().catch((error: unknown) => {
        throw malformedBody(error, deps.config.files.maxUploadBytes);
      });
      if (next.done) break;
      const part = next.value;
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
      // Sealed: its receipt waits for `published` (in registerStoredFiles), its fsync for nothing.
      const { published, ...file } = await delivery.store
        .writeSealed(part.file, {
          maxBytes: deps.config.files.maxUploadBytes,
          // The parser's body chunks are read once, by this write (see WriteOptions.releaseChunks).
          releaseChunks: true,
          beforePublish: (fileId) =>
            insertPendingUpload(deps.db, { stored_file_id: fileId, host: hostname(), pid: process.pid }),
        })
        .catch((error: unknown) => {
          // The file's stream broke (a truncated body, a part too large): the client's fault. Any
          // other failure (the disk, the database) is ours and stays what it is.
          const broken =
            part.file.errored !== null ||
            part.file.truncated ||
            (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
          if (broken) throw malformedBody(error, deps.config.files.maxUploadBytes);
          throw error;
        });
      stored.push({ name: cleanFileName(part.filename), stored: file, published });
    }
    if (!csrfChecked) {
      throw refuseForm();
    }
    target ??= await prepare();
    return await registerStoredFiles(
      request,
      deps,
      target,
      stored,
      options.channel,
      now,
      options.idempotencyKey,
    );
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
  stored: StoredUpload[],
  channel: 'portal' | 'api',
  now: Date,
  idempotencyKey?: string,
): Promise<Receipt> {
  const delivery = deps.delivery!;
  const names = new Set<string>();
  for (const f of stored) {
    if (names.has(f.name)) throw new AppError('delivery.duplicate_name', { name: f.name });
    names.add(f.name);
  }
  // Marked handled here: a registration that fails first leaves it to discardStoredFiles.
  const published = Promise.all(stored.map((f) => f.published));
  published.catch(() => undefined);
  try {
    return await deps.db.transaction().execute((trx) =>
      registerDelivery(trx, delivery.enqueueCheck, {
        target,
        files: stored,
        fileTypes: { store: delivery.store, findSpec: delivery.findSpec },
        stored: published,
        idempotencyKey,
        channel,
        uploadedBy: request.principal.kind === 'user' ? request.principal.userId : null,
        apiTokenId: request.principal.kind === 'token' ? request.principal.tokenId : null,
        now,
      }),
    );
  } catch (error) {
    if (!(error instanceof IdempotentReplay)) throw error;
    // A retry of a delivery already made: this request's copies go, the first receipt answers.
    await discardStoredFiles(deps, stored);
    return error.receipt;
  }
}

/** Removes files stored for an upload that is not acknowledged, and their pending records. */
export async function discardStoredFiles(deps: AppDeps, stored: StoredUpload[]): Promise<void> {
  const store = deps.delivery?.store;
  if (!store) return;
  // A file still being published would otherwise appear under its id after it was destroyed.
  await Promise.allSettled(stored.map((f) => f.published));
  await Promise.all(stored.map((f) => store.destroy({ fileId: f.stored.fileId }).catch(() => undefined)));
  await deletePendingUploads(
    deps.db,
    stored.map((f) => f.stored.fileId),
  ).catch(() => undefined);
}

function translateMultipartError(error: unknown, limit: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('files.too_large', { size: formatByteCount(limit) });
  }
  if (code === 'FST_FILES_LIMIT') {
    return new AppError('delivery.too_many_files', { max: MAX_FILES_PER_UPLOAD });
  }
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
    return new AppError('delivery.bad_form');
  }
  return error;
}

/**
 * An error of the multipart parser or of a file part's stream: the body is malformed (no boundary,
 * cut off, broken headers) or over a limit. A known limit keeps its own message; anything else from
 * the parser is "the upload is incomplete or malformed", 400.
 */
function malformedBody(error: unknown, limit: number): unknown {
  if (isAppError(error)) return error;
  const translated = translateMultipartError(error, limit);
  if (translated !== error) return translated;
  return new AppError('delivery.malformed_upload');
}
