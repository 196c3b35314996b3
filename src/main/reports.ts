// Wiring for the op-orde report: its pg-boss queue and worker. The job is sent by the delivery check
// in the transaction that approves a delivery.
import type { Kysely } from 'kysely';
import type { Config } from '../config/env.ts';
import type { Db, Schema } from '../modules/database-schema.ts';
import { CONTENT_REPORT_QUEUE, generateContentReport } from '../modules/reports/index.ts';
import type { EncryptedStore } from '../platform/files/encrypted-store.ts';
import {
  defineQueue,
  transactionalSender,
  workQueue,
  type InFlight,
  type JobQueue,
} from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { findSpec } from './spec-catalogue.ts';

/** Sends the report job inside the caller's transaction: it exists if and only if the approval does. */
export function createEnqueueContentReport(boss: JobQueue) {
  // One report job per delivery (singletonKey); the job is idempotent: a second run stores nothing.
  const send = transactionalSender<{ deliveryId: string }>(boss, CONTENT_REPORT_QUEUE, (data) => ({
    singletonKey: data.deliveryId,
  }));
  return (db: Db, deliveryId: string) => send(db, { deliveryId });
}

export async function startContentReportWorker(input: {
  boss: JobQueue;
  db: Kysely<Schema>;
  store: EncryptedStore;
  config: Config;
  log: Logger;
  now: () => Date;
  onChecked?: () => void;
  /** Jobs this one waits for before it starts (the process's technical checks; at most a minute). */
  giveWayTo?: InFlight;
}): Promise<void> {
  await defineQueue(input.boss, CONTENT_REPORT_QUEUE, { notify: true });
  await workQueue<{ deliveryId: string }>(input.boss, CONTENT_REPORT_QUEUE, {}, async (job) => {
    await input.giveWayTo?.idle();
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
  });
}
