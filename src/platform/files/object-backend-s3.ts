// The S3 backend (GGK_STORAGE=s3): ciphertext objects in one bucket, shared by every ggk node.
// Objects are <prefix><key>.enc. A write buffers up to PART_BYTES; a small object is one PutObject at
// commit, a larger one a multipart upload (parts of PART_BYTES, one part uploading while the next
// fills, so memory stays at about two parts) completed at commit. Until then nothing is visible
// under the key; abort() aborts the multipart upload, and removeAbandoned() aborts multipart uploads
// a killed process left behind. Tested against OpenStack Swift's S3 API (../shared/tools/start-s3.sh).
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import {
  assertObjectKey,
  ObjectNotFoundError,
  ShortReadError,
  type ObjectBackend,
  type ObjectWriter,
} from './object-backend.ts';

/** S3's minimum part size is 5 MiB (but for the last); 8 MiB keeps the request count low. */
export const PART_BYTES = 8 * 1024 * 1024;
/** Abandoned multipart uploads are only those older than this (other nodes' uploads are in flight). */
const DEFAULT_ABANDONED_AFTER_MS = 6 * 3600 * 1000;
const STREAM_RANGE_BYTES = 8 * 1024 * 1024;

export interface S3BackendOptions {
  /** E.g. http://127.0.0.1:9000; undefined for AWS itself. */
  endpoint?: string | undefined;
  bucket: string;
  region: string;
  forcePathStyle: boolean;
  /** Object name prefix, e.g. "files/". */
  prefix?: string;
  /** Credentials come from the standard AWS chain (AWS_ACCESS_KEY_ID, profiles, roles) unless given. */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

export function createS3Client(options: S3BackendOptions): S3Client {
  return new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Checksums only when the operation requires one: S3-compatible stores (Swift) reject the
    // newer default CRC32 trailers on some calls.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

export function createS3Backend(options: S3BackendOptions, client = createS3Client(options)): ObjectBackend {
  const prefix = options.prefix ?? 'files/';
  const Bucket = options.bucket;
  const nameOf = (key: string) => {
    assertObjectKey(key);
    return `${prefix}${key}.enc`;
  };

  async function getRange(key: string, start: number, endExclusive: number): Promise<Buffer> {
    if (endExclusive <= start) return Buffer.alloc(0);
    try {
      const response = await client.send(
        new GetObjectCommand({ Bucket, Key: nameOf(key), Range: `bytes=${start}-${endExclusive - 1}` }),
      );
      const bytes = Buffer.from(await response.Body!.transformToByteArray());
      if (bytes.length !== endExclusive - start) throw new ShortReadError(key);
      return bytes;
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 416) throw new ShortReadError(key);
      throw error;
    }
  }

  return {
    kind: 's3',

    async begin(key) {
      const Key = nameOf(key);
      let part = Buffer.allocUnsafe(PART_BYTES);
      let filled = 0;
      let uploadId: string | undefined;
      const parts: { ETag: string; PartNumber: number }[] = [];
      let inFlight: Promise<void> = Promise.resolve();

      const sendPart = async (bytes: Buffer) => {
        uploadId ??= (await client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId!;
        const PartNumber = parts.length + 1;
        parts.push({ ETag: '', PartNumber });
        const entry = parts[PartNumber - 1]!;
        await inFlight; // at most one part uploading while the next fills
        const upload = client
          .send(new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body: bytes }))
          .then((response) => {
            entry.ETag = response.ETag!;
          });
        upload.catch(() => undefined); // surfaces at the next await of inFlight
        inFlight = upload;
      };

      const writer: ObjectWriter = {
        async write(bytes) {
          for (let offset = 0; offset < bytes.length;) {
            const count = Math.min(bytes.length - offset, PART_BYTES - filled);
            part.set(bytes.subarray(offset, offset + count), filled);
            filled += count;
            offset += count;
            if (filled === PART_BYTES) {
              await sendPart(part);
              part = Buffer.allocUnsafe(PART_BYTES);
              filled = 0;
            }
          }
        },
        async commit(beforeVisible) {
          if (uploadId === undefined) {
            await beforeVisible;
            await client.send(
              new PutObjectCommand({ Bucket, Key, Body: part.subarray(0, filled), ContentLength: filled }),
            );
            return;
          }
          if (filled > 0) await sendPart(part.subarray(0, filled));
          await inFlight;
          await beforeVisible;
          await client.send(
            new CompleteMultipartUploadCommand({
              Bucket,
              Key,
              UploadId: uploadId,
              MultipartUpload: { Parts: parts },
            }),
          );
        },
        async abort() {
          await inFlight.catch(() => undefined);
          if (uploadId !== undefined) {
            await client
              .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }))
              .catch(() => undefined);
          }
        },
      };
      return writer;
    },

    async size(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: nameOf(key) }));
        return head.ContentLength;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    readRange: (key, start, length) => getRange(key, start, start + length),

    async *stream(key, start, end) {
      // Ranged GETs of 8 MiB, the next one requested while the current one is consumed.
      let next: Promise<Buffer> | undefined =
        start < end ? getRange(key, start, Math.min(end, start + STREAM_RANGE_BYTES)) : undefined;
      for (let position = start; position < end;) {
        const bytes = await next!;
        position += bytes.length;
        next =
          position < end ? getRange(key, position, Math.min(end, position + STREAM_RANGE_BYTES)) : undefined;
        next?.catch(() => undefined);
        for (let offset = 0; offset < bytes.length; offset += 1 << 20)
          yield bytes.subarray(offset, offset + (1 << 20));
      }
    },

    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: nameOf(key) }));
    },

    async list() {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }),
        );
        for (const object of page.Contents ?? []) {
          const match = /^([0-9a-f]{32})\.enc$/.exec((object.Key ?? '').slice(prefix.length));
          if (match?.[1] !== undefined) keys.push(match[1]);
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys.sort();
    },

    async removeAbandoned(olderThanMs) {
      const before = Date.now() - (olderThanMs ?? DEFAULT_ABANDONED_AFTER_MS);
      let count = 0;
      let KeyMarker: string | undefined;
      let UploadIdMarker: string | undefined;
      do {
        const page = await client.send(
          new ListMultipartUploadsCommand({ Bucket, Prefix: prefix, KeyMarker, UploadIdMarker }),
        );
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId || (upload.Initiated && upload.Initiated.getTime() > before))
            continue;
          await client.send(
            new AbortMultipartUploadCommand({ Bucket, Key: upload.Key, UploadId: upload.UploadId }),
          );
          count += 1;
        }
        KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        UploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (KeyMarker);
      return count;
    },

    async ping() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
}
