// `ggk validate`'s work (validate-command.ts declares the command): the technical check as
// shared/contracts/validation-report.md describes it. Exit 0 approved, 1 rejected, 2 could not judge
// (bad arguments, missing file). A bad FILE is never a 2: it is a rejection with findings.
import { loadClassification } from '../../modules/classification/index.ts';
import {
  fileOutcome,
  newestSpec,
  specForPeriod,
  uploadOutcome,
  validateUpload,
  type ByteSource,
  type Finding,
  type Report,
  type Spec,
} from '../../modules/validation/index.ts';
import { createNodeSha256, openFileByteSource } from '../../platform/files/file-byte-source.ts';
import { loadSpecs } from '../spec-catalogue.ts';
import {
  createThreadedCheck,
  THREADS_PAY_FROM_BYTES,
  type ThreadedCheck,
} from '../../modules/validation-threads/index.ts';

const EXIT_APPROVED = 0;
const EXIT_REJECTED = 1;
export const EXIT_CANNOT_JUDGE = 2;
const NAME_PERIOD = /_(\d{4})H([12])\.[^./]+$/i;
const SUMMARY_FINDINGS_PER_FILE = 20;

export interface ValidateFlags {
  json?: boolean;
  gemeente?: string;
  period?: string;
  today?: string;
  spec?: string;
  /**
   * Files in parts on worker threads: true (--threads) from 8 MiB, false (--no-threads) never; by
   * default from 48 MiB on a machine with more than one core (see below).
   */
  threads?: boolean;
}

/** A problem with the arguments: the command cannot judge. */
class UsageError extends Error {}

export async function runValidate(files: string[], flags: ValidateFlags): Promise<number> {
  let report: Report;
  let threads: ThreadedCheck | undefined;
  try {
    const options = checkFlags(flags);
    const sources = await openSources(files);
    // Large files on every core: the same report (threaded-check.test). By default only from 48 MiB,
    // where they pay (THREADS_PAY_FROM_BYTES: measured there), --threads from 8 MiB. They cost ~40-70 MB
    // more memory. The workers start here, while the spec and the classification load.
    if (flags.threads !== false) {
      const runner = createThreadedCheck(flags.threads ? {} : { minBytes: THREADS_PAY_FROM_BYTES });
      if (sources.some((source) => source.size >= runner.minBytes) && runner.warm()) threads = runner;
      else await runner.close();
    }
    const spec = selectSpec(loadSpecs(), options.specId, options.period, sources);
    const progress = createProgress(sources);
    report = await validateUpload(sources, {
      ...(threads ? { parts: threads } : {}),
      spec,
      classification: loadClassification(),
      today: options.today,
      createHasher: createNodeSha256,
      ...(options.gemeente !== undefined ? { gemeente: options.gemeente } : {}),
      ...(options.period !== undefined ? { period: options.period } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    });
    progress?.done();
  } catch (error) {
    const message = error instanceof UsageError ? error.message : `onverwachte fout: ${describeError(error)}`;
    process.stderr.write(`ggk validate: ${message}\n`);
    return EXIT_CANNOT_JUDGE;
  } finally {
    await threads?.close();
  }
  process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatSummary(report));
  return report.status === 'approved' ? EXIT_APPROVED : EXIT_REJECTED;
}

function checkFlags(flags: ValidateFlags): {
  gemeente?: string;
  period?: string;
  today: string;
  specId?: string;
} {
  if (flags.gemeente !== undefined && !/^\d{4}$/.test(flags.gemeente)) {
    throw new UsageError(
      `--gemeente moet een CBS-gemeentecode van 4 cijfers zijn, bijvoorbeeld 0363 (niet "${flags.gemeente}").`,
    );
  }
  const period = flags.period?.toUpperCase();
  if (period !== undefined && !/^\d{4}H[12]$/.test(period)) {
    throw new UsageError(
      `--period moet de vorm JJJJH1 of JJJJH2 hebben, bijvoorbeeld 2017H2 (niet "${flags.period}").`,
    );
  }
  const today = flags.today ?? todayInAmsterdam();
  if (!isRealIsoDate(today)) {
    throw new UsageError(`--today moet een bestaande datum in de vorm JJJJ-MM-DD zijn (niet "${today}").`);
  }
  return {
    today,
    ...(flags.gemeente !== undefined ? { gemeente: flags.gemeente } : {}),
    ...(period !== undefined ? { period } : {}),
    ...(flags.spec !== undefined ? { specId: flags.spec } : {}),
  };
}

async function openSources(files: string[]): Promise<ByteSource[]> {
  const sources: ByteSource[] = [];
  for (const file of files) {
    try {
      sources.push(await openFileByteSource(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT'
          ? `bestand niet gevonden: ${file}`
          : `bestand kan niet geopend worden: ${file} (${describeError(error)})`,
      );
    }
  }
  return sources;
}

export function selectSpec(
  specs: Spec[],
  id: string | undefined,
  period: string | undefined,
  sources: ByteSource[],
): Spec {
  if (id !== undefined) {
    const spec = specs.find((s) => s.id === id);
    if (!spec)
      throw new UsageError(
        `onbekende specificatie "${id}"; beschikbaar: ${specs.map((s) => s.id).join(', ')}.`,
      );
    return spec;
  }
  if (period !== undefined) {
    const spec = specForPeriod(specs, period);
    if (!spec) throw new UsageError(`er is geen specificatie voor periode ${period}.`);
    return spec;
  }
  for (const source of sources) {
    const m = NAME_PERIOD.exec(source.name);
    const spec = m ? specForPeriod(specs, `${m[1]}H${m[2]}`) : undefined;
    if (spec) return spec;
  }
  // Nothing tells the period: judge by the newest spec; the findings then say what is missing.
  const newest = newestSpec(specs);
  if (!newest) throw new UsageError('er is geen specificatie gevonden in specs/.');
  return newest;
}

function createProgress(sources: ByteSource[]): { update: (bytes: number) => void; done: () => void } | null {
  if (!process.stderr.isTTY) return null;
  const total = sources.reduce((sum, s) => sum + s.size, 0);
  if (total < 8 * 1024 * 1024) return null;
  let last = 0;
  return {
    update: (bytes) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const percent = Math.min(100, Math.floor((bytes / total) * 100));
      process.stderr.write(
        `\rControleren… ${percent}% (${(bytes / 1048576).toFixed(0)} van ${(total / 1048576).toFixed(0)} MB)`,
      );
    },
    done: () => process.stderr.write('\r\x1b[K'),
  };
}

const TYPE_LABELS: Record<string, string> = {
  wmo: 'Wmo',
  'wmo-kosten': 'Wmo kosten',
  sbw: 'SBW',
  jeugd: 'Jeugd',
};
const SEVERITY_LABELS: Record<string, string> = { error: 'fout', warning: 'waarschuwing', info: 'info' };

/** The readable Dutch summary printed without --json. */
export function formatSummary(report: Report): string {
  const lines: string[] = [];
  const outcome = uploadOutcome(report);
  const verdict =
    outcome === 'approved'
      ? 'GOEDGEKEURD'
      : outcome === 'rejected'
        ? 'AFGEKEURD'
        : 'GEDEELTELIJK GOEDGEKEURD';
  const approved = report.files.filter((f) => fileOutcome(f) === 'approved').length;
  lines.push(
    `Aanlevering ${verdict} (specificatie ${report.spec}, ${report.files.length} bestand(en): ${approved} goedgekeurd, ${report.files.length - approved} afgekeurd)`,
  );
  for (const finding of report.findings) lines.push(`  ${formatFinding(finding)}`);
  for (const file of report.files) {
    lines.push('');
    const what = [
      file.type ? TYPE_LABELS[file.type] : 'soort onbekend',
      file.gemeentecode ? `gemeente ${file.gemeentecode}` : null,
      file.period,
    ].filter(Boolean);
    lines.push(
      `${file.name}: ${fileOutcome(file) === 'approved' ? 'goedgekeurd' : 'afgekeurd'} (${what.join(', ')})`,
    );
    lines.push(
      `  ${file.rows.total} records, ${file.rows.withErrors} met fouten, ${file.rows.withWarnings} met alleen waarschuwingen`,
    );
    for (const finding of file.findings.slice(0, SUMMARY_FINDINGS_PER_FILE))
      lines.push(`  ${formatFinding(finding)}`);
    const total = Object.values(file.counts).reduce((sum, n) => sum + (n ?? 0), 0);
    if (total > SUMMARY_FINDINGS_PER_FILE) {
      lines.push(
        `  … en nog ${total - Math.min(SUMMARY_FINDINGS_PER_FILE, file.findings.length)} bevindingen. Per soort:`,
      );
      for (const [code, count] of Object.entries(file.counts)) lines.push(`    ${code}: ${count}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function formatFinding(finding: Finding): string {
  const where = [
    finding.line !== undefined ? `regel ${finding.line}` : null,
    finding.column ? `kolom ${finding.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const value = finding.value !== undefined ? ` [waarde: ${finding.value}]` : '';
  const file = finding.file ? ` (${finding.file})` : '';
  return `${SEVERITY_LABELS[finding.severity] ?? finding.severity}${where ? ` ${where}` : ''}${file}: ${finding.message}${value}`;
}

function todayInAmsterdam(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

function isRealIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
