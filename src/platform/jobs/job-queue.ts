// The job queue on PostgreSQL (pg-boss 10). "After X, do Y" goes through a job so that it survives
// a crash; modules define jobs, main/ decides which process works them.
import PgBoss from 'pg-boss';
import type { Logger } from '../logging/logger.ts';

export type JobQueue = PgBoss;

export async function startJobQueue(connectionString: string, log: Logger): Promise<JobQueue> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'ggk-jobs' });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  return boss;
}

export async function stopJobQueue(boss: JobQueue): Promise<void> {
  await boss.stop({ graceful: true, timeout: 5_000, wait: true });
}
