// Wiring for the daily reminder job on pg-boss: scheduled every morning (Amsterdam time); the job
// itself is idempotent (modules/monitoring.sendReminders), so a second run or a retry sends nothing new.
import type { Kysely } from 'kysely';
import type { Config } from '../config/env.ts';
import type { Schema } from '../modules/database-schema.ts';
import {
  REMINDER_QUEUE,
  contentReportPlacements,
  sendReminders,
  type ReportPlacementSource,
} from '../modules/monitoring/index.ts';
import { defineQueue, type JobQueue } from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logging/logger.ts';

export const REMINDER_SCHEDULE = '0 7 * * *';

export async function startReminderWorker(input: {
  boss: JobQueue;
  db: Kysely<Schema>;
  config: Config;
  log: Logger;
  now: () => Date;
  reports?: ReportPlacementSource | undefined;
  onSent?: () => void;
}): Promise<void> {
  await defineQueue(input.boss, REMINDER_QUEUE, { retryLimit: 3 });
  await input.boss.schedule(REMINDER_QUEUE, REMINDER_SCHEDULE, {}, { tz: 'Europe/Amsterdam', retryLimit: 3 });
  await input.boss.work(REMINDER_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    const counts = await sendReminders(input.db, {
      now: input.now(),
      closingWorkingDays: input.config.reminders.closingWorkingDays,
      pilotTargetWorkingDays: input.config.reminders.pilotTargetWorkingDays,
      baseUrl: input.config.baseUrl,
      reports: input.reports ?? contentReportPlacements,
    });
    input.log.info({ ...counts, jobId: job.id }, 'reminders sent');
    if (counts.mails > 0) input.onSent?.();
  });
}
