// One crash of a job worker, timed (bench/job-recovery.bench.ts, test/integration/job-recovery.int.test.ts):
// a child process works a queue defined as every ggk queue is (defineQueue, startJobQueue), takes a
// job and hangs in it; it is SIGKILLed at a random moment of its heartbeat cycle, and `boss` (a live
// pg-boss with its supervisor, working the queue as a restarted `ggk worker` would) runs the job
// again. Run as a script with `--child <url> <queue>` it is that child.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { defineQueue, startJobQueue, workQueue, type JobQueue } from '../../src/platform/jobs/job-queue.ts';

const log = createLogger({ level: 'silent' });

export interface RecoveryTiming {
  /** Seconds from the kill until the supervisor failed the job into retry. */
  detected: number;
  /** Seconds from the kill until a live worker started the job again. */
  recovered: number;
}

/** The queue must be defined on `boss` (defineQueue(boss, queue, { notify: true })) before. */
export async function crashAndRecover(input: {
  boss: JobQueue;
  sql: pg.Pool;
  url: string;
  queue: string;
  timeoutMs?: number;
}): Promise<RecoveryTiming> {
  const { boss, sql, url, queue } = input;
  const worker = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', url, queue],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let started = '';
  worker.stdout.setEncoding('utf8').on('data', (chunk: string) => (started += chunk));
  const jobId = await boss.send(queue, {});
  const deadline = Date.now() + 60_000;
  while (!started.includes(`started ${jobId}`)) {
    if (Date.now() > deadline || worker.exitCode !== null)
      throw new Error('the child worker did not take the job');
    await sleep(20);
  }
  // Kill at a random moment of the heartbeat cycle, as a real crash would.
  await sleep(Math.random() * 5_000);
  worker.kill('SIGKILL');
  const killedAt = Date.now();
  await once(worker, 'exit');
  let detected = 0;
  let recovered = 0;
  const ids = await workQueue(boss, queue, { concurrency: 1 }, async (job) => {
    if (job.id === jobId && recovered === 0) recovered = (Date.now() - killedAt) / 1000;
  });
  try {
    while (recovered === 0 && Date.now() - killedAt < (input.timeoutMs ?? 300_000)) {
      if (detected === 0) {
        const { rows } = await sql.query<{ state: string }>('select state from pgboss.job where id = $1', [
          jobId,
        ]);
        if (rows[0] && rows[0].state !== 'active') detected = (Date.now() - killedAt) / 1000;
      }
      await sleep(100);
    }
  } finally {
    for (const id of ids) await boss.offWork(queue, { id });
  }
  return { detected, recovered };
}

async function child(url: string, queue: string): Promise<void> {
  const boss = await startJobQueue(url, log);
  await defineQueue(boss, queue, { notify: true });
  await workQueue(boss, queue, { concurrency: 1 }, async (job) => {
    process.stdout.write(`started ${job.id}\n`);
    await new Promise(() => undefined); // hangs until killed
  });
}

if (process.argv[2] === '--child' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await child(process.argv[3]!, process.argv[4]!);
