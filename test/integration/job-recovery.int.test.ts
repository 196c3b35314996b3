// A job whose worker process is SIGKILLed runs again within half a minute (docs/reliability.md):
// the heartbeat stops, a live process's supervisor fails the job into retry within
// JOB_HEARTBEAT_SECONDS + 2 supervision passes, and after the retry delay (5–10 s) a live worker's
// next poll (2 s) takes it. With pg-boss's defaults (heartbeat check only every 60 s in its monitor
// step, notify queues polled every 30 s) detection came ~60 s after the queue was made, and this
// test fails. Bounds with margin for a loaded machine; measured 8–13 s and 14–22 s (9 runs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createLogger } from '../../src/platform/logging/logger.ts';
import {
  defineQueue,
  JOB_HEARTBEAT_SECONDS,
  startJobQueue,
  stopJobQueue,
  SUPERVISE_INTERVAL_SECONDS,
  type JobQueue,
} from '../../src/platform/jobs/job-queue.ts';
import { crashAndRecover } from '../support/job-recovery.ts';
import { createEmptyDatabase } from '../support/test-database.ts';

const QUEUE = 'recovery-probe';
let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let sql: pg.Pool;
let boss: JobQueue;

before(async () => {
  database = await createEmptyDatabase();
  sql = new pg.Pool({ connectionString: database.url, max: 2 });
  boss = await startJobQueue(database.url, createLogger({ level: 'silent' }));
  await defineQueue(boss, QUEUE, { notify: true });
});

after(async () => {
  await stopJobQueue(boss);
  await sql.end();
  await database.drop();
});

test('a SIGKILLed worker’s job is failed into retry by heartbeat and runs again on a live worker', async () => {
  const { detected, recovered } = await crashAndRecover({
    boss,
    sql,
    url: database.url,
    queue: QUEUE,
    timeoutMs: 90_000,
  });
  const detectBound = JOB_HEARTBEAT_SECONDS + 2 * SUPERVISE_INTERVAL_SECONDS + 5;
  assert.ok(
    detected > 0 && detected <= detectBound,
    `failed into retry ${detected} s after the kill (at most ${detectBound})`,
  );
  assert.ok(recovered > 0 && recovered <= 40, `ran again ${recovered} s after the kill (at most 40)`);
});
