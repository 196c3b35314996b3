// Wiring for the op-orde report: its pg-boss queue and worker. The job is sent by the delivery check
// in the transaction that approves a delivery.
import type { Kysely } from 'kysely';
import { CompiledQuery } from 'kysely';
import type { Config } from '../config/env.ts';
import type { Db, Schema } from '../modules/database-schema.ts';
import { CONTENT_REPORT_QUEUE, generateContentReport } from '../modules/reports/index.ts';
import type { EncryptedStore } from '../platform/files/encrypted-store.ts';
import type { JobQueue } from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { findSpec } from './spec-catalogue.ts';

/** Sends the report job inside the caller's transaction: it exists if and only if the approval does. */
export function createEnqueueContentReport(boss: JobQueue) {
  return async (db: Db, deliveryId: string) => {
    await boss.send(
      CONTENT_REPORT_QUEUE,
      { deliveryId },
      {
        singletonKey: deliveryId,
        retryLimit: 5,
        retryDelay: 5,
        retryBackoff: true,
        // A killed worker leaves the job active until it expires and is retried; a 1M-row Wmo file
        // takes seconds, so 5 minutes is ample. The job is idempotent: a second run stores nothing.
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

export async function startContentReportWorker(input: {
  boss: JobQueue;
  db: Kysely<Schema>;
  store: EncryptedStore;
  config: Config;
  log: Logger;
  now: () => Date;
  onChecked?: () => void;
}): Promise<void> {
  await input.boss.createQueue(CONTENT_REPORT_QUEUE);
  await input.boss.work<{ deliveryId: string }>(
    CONTENT_REPORT_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 0.5 },
    async ([job]) => {
      if (!job) return;
      const started = Date.now();
      const outcome = await generateContentReport(
        {
          db: input.db,
          store: input.store,
          findSpec,
          baseUrl: input.config.baseUrl,
          now: input.now,
          changeThresholdPercent: input.config.reports.changeThresholdPercent,
        },
        job.data.deliveryId,
      );
      input.log.info(
        { deliveryId: job.data.deliveryId, outcome, jobId: job.id, ms: Date.now() - started },
        'op-orde report produced',
      );
      input.onChecked?.();
    },
  );
}
