// The job queue on PostgreSQL (pg-boss 12). "After X, do Y" goes through a job so that it survives
// a crash; modules define jobs, main/ decides which process works them.
//
// Crash recovery is by heartbeat: a worker refreshes each active job every JOB_HEARTBEAT_SECONDS / 2;
// a job whose worker died (SIGKILL, lost machine) misses its heartbeat and the supervisor of any live
// process fails it into retry within about JOB_HEARTBEAT_SECONDS + SUPERVISE_INTERVAL_SECONDS; after
// the retry delay (5–10 s for a first retry) a live worker's next poll takes it. Measured with
// `npm run bench:job-recovery`: 14–22 s (9 runs) from the SIGKILL to the job running again. So a
// long check is never cut off by a timer, and a killed worker's job is not stuck for minutes.
// pg-boss 12 fails jobs by heartbeat only in its "monitor" step, which runs every
// monitorIntervalSeconds (default 60 s) whatever superviseIntervalSeconds says, and a queue with
// notify: true is polled only every notifyPollingIntervalSeconds (default 30 s) because a retry that
// becomes due sends no NOTIFY: with the defaults recovery took 30–90 s. Both are set here.
// Every queue is defined through defineQueue (heartbeat, retries, a generous expiry as a last
// bound); workers through workQueue, whose options (batchSize, localConcurrency, polling) are the
// place to tune concurrency per queue.
import { availableParallelism } from 'node:os';
import {
  fromKysely,
  PgBoss,
  type Job,
  type KyselyTransactionLike,
  type Queue,
  type SendOptions,
  type WorkOptions,
} from 'pg-boss';
import type { Logger } from '../logging/logger.ts';

export type JobQueue = PgBoss;

/** A worker sends a heartbeat every half of this; a job without one for this long is retried. */
export const JOB_HEARTBEAT_SECONDS = 10;
/** How often each process's supervisor looks for jobs whose heartbeat stopped. */
export const SUPERVISE_INTERVAL_SECONDS = 5;

export interface JobQueueOptions {
  /** Overrides SUPERVISE_INTERVAL_SECONDS (tests may want it faster). */
  superviseIntervalSeconds?: number;
}

export async function startJobQueue(
  connectionString: string,
  log: Logger,
  options: JobQueueOptions = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString,
    schema: 'pgboss',
    application_name: 'ggk-jobs',
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? SUPERVISE_INTERVAL_SECONDS,
    // The heartbeat check runs in the monitor step; without this it would run once a minute. The
    // monitor step also counts each queue's jobs (one aggregate over the job table, claimed per
    // queue in the database, so N processes do not do it N times; pg-boss backs off by itself when
    // that aggregate grows slow).
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? SUPERVISE_INTERVAL_SECONDS,
    // Queues defined with notify: true wake their idle workers the moment a job is sent.
    useListenNotify: true,
  });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  return boss;
}

export async function stopJobQueue(boss: JobQueue): Promise<void> {
  await boss.stop({ graceful: true, timeout: 5_000 });
}

/**
 * Creates the queue if it does not exist and (re)applies its settings: heartbeat, retries and an
 * expiry as the outer bound for a job that keeps beating but never ends. Idempotent; every process
 * calls it at start, so a changed setting reaches existing queues on the next deploy.
 */
export type QueueSettings = Omit<Queue, 'name'>;

export async function defineQueue(boss: JobQueue, name: string, options: QueueSettings = {}): Promise<void> {
  const settings: QueueSettings = {
    heartbeatSeconds: JOB_HEARTBEAT_SECONDS,
    expireInSeconds: 60 * 60,
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    ...options,
  };
  await boss.createQueue(name, settings);
  const { policy: _policy, partition: _partition, deadLetter: _deadLetter, ...changeable } = settings;
  await boss.updateQueue(name, changeable);
}

/** Options for boss.send that put the job in the caller's transaction: it exists iff that commits. */
export function inTransaction(db: KyselyTransactionLike): { db: ReturnType<typeof fromKysely> } {
  return { db: fromKysely(db) };
}

/**
 * The one job-send adapter: a function that sends a job of `queue` inside the caller's transaction
 * (the job exists if and only if that transaction commits). `options` derives per-job send options,
 * such as a singletonKey, from the job's data.
 */
export function transactionalSender<Data extends object>(
  boss: JobQueue,
  queue: string,
  options: (data: Data) => SendOptions = () => ({}),
): (db: KyselyTransactionLike, data: Data) => Promise<void> {
  return async (db, data) => {
    await boss.send(queue, data, { ...options(data), ...inTransaction(db) });
  };
}

export type { WorkOptions };

/** How many jobs of a CPU-bound queue one process works at once: one per core, at least one. */
export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Works a queue at the speed of the work: `concurrency` workers of one job each, and a worker that
 * finishes a job fetches the next at once instead of sleeping out its polling interval (pg-boss
 * only skips the pause when a worker is notified, so each worker notifies itself after its job).
 * A new job wakes idle workers through LISTEN/NOTIFY when the queue was defined with `notify: true`;
 * polling stays the floor, at the same interval with or without NOTIFY: a job retried after a delay
 * (a crashed worker's job, a failed attempt) becomes due without a NOTIFY, so a slow backstop poll
 * (pg-boss's default for notify queues is 30 s) would be the time it waits.
 */
export async function workQueue<T extends object>(
  boss: JobQueue,
  name: string,
  options: { concurrency?: number; pollingIntervalSeconds?: number },
  handler: (job: Job<T>) => Promise<void>,
): Promise<string[]> {
  const ids: string[] = [];
  const count = Math.max(1, options.concurrency ?? defaultConcurrency());
  for (let i = 0; i < count; i++) {
    let id = '';
    const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    id = await boss.work<T>(
      name,
      { batchSize: 1, pollingIntervalSeconds, notifyPollingIntervalSeconds: pollingIntervalSeconds },
      async ([job]) => {
        if (!job) return;
        try {
          await handler(job);
        } finally {
          // Done (or failed into retry): this worker has room again, so look for the next job now.
          if (id !== '') boss.notifyWorker(id);
        }
      },
    );
    ids.push(id);
  }
  return ids;
}

/** How long the jobs that give way wait for the others at most: a surge never starves them. */
export const GIVE_WAY_MAX_MS = 60_000;
/** Idle must last this long: between two jobs a worker is briefly idle while it fetches the next. */
const IDLE_GRACE_MS = 250;

/**
 * The jobs of one queue in flight in this process, and a wait until there are none, so that the
 * work of another queue can give way to them. The op-orde report gives way to the technical check
 * (issue 21): both run on the worker's one JavaScript thread, and in the surge a check shared it with
 * 1.7 op-orde jobs on average while its receipt waited; a report is due in two working days, the
 * technical report at once. Idle means none in flight for IDLE_GRACE_MS; the wait ends after
 * `maxWaitMs` even when never idle.
 */
export interface InFlight {
  run<T>(work: () => Promise<T>): Promise<T>;
  idle(maxWaitMs?: number): Promise<void>;
}

export function createInFlight(): InFlight {
  let count = 0;
  let lastDone = 0;
  let waiters: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  const release = () => {
    timer = undefined;
    if (count > 0) return;
    // A job that started and ended since the timer was set: idle only IDLE_GRACE_MS after it.
    const idleFor = Date.now() - lastDone;
    if (idleFor < IDLE_GRACE_MS) {
      timer = setTimeout(release, IDLE_GRACE_MS - idleFor);
      return;
    }
    const ready = waiters;
    waiters = [];
    for (const wake of ready) wake();
  };
  return {
    async run(work) {
      count++;
      try {
        return await work();
      } finally {
        count--;
        lastDone = Date.now();
        if (count === 0 && waiters.length > 0 && timer === undefined)
          timer = setTimeout(release, IDLE_GRACE_MS);
      }
    },
    idle(maxWaitMs = GIVE_WAY_MAX_MS) {
      if (count === 0 && Date.now() - lastDone >= IDLE_GRACE_MS) return Promise.resolve();
      return new Promise((resolve) => {
        const bound = setTimeout(wake, maxWaitMs);
        function wake() {
          clearTimeout(bound);
          waiters = waiters.filter((w) => w !== wake);
          resolve();
        }
        waiters.push(wake);
        if (count === 0 && timer === undefined) timer = setTimeout(release, IDLE_GRACE_MS);
      });
    },
  };
}
