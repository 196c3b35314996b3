// validateUpload: the technical check of one upload (one or more files, ZIPs unpacked) against a spec.
// Pure: bytes come in through ByteSource, the date through `today`; no files, clock or network here.
import { detail, type FindingDetail } from './finding-details.ts';
import type { MunicipalClassification } from '../classification/index.ts';
import type { ByteSource } from '../../platform/bytes/byte-source.ts';
import { identifyFileType, validateFile, type ValidatedFile } from './file-validator.ts';
import { FindingList } from './finding-list.ts';
import { validateFileInParts, type FilePartRunner } from './file-parts.ts';
import { createSha256, type Hasher } from '../../platform/bytes/sha256-hasher.ts';
import { compileSpec, type CompiledSpec } from './spec-compiler.ts';
import type { FileReport, Report, UploadOutcome } from './validation-report.ts';
import type { FileType, Spec, SpecUploadRule } from './validation-spec.ts';
import { DEFAULT_ZIP_LIMITS, isZip, openZip, type ZipLimits } from './zip/index.ts';

export interface ValidateOptions {
  spec: Spec;
  classification: MunicipalClassification;
  /** The delivering municipality, 4 digits ("0363"). */
  gemeente?: string;
  /** The delivered half year ("2017H2"); when absent, taken from the file names or content. */
  period?: string;
  /** The date the upload is judged on, YYYY-MM-DD. */
  today: string;
  /** Called after every chunk with the bytes read so far in the whole upload. */
  onProgress?: (bytesDone: number) => void;
  /**
   * Hash for files[].sha256, given the file's size; the default is pure TypeScript, Node passes
   * node:crypto's (createNodeSha256).
   */
  createHasher?: (sizeHint: number) => Hasher;
  zipLimits?: ZipLimits;
  /**
   * Checks large files in parts on other threads (Node: modules/validation-threads), with the same
   * report; without it every file is checked on this thread.
   */
  parts?: FilePartRunner;
}

const compiledSpecs = new WeakMap<Spec, CompiledSpec>();

function compiledOf(spec: Spec): CompiledSpec {
  let compiled = compiledSpecs.get(spec);
  if (!compiled) {
    compiled = compileSpec(spec);
    compiledSpecs.set(spec, compiled);
  }
  return compiled;
}

/**
 * The type the check will give each file of an upload (each CSV entry of a ZIP: "MSD.zip/WMO_….csv"),
 * from its name and header line only: cheap enough to run before an upload is acknowledged. An
 * archive the check refuses as a whole (unsafe, invalid) lists nothing; its entries are never judged.
 */
export async function identifyFileTypes(
  sources: readonly ByteSource[],
  options: { spec: Spec; zipLimits?: ZipLimits },
): Promise<Array<{ name: string; type: FileType | null }>> {
  const compiled = compiledOf(options.spec);
  const types: Array<{ name: string; type: FileType | null }> = [];
  for (const source of sources) {
    const head = source.size >= 4 ? await source.read(0, 4) : new Uint8Array(0);
    if (!isZip(head)) {
      types.push({ name: source.name, type: await identifyFileType(source, compiled) });
      continue;
    }
    const zip = await openZip(source, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
    if (zip.problems.some((p) => p.code !== 'zip.ignored_entry')) continue;
    for (const entry of zip.entries)
      types.push({ name: entry.name, type: await identifyFileType(entry, compiled) });
  }
  return types;
}

export async function validateUpload(
  sources: readonly ByteSource[],
  options: ValidateOptions,
): Promise<Report> {
  const compiled = compiledOf(options.spec);
  const today = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.today);
  if (!today) throw new Error(`today moet JJJJ-MM-DD zijn, niet "${options.today}"`);
  let bytesDone = 0;
  const ctx = {
    compiled,
    classification: options.classification,
    today: Number(`${today[1]}${today[2]}${today[3]}`),
    createHasher: options.createHasher ?? createSha256,
    onBytes: (n: number) => {
      bytesDone += n;
      options.onProgress?.(bytesDone);
    },
    ...(options.gemeente !== undefined ? { gemeente: options.gemeente } : {}),
    ...(options.period !== undefined ? { period: options.period } : {}),
    collect: fieldsToCollect(compiled.spec.uploadRules),
  };
  const upload = new FindingList();
  const files: FileReport[] = [];
  // Per validated file, the codes upload rules need (a few per file: code lists are short).
  const validated: ValidatedFile[] = [];
  const parts = options.parts;
  const check = async (source: ByteSource) => {
    const inParts =
      parts !== undefined && source.size >= parts.minBytes && parts.accepts(source)
        ? await validateFileInParts(source, ctx, parts)
        : null;
    const result = inParts ?? (await validateFile(source, ctx));
    validated.push(result);
    files.push(result.report);
  };
  for (const source of sources) {
    const head = source.size >= 4 ? await source.read(0, 4) : new Uint8Array(0);
    if (!isZip(head)) {
      await check(source);
      continue;
    }
    const zip = await openZip(source, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
    const refusal = zip.problems.filter((p) => p.code !== 'zip.ignored_entry');
    if (refusal.length > 0) {
      files.push(await describeRefusedArchive(source, refusal, ctx.createHasher, compiled));
      continue;
    }
    for (const problem of zip.problems) {
      const file = problem.entry !== undefined ? `${source.name}/${problem.entry}` : source.name;
      pushUploadFinding(upload, problem.code, compiled.severity(problem.code), problem.message, file);
    }
    for (const entry of zip.entries) await check(entry);
  }
  const judged = checkUploadRules(
    files,
    validated,
    upload,
    compiled,
    options.gemeente,
    reorganisationsOf(compiled, options.classification, options.gemeente),
  );
  const rejected = upload.hasError || files.some((f) => f.status === 'rejected');
  // Per-file verdicts (extension): a file's own findings, plus the upload errors that judge it.
  for (const file of files) {
    const out = file.status === 'rejected' || judged.all || judged.files.has(file.name);
    file.outcome = out ? 'rejected' : 'approved';
  }
  // An error that judged no file still rejects the upload: then it judges every file.
  if (rejected && files.every((f) => f.outcome === 'approved'))
    for (const file of files) file.outcome = 'rejected';
  const approvedFiles = files.filter((f) => f.outcome === 'approved').length;
  const outcome: UploadOutcome =
    files.length > 0 && approvedFiles === files.length
      ? 'approved'
      : approvedFiles === 0
        ? 'rejected'
        : 'partially_approved';
  return {
    reportVersion: 1,
    spec: compiled.id,
    status: rejected ? 'rejected' : 'approved',
    outcome,
    findings: upload.findings,
    files,
  };
}

/** Which files the upload's errors reject: every file (`all`) or the named ones. */
interface UploadJudgement {
  all: boolean;
  files: Set<string>;
}

async function describeRefusedArchive(
  source: ByteSource,
  problems: { code: 'zip.invalid' | 'zip.unsafe' | 'zip.ignored_entry'; entry?: string; message: string }[],
  createHasher: (sizeHint: number) => Hasher,
  compiled: CompiledSpec,
): Promise<FileReport> {
  const list = new FindingList();
  for (const p of problems) list.add(p.code, compiled.severity(p.code), undefined, undefined, p.message);
  const hasher = createHasher(source.size);
  let bytes = 0;
  try {
    for await (const chunk of source.stream()) {
      hasher.update(chunk);
      bytes += chunk.length;
    }
  } catch {
    // The archive is refused anyway; a read error only leaves the hash incomplete.
  }
  return {
    name: source.name,
    sha256: await hasher.digest(),
    bytes,
    type: null,
    gemeentecode: null,
    period: null,
    status: 'rejected',
    rows: { total: 0, withErrors: 0, withWarnings: 0 },
    counts: list.counts,
    findings: list.findings,
    findingsTruncated: list.truncated,
  };
}

/** Per file type, the code fields whose distinct codes the upload rules compare across files. */
function fieldsToCollect(rules: readonly SpecUploadRule[]): Map<string, string[]> {
  const collect = new Map<string, string[]>();
  for (const rule of rules) {
    if (rule.kind !== 'codesCovered') continue;
    for (const { type, field } of [rule.codes, rule.in])
      collect.set(type, [...(collect.get(type) ?? []), field]);
  }
  return collect;
}

/** How upload rules see gemeenten that merged or split (spec `reorganisations`). */
interface Reorganisations {
  /** The gemeente a file is delivered for: a predecessor's code counts as its successor's. */
  delivererOf(file: FileReport): string | null;
  /** Whether the file's gemeente merged or split after its period, or took over others' area. */
  reorganised(file: FileReport): boolean;
}

function reorganisationsOf(
  compiled: CompiledSpec,
  classification: MunicipalClassification,
  gemeente: string | undefined,
): Reorganisations {
  if (compiled.spec.reorganisations?.successorDeliversBeforeFormation !== true)
    return { delivererOf: (f) => f.gemeentecode, reorganised: () => false };
  const lastDay = (period: string) => `${period.slice(0, 4)}-${period.endsWith('H1') ? '06-30' : '12-31'}`;
  // A year without a classification cannot be judged here (gemeente.unknown is not judged either).
  const safely = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  return {
    delivererOf: (f) => {
      const code = f.gemeentecode;
      if (code === null || f.period === null) return code;
      const day = lastDay(f.period);
      if (gemeente !== undefined)
        return safely(() => classification.predecessorsOf(gemeente, day), []).some(
          (p) => p.gemeentecode === code,
        )
          ? gemeente
          : code;
      // Without a delivering gemeente: a predecessor that went wholly to one successor counts as it.
      const successors = safely(() => classification.successorsOf(code, day), []);
      return successors.length === 1 && successors[0]!.geheel ? successors[0]!.gemeentecode : code;
    },
    reorganised: (f) => {
      const code = f.gemeentecode;
      if (code === null || f.period === null) return false;
      const day = lastDay(f.period);
      return (
        safely(() => classification.successorsOf(code, day), []).length > 0 ||
        safely(() => classification.predecessorsOf(code, day), []).length > 0
      );
    },
  };
}

function checkUploadRules(
  files: FileReport[],
  validated: ValidatedFile[],
  upload: FindingList,
  compiled: CompiledSpec,
  gemeente: string | undefined,
  reorganisations: Reorganisations,
): UploadJudgement {
  const judged: UploadJudgement = { all: false, files: new Set() };
  // Errors from the ZIP reader (none today: they refuse the archive as a file) judge the upload.
  if (upload.hasError) judged.all = true;
  /** Records what an error of this rule judges; warnings and info judge nothing. */
  const judge = (rule: SpecUploadRule, severity: string, about: readonly string[]) => {
    if (severity !== 'error') return;
    if ((rule.scope ?? 'upload') === 'upload') judged.all = true;
    else for (const name of about) judged.files.add(name);
  };
  for (const rule of compiled.spec.uploadRules) {
    switch (rule.kind) {
      case 'uniqueTypePeriod': {
        const seen = new Map<string, string>();
        for (const file of files) {
          if (!file.type || !file.period) continue;
          // A successor may deliver one file per predecessor (and its own) for a half year before it
          // was formed: for those, the gemeente is part of what makes a file unique.
          const key = `${file.type}|${file.period}${reorganisations.reorganised(file) ? `|${file.gemeentecode}` : ''}`;
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, file.name);
            continue;
          }
          const severity = rule.severity ?? compiled.severity('upload.duplicate_type_period');
          // Neither file can be the one in force: both are judged.
          const about = [file.name, first];
          pushUploadFinding(
            upload,
            'upload.duplicate_type_period',
            severity,
            `"${file.name}" en "${first}" zijn allebei een ${labelOf(compiled, file.type)}-bestand voor ${file.period}. Lever per soort en periode één bestand.`,
            file.name,
            undefined,
            rule.scope === 'file' ? about : undefined,
            detail('upload.duplicate_type_period', {
              file: file.name,
              other: first,
              type: labelOf(compiled, file.type),
              period: file.period,
            }),
          );
          judge(rule, severity, about);
        }
        break;
      }
      case 'sameGemeente': {
        const codes = [...new Set(files.map((f) => f.gemeentecode).filter((c): c is string => c !== null))];
        const deliverers = new Set(
          files.map((f) => reorganisations.delivererOf(f)).filter((c) => c !== null),
        );
        if (deliverers.size > 1) {
          const severity = rule.severity ?? compiled.severity('upload.mixed_gemeenten');
          // About the files of another gemeente than the delivering one; without one, about them all.
          const about = files
            .filter(
              (f) =>
                f.gemeentecode !== null &&
                (gemeente === undefined || reorganisations.delivererOf(f) !== gemeente),
            )
            .map((f) => f.name);
          pushUploadFinding(
            upload,
            'upload.mixed_gemeenten',
            severity,
            `De aanlevering bevat bestanden van meer dan één gemeente (${codes.join(', ')}). Lever de bestanden van elke gemeente apart aan.`,
            undefined,
            undefined,
            rule.scope === 'file' ? about : undefined,
            detail('upload.mixed_gemeenten', { gemeenten: codes.join(', ') }),
          );
          judge(rule, severity, about);
        }
        break;
      }
      case 'maxPeriods': {
        const periods = [
          ...new Set(files.map((f) => f.period).filter((p): p is string => p !== null)),
        ].sort();
        if (periods.length > rule.max) {
          const severity = rule.severity ?? compiled.severity('upload.too_many_periods');
          pushUploadFinding(
            upload,
            'upload.too_many_periods',
            severity,
            `De aanlevering bevat bestanden voor ${periods.length} perioden (${periods.join(', ')}). Lever het lopende halfjaar en hoogstens het halfjaar ervoor.`,
            undefined,
            undefined,
            undefined,
            detail('upload.too_many_periods', { count: String(periods.length), periods: periods.join(', ') }),
          );
          judge(
            rule,
            severity,
            files.map((f) => f.name),
          );
        }
        break;
      }
      case 'codesCovered':
        checkCodesCovered(rule, validated, upload, compiled, judge);
        break;
    }
  }
  return judged;
}

/**
 * X-04 and the like: a code in `rule.codes` of one file without a record with that code in `rule.in`
 * of the files of the same period. Judged only against files whose column was read: an upload
 * without such a file (delivered separately) says nothing about its records.
 */
function checkCodesCovered(
  rule: Extract<SpecUploadRule, { kind: 'codesCovered' }>,
  validated: ValidatedFile[],
  upload: FindingList,
  compiled: CompiledSpec,
  judge: (rule: SpecUploadRule, severity: string, about: readonly string[]) => void,
): void {
  const except = new Set(rule.except ?? []);
  for (const { report, codes } of validated) {
    if (report.type !== rule.codes.type || report.period === null) continue;
    const used = codes.get(rule.codes.field);
    if (!used) continue;
    const covering = validated.filter(
      (v) =>
        v.report.type === rule.in.type && v.report.period === report.period && v.codes.has(rule.in.field),
    );
    if (covering.length === 0) continue;
    const present = new Set(covering.flatMap((v) => v.codes.get(rule.in.field) ?? []));
    const names = covering.map((v) => `"${v.report.name}"`).join(' en ');
    for (const code of used) {
      if (except.has(code) || present.has(code)) continue;
      const severity = rule.severity ?? compiled.severity('upload.code_without_records');
      judge(rule, severity, [report.name]);
      pushUploadFinding(
        upload,
        'upload.code_without_records',
        severity,
        `"${report.name}" noemt ${rule.codes.field} ${code}, maar ${names} (${labelOf(compiled, rule.in.type)}, ${report.period}) heeft geen records met ${rule.in.field} ${code}. Controleer de ${rule.codes.field} in "${report.name}" of lever de ontbrekende records aan.`,
        report.name,
        code,
        rule.scope === 'file' ? [report.name] : undefined,
        detail('upload.code_without_records', {
          file: report.name,
          field: rule.codes.field,
          code,
          others: covering.map((v) => v.report.name).join(', '),
          type: labelOf(compiled, rule.in.type),
          period: report.period,
          otherField: rule.in.field,
        }),
      );
    }
  }
}

function pushUploadFinding(
  upload: FindingList,
  code: Parameters<FindingList['add']>[0],
  severity: Parameters<FindingList['add']>[1],
  message: string,
  file?: string,
  value?: string,
  about?: string[],
  findingDetail?: FindingDetail,
): void {
  const before = upload.findings.length;
  upload.add(code, severity, undefined, undefined, message, value, findingDetail);
  const last = upload.findings.length > before ? upload.findings[before] : undefined;
  if (last && file !== undefined) last.file = file;
  if (last && about !== undefined) last.files = about;
}

function labelOf(compiled: CompiledSpec, type: string): string {
  return compiled.fileTypes.find((t) => t.type === type)?.label ?? type;
}
