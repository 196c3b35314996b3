// validateUpload: the technical check of one upload (one or more files, ZIPs unpacked) against a spec.
// Pure: bytes come in through ByteSource, the date through `today`; no files, clock or network here.
import type { MunicipalClassification } from '../classification/index.ts';
import type { ByteSource } from './byte-source.ts';
import { validateFile, type ValidatedFile } from './file-validator.ts';
import { FindingList } from './finding-list.ts';
import { createSha256, type Hasher } from './sha256-hasher.ts';
import { compileSpec, type CompiledSpec } from './spec-compiler.ts';
import type { FileReport, Report } from './validation-report.ts';
import type { Spec, SpecUploadRule } from './validation-spec.ts';
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
}

const compiledSpecs = new WeakMap<Spec, CompiledSpec>();

export async function validateUpload(
  sources: readonly ByteSource[],
  options: ValidateOptions,
): Promise<Report> {
  let compiled = compiledSpecs.get(options.spec);
  if (!compiled) {
    compiled = compileSpec(options.spec);
    compiledSpecs.set(options.spec, compiled);
  }
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
  const check = async (source: ByteSource) => {
    const result = await validateFile(source, ctx);
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
  checkUploadRules(files, validated, upload, compiled);
  const rejected = upload.hasError || files.some((f) => f.status === 'rejected');
  return {
    reportVersion: 1,
    spec: compiled.id,
    status: rejected ? 'rejected' : 'approved',
    findings: upload.findings,
    files,
  };
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

function checkUploadRules(
  files: FileReport[],
  validated: ValidatedFile[],
  upload: FindingList,
  compiled: CompiledSpec,
): void {
  for (const rule of compiled.spec.uploadRules) {
    switch (rule.kind) {
      case 'uniqueTypePeriod': {
        const seen = new Map<string, string>();
        for (const file of files) {
          if (!file.type || !file.period) continue;
          const key = `${file.type}|${file.period}`;
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, file.name);
            continue;
          }
          pushUploadFinding(
            upload,
            'upload.duplicate_type_period',
            rule.severity ?? compiled.severity('upload.duplicate_type_period'),
            `"${file.name}" en "${first}" zijn allebei een ${labelOf(compiled, file.type)}-bestand voor ${file.period}. Lever per soort en periode één bestand.`,
            file.name,
          );
        }
        break;
      }
      case 'sameGemeente': {
        const codes = [...new Set(files.map((f) => f.gemeentecode).filter((c): c is string => c !== null))];
        if (codes.length > 1) {
          pushUploadFinding(
            upload,
            'upload.mixed_gemeenten',
            rule.severity ?? compiled.severity('upload.mixed_gemeenten'),
            `De aanlevering bevat bestanden van meer dan één gemeente (${codes.join(', ')}). Lever de bestanden van elke gemeente apart aan.`,
          );
        }
        break;
      }
      case 'maxPeriods': {
        const periods = [
          ...new Set(files.map((f) => f.period).filter((p): p is string => p !== null)),
        ].sort();
        if (periods.length > rule.max) {
          pushUploadFinding(
            upload,
            'upload.too_many_periods',
            rule.severity ?? compiled.severity('upload.too_many_periods'),
            `De aanlevering bevat bestanden voor ${periods.length} perioden (${periods.join(', ')}). Lever het lopende halfjaar en hoogstens het halfjaar ervoor.`,
          );
        }
        break;
      }
      case 'codesCovered':
        checkCodesCovered(rule, validated, upload, compiled);
        break;
    }
  }
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
      pushUploadFinding(
        upload,
        'upload.code_without_records',
        rule.severity ?? compiled.severity('upload.code_without_records'),
        `"${report.name}" noemt ${rule.codes.field} ${code}, maar ${names} (${labelOf(compiled, rule.in.type)}, ${report.period}) heeft geen records met ${rule.in.field} ${code}. Controleer de ${rule.codes.field} in "${report.name}" of lever de ontbrekende records aan.`,
        report.name,
        code,
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
): void {
  upload.add(code, severity, undefined, undefined, message, value);
  const last = upload.findings[upload.findings.length - 1];
  if (file !== undefined && last && last.message === message) last.file = file;
}

function labelOf(compiled: CompiledSpec, type: string): string {
  return compiled.fileTypes.find((t) => t.type === type)?.label ?? type;
}
