// `npm run bench:surge`: the closing day of the 2018 round on the real processes (test/support/
// surge.ts does the work). `ggk serve` (web only) and `ggk worker` as separate processes on
// PostgreSQL (DATABASE_URL, else a fresh database on the machine's server, dropped afterwards);
// all 380 gemeenten deliver their four files (Wmo of 50 to 200,000 rows by the rank-size rule,
// Wmo kosten, SBW, Jeugd; made by the project's generator and kept in bench/out between runs)
// through POST /api/v1/deliveries with 32 uploads in flight; some send a bad file first, some
// send random bytes, some send a file twice. Prints uploads/s, MB/s, upload latency, receipt →
// technical report (issue 21's goal: every delivery) and receipt → approved, where that time goes
// per stage (queue wait, check, op-orde job; from pgboss.job) with the CPU-seconds of web and
// worker, errors and the reconciliation of every receipt against what is stored and checked.
// Quick runs: --gemeenten 60 (the 60 largest, same files) or --max-rows 20000 (smaller files).
//
// Options: --gemeenten N (380), --max-rows N (200000), --concurrency N (32), --workers N (1),
// --nodes N (1; more: that many `ggk serve` behind HAProxy, round-robin, test/support/haproxy.ts),
// --storage file|s3 (file; s3: the store of S3_ENDPOINT, see ../shared/tools/start-s3.sh),
// --seed S, --json, --profile DIR (a CPU profile of every web and worker process, node --cpu-prof,
// written at their SIGTERM at the end), and --crash: SIGKILL web and worker at random moments (every 3–10 s, or
// --kill-every MIN-MAX seconds; web and worker in turn, at least 6 kills) and start them again;
// clients retry. A killed worker's job misses its pg-boss heartbeat and runs again 10–27 s later.
// With more than one node or with s3, the same surge first runs on one node with file storage (no
// --crash), and both are printed side by side; --no-baseline leaves that run out. --json prints the
// run's result with the baseline's under `baseline`. --balancer-timeout T (10m) sets HAProxy's
// inactivity timeouts: a short one shows what too short a one does to large uploads.
// Exit status 1 when the reconciliation finds anything wrong or an upload failed unexpectedly.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSurge, type StageTimes, type SurgeOptions, type SurgeResult } from '../test/support/surge.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

interface Args {
  options: SurgeOptions;
  json: boolean;
  baseline: boolean;
}

function readArgs(argv: string[]): Args {
  const options: SurgeOptions = {
    gemeenten: 380,
    maxRows: 200_000,
    concurrency: 32,
    workers: 1,
    badShare: 0.05,
    garbageShare: 0.02,
    duplicateShare: 0.05,
    seed: 'surge',
    cacheDir: path.join(BENCH_DIR, 'out'),
    settleTimeoutMs: 30 * 60_000,
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  };
  let json = false;
  let baseline = true;
  let crash = false;
  let killEvery: [number, number] = [3, 10];
  const positive = (value: string | undefined) =>
    /^[1-9]\d*$/.test(value ?? '') ? Number(value) : undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg === '--json') json = true;
    else if (arg === '--no-baseline') baseline = false;
    else if (arg === '--balancer-timeout' && /^\d{1,6}(ms|s|m)$/.test(next ?? ''))
      options.balancerTimeout = argv[++i]!;
    else if (arg === '--crash') crash = true;
    else if (arg === '--gemeenten' && positive(next) && positive(next)! <= 380)
      options.gemeenten = Number(argv[++i]);
    else if (arg === '--max-rows' && positive(next)) options.maxRows = Number(argv[++i]);
    else if (arg === '--concurrency' && positive(next)) options.concurrency = Number(argv[++i]);
    else if (arg === '--workers' && positive(next)) options.workers = Number(argv[++i]);
    else if (arg === '--nodes' && positive(next)) options.nodes = Number(argv[++i]);
    else if (arg === '--storage' && (next === 'file' || next === 's3'))
      options.storage = argv[++i] as 'file' | 's3';
    else if (arg === '--seed' && next !== undefined) options.seed = argv[++i]!;
    else if (arg === '--profile' && next !== undefined) options.profileDir = path.resolve(argv[++i]!);
    else if (arg === '--kill-every' && /^\d+(\.\d+)?-\d+(\.\d+)?$/.test(next ?? '')) {
      killEvery = argv[++i]!.split('-').map(Number) as [number, number];
    } else {
      process.stderr.write(
        `onbekende optie ${arg}; gebruik --gemeenten N (1-380), --max-rows N, --concurrency N, --workers N, --nodes N, --storage file|s3, --seed S, --json, --crash, --kill-every MIN-MAX, --profile DIR, --no-baseline, --balancer-timeout 10m\n`,
      );
      process.exit(2);
    }
  }
  if (crash) options.chaos = { minMs: killEvery[0] * 1000, maxMs: killEvery[1] * 1000, minKills: 6 };
  const alone = (options.nodes ?? 1) === 1 && (options.storage ?? 'file') === 'file';
  return { options, json, baseline: baseline && !alone };
}

function formatComparison(runs: Array<{ label: string; r: SurgeResult }>): string {
  const nl = (n: number, digits = 2) =>
    new Intl.NumberFormat('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
      n,
    );
  const rows = runs.map(({ label, r }) => [
    label,
    nl(r.uploadsPerSecond),
    nl(r.megabytesPerSecond),
    `${nl(r.latency.p50)} / ${nl(r.latency.p95)} / ${nl(r.latency.p99)}`,
    `${nl(r.receiptToReport.p50)} / ${nl(r.receiptToReport.p95)}`,
    `${nl(r.receiptToApproved.p50)} / ${nl(r.receiptToApproved.p95)}`,
    `${r.loadAverage.before[0]} → ${r.loadAverage.after[0]}`,
    r.reconciliation.ok && r.errors.length === 0 ? 'in orde' : 'NIET IN ORDE',
  ]);
  const head = [
    'run',
    'uploads/s',
    'MB/s',
    'upload p50 / p95 / p99 (s)',
    'ontvangst → technisch rapport p50 / p95 (s)',
    'ontvangst → goedgekeurd p50 / p95 (s)',
    'load',
    'controle',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return ['Naast elkaar, in één aanroep:', line(head), ...rows.map(line)].join('\n');
}

function labelOf(r: SurgeResult, crash: boolean): string {
  return `${r.nodes} node${r.nodes > 1 ? 's + HAProxy' : ''}, ${r.storage}${crash ? ', --crash' : ''}`;
}

/** Where receipt → report goes, per stage (PostgreSQL's clock, pgboss.job), and whose CPU it was. */
function formatStages(r: SurgeResult, nl: (n: number, digits?: number) => string): string[] {
  const s = r.stages;
  const stage = (label: string, t: StageTimes) =>
    `  ${label.padEnd(26)}p50 ${nl(t.p50)}  p95 ${nl(t.p95)}  max ${nl(t.max)}  som ${nl(t.sum, 1)} s  (n=${t.count})`;
  const c = r.cpuSeconds;
  return [
    'per stap (klok van PostgreSQL, taken in pgboss.job):',
    stage('controle wacht in de rij', s.checkWait),
    stage('controle loopt', s.checkRun),
    stage('ontvangst → controle klaar', s.receiptToCheckDone),
    stage('op-orde wacht in de rij', s.reportWait),
    stage('op-orde loopt (en wacht)', s.reportRun),
    `  naast een controle liepen gemiddeld ${nl(s.checksAtOnce)} andere controles en ${nl(s.reportsDuring)} op-orde-taken (gestart; een op-orde-taak wacht tot de controles van zijn proces klaar zijn); ${s.checksDuringUploads} controles begonnen tijdens de uploads`,
    `CPU-seconden                web ${nl(c.web, 1)} (tijdens uploads ${nl(c.webDuringUploads, 1)}), worker ${nl(c.worker, 1)} (tijdens uploads ${nl(c.workerDuringUploads, 1)})`,
  ];
}

function formatTable(r: SurgeResult): string {
  const nl = (n: number, digits = 2) =>
    new Intl.NumberFormat('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
      n,
    );
  const whole = (n: number) => new Intl.NumberFormat('nl-NL').format(n);
  const c = r.reconciliation;
  const list = (items: string[]) =>
    items.length === 0 ? '0' : `${items.length}: ${items.slice(0, 5).join('; ')}`;
  return [
    `Sluitingsdag aanleverronde 2018: ${whole(r.scale.gemeenten)} gemeenten, ${whole(r.scale.files)} bestanden, ${nl(r.scale.bytes / 1e6, 1)} MB`,
    `(Wmo ${whole(r.scale.wmoRows)} regels in totaal, grootste ${whole(r.scale.maxRows)}); ${r.concurrency} uploads tegelijk, ${r.nodes} webnode(s)${r.nodes > 1 ? ' achter HAProxy' : ''}, ${r.workers} worker(s), opslag ${r.storage}`,
    '',
    `uploads                     ${whole(r.uploads)} in ${nl(r.uploadSeconds, 1)} s`,
    `uploads per seconde         ${nl(r.uploadsPerSecond)}`,
    `MB per seconde              ${nl(r.megabytesPerSecond)}`,
    `uploadduur p50 / p95 / p99  ${nl(r.latency.p50)} / ${nl(r.latency.p95)} / ${nl(r.latency.p99)} s (max ${nl(r.latency.max)})`,
    `ontvangst → technisch rapport p50 ${nl(r.receiptToReport.p50)} s, p95 ${nl(r.receiptToReport.p95)} s (max ${nl(r.receiptToReport.max)}, n=${r.receiptToReport.count})`,
    `ontvangst → goedgekeurd     p50 ${nl(r.receiptToApproved.p50)} s, p95 ${nl(r.receiptToApproved.p95)} s (max ${nl(r.receiptToApproved.max)}, n=${r.receiptToApproved.count})`,
    ...formatStages(r, nl),
    `verwachte weigeringen       ${r.expectedRefusals} (hetzelfde bestand opnieuw)`,
    `fouten                      ${r.errors.length}${
      r.errors.length > 0
        ? `: ${r.errors
            .slice(0, 3)
            .map((e) => `${e.gemeente} ${e.status} ${e.detail}`)
            .join('; ')}`
        : ''
    }`,
    ...(r.kills.web + r.kills.worker > 0
      ? [
          `gestopt (SIGKILL)           web ${r.kills.web}×, worker ${r.kills.worker}×; ${r.retries} keer opnieuw geprobeerd, ${r.recoveredReceipts} ontvangstbewijzen via de weigering teruggevonden`,
        ]
      : []),
    `belasting (load average)    voor ${r.loadAverage.before.join(' ')}, na ${r.loadAverage.after.join(' ')}`,
    '',
    'Controle achteraf',
    `ontvangstbewijzen           ${whole(c.receipts)}; aanleveringen in de database ${whole(c.deliveriesInDatabase)}`,
    `kwijt                       ${list(c.lost)}`,
    `zonder ontvangstbewijs      ${list(c.unacknowledged)}`,
    `dubbel opgeslagen           ${c.duplicateFiles}`,
    `niet afgerond               ${list(c.notFinal)}`,
    `andere uitkomst             ${list(c.unexpectedOutcome)}`,
    `bestanden ontsleuteld       ${whole(c.filesVerified)}, controlegetal gelijk aan het ontvangstbewijs`,
    `bestanden zonder aanlevering ${c.orphanFiles}`,
    `taken                       ${list(c.jobProblems)} problemen; ${c.jobsRetried} opnieuw gestart na een gestopte worker`,
    `rapportmails                ${c.reportMails}; ${c.mailsResentAfterCrash} opnieuw na een gestopte worker; ${list(c.mailProblems)} problemen`,
    c.ok && r.errors.length === 0 ? 'IN ORDE: niets kwijt, niets dubbel' : 'NIET IN ORDE',
    '',
    'upload: van het begin van het verzoek tot het ontvangstbewijs (201). ontvangst → technisch rapport: tot',
    'het rapport in de database staat (goedgekeurd of afgekeurd, elke 100 ms gekeken), voor elke aanlevering;',
    'ontvangst → goedgekeurd: hetzelfde, alleen voor goede bestanden.',
  ].join('\n');
}

const { options, json, baseline } = readArgs(process.argv.slice(2));
const say = (text: string) => {
  if (!json) process.stderr.write(`${text}\n`);
};
let first: SurgeResult | undefined;
if (baseline) {
  say('Eerst dezelfde golf op één node met opslag op schijf (vergelijking; --no-baseline slaat dit over)…');
  const { chaos: _chaos, ...plain } = options;
  first = await runSurge({ ...plain, nodes: 1, storage: 'file', say });
  if (!json) process.stdout.write(`${formatTable(first)}\n\n`);
}
const result = await runSurge({ ...options, say });
if (json) process.stdout.write(`${JSON.stringify(first ? { ...result, baseline: first } : result)}\n`);
else {
  process.stdout.write(`${formatTable(result)}\n`);
  if (result.balancerLog.length > 0)
    process.stdout.write(`\nHAProxy, afwijkende verzoeken:\n${result.balancerLog.join('\n')}\n`);
  if (first)
    process.stdout.write(
      `\n${formatComparison([
        { label: labelOf(first, false), r: first },
        { label: labelOf(result, options.chaos !== undefined), r: result },
      ])}\n`,
    );
}
const failed = (r: SurgeResult | undefined) =>
  r !== undefined && (!r.reconciliation.ok || r.errors.length > 0);
if (failed(result) || failed(first)) process.exitCode = 1;
