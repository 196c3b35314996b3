// Wiring for deliveries: the encrypted store for delivered files and the check job on pg-boss.
import { hostname } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { CompiledQuery } from 'kysely';
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
import type { JobQueue } from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { createEncryptedStore, type EncryptedStore } from '../platform/files/encrypted-store.ts';
import { loadMasterKey } from '../platform/files/master-key.ts';
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

export async function openDeliveryStore(config: Config, log: Logger): Promise<EncryptedStore> {
  const masterKey = await loadMasterKey({
    keyHex: config.files.masterKeyHex,
    keyFile: path.join(config.dataDir, 'keys', 'master.key'),
  });
  const store = createEncryptedStore({ root: path.join(config.dataDir, 'files'), masterKey });
  // A process killed mid-upload leaves a partial file and no receipt: clear those away.
  const removed = await store.removePartialFiles();
  if (removed > 0) log.warn({ removed }, 'partial uploads from an earlier run removed');
  return store;
}

/** Sends the check job inside the caller's transaction, so the job exists if and only if the delivery does. */
export function createEnqueueCheck(boss: JobQueue): EnqueueCheck {
  return async (db: Db, deliveryId: string) => {
    await boss.send(
      DELIVERY_CHECK_QUEUE,
      { deliveryId },
      {
        retryLimit: 5,
        retryDelay: 5,
        retryBackoff: true,
        // pg-boss 10 has no heartbeat: a worker killed mid-check leaves its job active until this
        // expires and maintenance (every 2 minutes) sends it to retry. 15 minutes made a killed
        // worker's delivery wait ~17 minutes; a check runs at ~12 MB/s here, so even the largest
        // upload (2 GB, ~3 minutes) finishes within 5. A check that overran would be started again
        // alongside: wasted work, no harm, as checkDelivery is idempotent and stores one result.
        expireInSeconds: 5 * 60,
        db: {
          executeSql: async (text: string, values: unknown[]) => {
            const result = await db.executeQuery(CompiledQuery.raw(text, values));
            return { rows: result.rows };
          },
        },
      },
    );
  };
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
  await input.boss.createQueue(DELIVERY_CHECK_QUEUE);
  await startContentReportWorker(input);
  const enqueueContentReport = createEnqueueContentReport(input.boss);
  await input.boss.work<{ deliveryId: string }>(
    DELIVERY_CHECK_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 0.5 },
    async ([job]) => {
      if (!job) return;
      const outcome = await checkDelivery(
        {
          db: input.db,
          store: input.store,
          classification: input.classification,
          findSpec,
          baseUrl: input.config.baseUrl,
          now: input.now,
          enqueueContentReport,
        },
        job.data.deliveryId,
      );
      input.log.info({ deliveryId: job.data.deliveryId, outcome, jobId: job.id }, 'delivery checked');
      input.onChecked?.();
    },
  );
}

export async function createDeliveryQueue(boss: JobQueue): Promise<void> {
  await boss.createQueue(DELIVERY_CHECK_QUEUE);
  await boss.createQueue(CONTENT_REPORT_QUEUE);
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
  await input.boss.createQueue(DELIVERY_RETENTION_QUEUE);
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
  });
}
