// `node --import tsx bench/audit.bench.ts`: the cost of the audit trail. Appends --entries N
// (default 5000) entries from --concurrency C (default 8) concurrent transactions, each a real
// transaction with one recordAudit (advisory lock, chain head, insert), on a fresh database on the
// machine's PostgreSQL; reports appends per second and the latency per transaction (median, p95),
// then `verifyAuditChain` over the whole trail (entries per second). Options: --json.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { recordAudit, verifyAuditChain } from '../src/modules/audit/index.ts';
import { createTestDatabase } from '../test/support/test-database.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const entries = option('entries', 5000);
const concurrency = option('concurrency', 8);

const database = await createTestDatabase();
try {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < entries) {
        next += 1;
        const t0 = performance.now();
        await database.db.transaction().execute((trx) =>
          recordAudit(trx, {
            actor: { kind: 'user', userId: randomUUID() },
            organisationId: randomUUID(),
            action: 'technical_report.downloaded',
            subjectIds: [randomUUID()],
            details: { kind: 'technical_report_json', outcome: 'success', receipt_number: 'GGK-2018-000001' },
          }),
        );
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const appendSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const t1 = performance.now();
  const verification = await verifyAuditChain(database.db);
  const verifySeconds = (performance.now() - t1) / 1000;
  if (!verification.ok) throw new Error('chain broken');
  const result = {
    entries: latencies.length,
    concurrency,
    appendsPerSecond: Math.round(latencies.length / appendSeconds),
    latencyMs: {
      median: Number(latencies[Math.floor(latencies.length / 2)]!.toFixed(1)),
      p95: Number(latencies[Math.floor(latencies.length * 0.95)]!.toFixed(1)),
    },
    verifyEntriesPerSecond: Math.round(verification.entries / verifySeconds),
  };
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else
    process.stdout.write(
      `audit: ${result.entries} appends from ${concurrency} concurrent transactions: ${result.appendsPerSecond}/s, ` +
        `latency median ${result.latencyMs.median} ms, p95 ${result.latencyMs.p95} ms; ` +
        `verify ${result.verifyEntriesPerSecond} entries/s\n`,
    );
} finally {
  await database.drop();
}
