// `npm run bench:job-recovery [-- --runs N]`: how long a job whose worker process is SIGKILLed stays
// stuck before another process runs it again, with the queue settings every ggk queue gets
// (defineQueue) and the job queue ggk starts (startJobQueue); test/support/job-recovery.ts does one
// crash. Prints, per run, the seconds from the kill until the supervisor failed the job into retry
// ("detected") and until a live worker started it again ("recovered"), and the spread over the runs.
// Uses the machine's PostgreSQL (TEST_DATABASE_URL's server) with a fresh database, dropped after.
// --json: the same as one JSON object on stdout (the per-run lines go to stderr).
import pg from 'pg';
import { createLogger } from '../src/platform/logging/logger.ts';
import { defineQueue, startJobQueue, stopJobQueue } from '../src/platform/jobs/job-queue.ts';
import { crashAndRecover, type RecoveryTiming } from '../test/support/job-recovery.ts';
import { createEmptyDatabase } from '../test/support/test-database.ts';

const QUEUE = 'recovery-probe';

async function measure(url: string, runs: number): Promise<void> {
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  sql.on('error', () => undefined);
  const boss = await startJobQueue(url, createLogger({ level: 'silent' }));
  await defineQueue(boss, QUEUE, { notify: true });
  const results: RecoveryTiming[] = [];
  for (let run = 1; run <= runs; run++) {
    const { detected, recovered } = await crashAndRecover({ boss, sql, url, queue: QUEUE });
    results.push({ detected, recovered });
    say(`run ${run}: detected ${detected.toFixed(1)} s, recovered ${recovered.toFixed(1)} s`);
  }
  const sorted = results.map((r) => r.recovered).sort((a, b) => a - b);
  const round1 = (n: number) => Math.round(n * 10) / 10;
  const summary = {
    runs,
    recoveredSeconds: {
      min: round1(sorted[0]!),
      median: round1(sorted[Math.floor(sorted.length / 2)]!),
      max: round1(sorted.at(-1)!),
    },
  };
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else
    console.log(
      `recovered after a SIGKILL: min ${summary.recoveredSeconds.min} s, median ${summary.recoveredSeconds.median} s, max ${summary.recoveredSeconds.max} s over ${runs} runs`,
    );
  await stopJobQueue(boss);
  await sql.end();
}

const json = process.argv.includes('--json');
function say(text: string): void {
  if (json) process.stderr.write(`${text}\n`);
  else console.log(text);
}
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;
const database = await createEmptyDatabase();
try {
  await measure(database.url, runs);
} finally {
  await database.drop();
}
