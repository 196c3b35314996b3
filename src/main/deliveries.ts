// Wiring for deliveries: the encrypted store for delivered files and the check job on pg-boss.
import { hostname } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config/env.ts';
import type { MunicipalClassification } from '../modules/classification/index.ts';
import type { Db, Schema } from '../modules/database-schema.ts';
import {
  DELIVERY_CHECK_QUEUE,
  DELIVERY_RETENTION_QUEUE,
  purgeExpiredDeliveries,
  checkDelivery,
  recoverInterruptedUploads,
  type EnqueueCheck,
} from '../modules/deliveries/index.ts';
import { CONTENT_REPORT_QUEUE } from '../modules/reports/index.ts';
import { createThreadedCheck, STORED_THREADS_PAY_FROM_BYTES } from '../modules/validation-threads/index.ts';
import {
  createInFlight,
  defaultConcurrency,
  defineQueue,
  transactionalSender,
  workQueue,
  type JobQueue,
} from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { createEncryptedStore, type EncryptedStore } from '../platform/files/encrypted-store.ts';
import { loadMasterKey, loadPreviousMasterKeys } from '../platform/files/master-key.ts';
import { createFileBackend, type ObjectBackend } from '../platform/files/object-backend.ts';
import { findSpec } from './spec-catalogue.ts';
import { deleteReportContents } from '../modules/reports/index.ts';
import { createEnqueueContentReport, startContentReportWorker } from './reports.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Files stored by a process on this host that died before its delivery was committed: remove them. */
export async function removeInterruptedUploads(
  db: Kysely<Schema>,
  store: EncryptedStore,
  log: Logger,
): Promise<void> {
  const removed = await recoverInterruptedUploads(db, store, { host: hostname(), isAlive });
  if (removed > 0) log.warn({ removed }, 'files of interrupted uploads removed');
}

/** The backend GGK_STORAGE chooses: the data folder, or the S3 bucket (credentials: the AWS chain). */
export async function openObjectBackend(config: Config): Promise<ObjectBackend> {
  if (config.storage.kind === 's3') {
    // Loaded only when used: the AWS SDK is large, and most starts use the disk.
    const { createS3Backend } = await import('../platform/files/object-backend-s3.ts');
    return createS3Backend({
      endpoint: config.storage.endpoint,
      bucket: config.storage.bucket,
      region: config.storage.region,
      forcePathStyle: config.storage.forcePathStyle,
      prefix: config.storage.prefix,
    });
  }
  return createFileBackend(path.join(config.dataDir, 'files'));
}

/**
 * Where resumable (tus) uploads keep their parts: on S3 the same bucket under "<prefix>hervatbaar/"
 * (apart from the delivered files, so listing those never shows a part); on disk undefined, the
 * temporary files stay in GGK_DATA_DIR/hervatbaar.
 */
export async function openResumableBackend(config: Config): Promise<ObjectBackend | undefined> {
  if (config.storage.kind !== 's3') return undefined;
  const { createS3Backend } = await import('../platform/files/object-backend-s3.ts');
  return createS3Backend({
    endpoint: config.storage.endpoint,
    bucket: config.storage.bucket,
    region: config.storage.region,
    forcePathStyle: config.storage.forcePathStyle,
    prefix: `${config.storage.prefix}hervatbaar/`,
  });
}

/** Where the master key comes from: GGK_MASTER_KEY, else the key file (made when missing). */
export function masterKeyOptions(config: Config): { keyHex: string | undefined; keyFile: string } {
  return { keyHex: config.files.masterKeyHex, keyFile: config.files.masterKeyFile };
}

/** The store with the configured master keys, without touching what is stored (for wrapping keys). */
export async function openKeyring(config: Config): Promise<EncryptedStore> {
  const masterKey = await loadMasterKey(masterKeyOptions(config));
  const previousMasterKeys = await loadPreviousMasterKeys({
    keysHex: config.files.previousMasterKeysHex,
    folder: path.join(config.dataDir, 'keys', 'previous'),
  });
  return createEncryptedStore({
    backend: await openObjectBackend(config),
    masterKey,
    previousMasterKeys,
  });
}

export async function openDeliveryStore(config: Config, log: Logger): Promise<EncryptedStore> {
  const store = await openKeyring(config);
  // A process killed mid-upload leaves a partial file and no receipt: clear those away, but only
  // what is certainly abandoned (see ObjectBackend.removeAbandoned): other nodes may be uploading.
  const removed = await store.removePartialFiles();
  if (removed > 0) log.warn({ removed }, 'partial uploads from an earlier run removed');
  return store;
}

/** Sends the check job inside the caller's transaction, so the job exists if and only if the delivery does. */
export function createEnqueueCheck(boss: JobQueue): EnqueueCheck {
  const send = transactionalSender<{ deliveryId: string }>(boss, DELIVERY_CHECK_QUEUE);
  return (db: Db, deliveryId: string) => send(db, { deliveryId });
}

export async function startDeliveryWorker(input: {
  boss: JobQueue;
  db: Kysely<Schema>;
  store: EncryptedStore;
  classification: MunicipalClassification;
  config: Config;
  log: Logger;
  now: () => Date;
  onChecked?: () => void;
}): Promise<void> {
  await defineQueue(input.boss, DELIVERY_CHECK_QUEUE, { notify: true });
  // The op-orde report waits while this process checks deliveries: the technical report first.
  const checks = createInFlight();
  await startContentReportWorker({ ...input, giveWayTo: checks });
  const enqueueContentReport = createEnqueueContentReport(input.boss);
  // Large files are checked on every core (the parts of concurrent checks share these threads); idle
  // threads keep no process alive and are ready for the next large file. Only from 64 MiB: below that
  // the parts cost more CPU than they save time (STORED_THREADS_PAY_FROM_BYTES), and a surge is CPU-bound.
  const parts = createThreadedCheck({ minBytes: STORED_THREADS_PAY_FROM_BYTES });
  // Two jobs per core at a time, the next taken as soon as one ends (issue 21: the surge queue). A
  // check of a small file waits on the database for most of its time (its queries and commits), so
  // with one per core the worker's thread sat idle 30-58% of the surge while receipts waited.
  const concurrency = 2 * defaultConcurrency();
  await workQueue<{ deliveryId: string }>(input.boss, DELIVERY_CHECK_QUEUE, { concurrency }, async (job) => {
    const outcome = await checks.run(() =>
      checkDelivery(
        {
          db: input.db,
          store: input.store,
          classification: input.classification,
          findSpec,
          baseUrl: input.config.baseUrl,
          now: input.now,
          enqueueContentReport,
          parts,
        },
        job.data.deliveryId,
      ),
    );
    input.log.info({ deliveryId: job.data.deliveryId, outcome, jobId: job.id }, 'delivery checked');
    input.onChecked?.();
  });
}

export async function createDeliveryQueue(boss: JobQueue): Promise<void> {
  await defineQueue(boss, DELIVERY_CHECK_QUEUE, { notify: true });
  await defineQueue(boss, CONTENT_REPORT_QUEUE, { notify: true });
}

/**
 * Retention as a daily job (03:15 Amsterdam time): the files of rounds closed longer than
 * GGK_RETENTION_DAYS ago are deleted as on a withdrawal, each with an audit entry. Scheduled once per
 * queue by pg-boss, so several processes do not run it twice.
 */
export async function startRetentionWorker(input: {
  boss: JobQueue;
  db: Kysely<Schema>;
  store: EncryptedStore;
  config: Config;
  log: Logger;
  now: () => Date;
}): Promise<void> {
  await defineQueue(input.boss, DELIVERY_RETENTION_QUEUE, { retryLimit: 2 });
  await input.boss.schedule(DELIVERY_RETENTION_QUEUE, '15 3 * * *', {}, { tz: 'Europe/Amsterdam' });
  await input.boss.work(DELIVERY_RETENTION_QUEUE, { batchSize: 1 }, async () => {
    const now = input.now();
    const outcome = await purgeExpiredDeliveries({
      db: input.db,
      store: input.store,
      now,
      retentionDays: input.config.files.retentionDays,
      eraseReportContents: (trx, ids) => deleteReportContents(trx, ids, now),
    });
    input.log.info({ ...outcome, failed: outcome.failed.length }, 'retention purge done');
    // Partial files of another host's killed process are not cleared at any start on this one.
    const removed = await input.store.removePartialFiles();
    if (removed > 0) input.log.warn({ removed }, 'abandoned partial uploads removed');
  });
}
