// The spec as data: what a delivery must look like, per file type. The engine is generic; everything
// that differs between protocol versions (columns, formats, code lists, severities, rules) lives in a
// spec file such as specs/gmsd/2017.json. loadSpec checks a spec at load and lists every problem, so a
// broken spec fails loudly at start-up instead of silently approving deliveries.
import { z } from 'zod';

export const FINDING_CODES = [
  'file.unreadable',
  'file.empty',
  'file.encoding',
  'file.type_unknown',
  'file.name_pattern',
  'file.name_content_mismatch',
  'zip.invalid',
  'zip.unsafe',
  'zip.ignored_entry',
  'header.missing_column',
  'header.unknown_column',
  'row.column_count',
  'field.required',
  'field.format',
  'field.date_invalid',
  'field.amount_invalid',
  'field.code_unknown',
  'field.bsn_elfproef',
  'gemeente.unknown',
  'gemeente.mismatch',
  'gemeente.mixed',
  'period.mismatch',
  'period.outside',
  'date.order',
  'date.future',
  'record.duplicate_line',
  'record.duplicate_key',
  'upload.duplicate_type_period',
  'upload.mixed_gemeenten',
  'upload.too_many_periods',
  // Extensions of the contract (docs/validation-report-extensions.md).
  'field.mixed',
  'upload.code_without_records',
  'field.bsn_test',
  'file.delimiter',
  'date.before_period',
  'field.date_format',
  'record.amount_ratio',
  // Added by the portal after the engine, not by the engine (deliveries, checkDelivery).
  'file.already_delivered',
  'gemeente.predecessors',
  'file.area_overlap',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = 'error' | 'warning' | 'info';
/** The four file types of the monitor, in their usual order: the one list every module uses. */
export const FILE_TYPES = ['wmo', 'wmo-kosten', 'sbw', 'jeugd'] as const;
export type FileType = (typeof FILE_TYPES)[number];

const severity = z.enum(['error', 'warning', 'info']);
const severityMap = z.record(z.string(), severity).superRefine((map, ctx) => {
  for (const key of Object.keys(map)) {
    if (!(FINDING_CODES as readonly string[]).includes(key)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `onbekende bevindingcode "${key}"`, path: [key] });
    }
  }
});
const periodText = z.string().regex(/^\d{4}H[12]$/, 'verwacht JJJJH1 of JJJJH2');
const compactDate = z.string().regex(/^\d{8}$/, 'verwacht JJJJMMDD');

const fieldBase = {
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'kolomnaam in kleine letters, cijfers en _'),
  label: z.string().optional(),
  required: z.boolean(),
  /** The column may be absent from the header without a finding (facultatief). */
  optionalColumn: z.boolean().optional(),
  role: z.enum(['aanmaakdatum', 'gemeentecode', 'periode']).optional(),
  severities: severityMap.optional(),
};

const fieldSchema = z.discriminatedUnion('type', [
  z.object({ ...fieldBase, type: z.literal('date'), minDate: compactDate.optional() }).strict(),
  z
    .object({
      ...fieldBase,
      type: z.literal('digits'),
      length: z.number().int().positive().optional(),
      maxLength: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      ...fieldBase,
      type: z.literal('bsn'),
      /** Test numbers (inclusive range of 9-digit values), refused as field.bsn_test. */
      testRange: z
        .object({ from: z.string().regex(/^\d{9}$/), to: z.string().regex(/^\d{9}$/) })
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ ...fieldBase, type: z.literal('code'), codeList: z.string() }).strict(),
  z
    .object({
      ...fieldBase,
      type: z.literal('text'),
      maxLength: z.number().int().positive(),
      /** Severity of a value that is not all digits (field.format); absent = any text is fine. */
      nonNumeric: severity.optional(),
    })
    .strict(),
  z
    .object({
      ...fieldBase,
      type: z.literal('amount'),
      integerDigits: z.number().int().positive().max(15),
      decimals: z.number().int().min(0).max(4),
      /** Severity of a negative amount; absent = negative amounts are fine. */
      negative: severity.optional(),
    })
    .strict(),
  z.object({ ...fieldBase, type: z.literal('period') }).strict(),
]);

const ruleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      id: z.string(),
      kind: z.literal('singleGemeente'),
      field: z.string(),
      severity: severity.optional(),
    })
    .strict(),
  z
    .object({
      id: z.string(),
      kind: z.literal('dateOrder'),
      start: z.array(z.string()).min(1),
      end: z.string(),
      severity: severity.optional(),
    })
    .strict(),
  z
    .object({
      id: z.string(),
      kind: z.literal('periodOverlap'),
      start: z.array(z.string()).min(1),
      end: z.array(z.string()),
      severity: severity.optional(),
    })
    .strict(),
  z
    .object({
      id: z.string(),
      kind: z.literal('notFuture'),
      field: z.string(),
      notAfter: z.array(z.union([z.literal('today'), z.string()])).min(1),
      severity: severity.optional(),
    })
    .strict(),
  z
    .object({
      id: z.string(),
      kind: z.literal('requires'),
      if: z.string(),
      then: z.string(),
      /** Only when `if` is a date within the delivered half year. */
      ifInPeriod: z.boolean().optional(),
      severity: severity.optional(),
    })
    .strict(),
  /** A date that should not lie before another date of the record (date.order). */
  z
    .object({
      id: z.string(),
      kind: z.literal('notBefore'),
      field: z.string(),
      reference: z.string(),
      severity: severity.optional(),
    })
    .strict(),
  /** A date that may not lie before the first day of the delivered half year (date.before_period). */
  z
    .object({
      id: z.string(),
      kind: z.literal('notBeforePeriod'),
      field: z.string(),
      severity: severity.optional(),
    })
    .strict(),
  /** Two amounts of a record that should not differ by more than `factor` (record.amount_ratio). */
  z
    .object({
      id: z.string(),
      kind: z.literal('amountRatio'),
      fields: z.tuple([z.string(), z.string()]),
      factor: z.number().gt(1),
      severity: severity.optional(),
    })
    .strict(),
  z
    .object({
      id: z.string(),
      kind: z.literal('oneOfRequired'),
      fields: z.array(z.string()).min(2),
      severity: severity.optional(),
    })
    .strict(),
  z.object({ id: z.string(), kind: z.literal('uniqueKey'), severity: severity.optional() }).strict(),
  z.object({ id: z.string(), kind: z.literal('uniqueLine'), severity: severity.optional() }).strict(),
  /** The field has the same value on every record of the file (field.mixed); empty values are left to `required`. */
  z
    .object({
      id: z.string(),
      kind: z.literal('sameValue'),
      field: z.string(),
      severity: severity.optional(),
    })
    .strict(),
]);

/** A code field of one file type, for upload rules. */
const typeField = z.object({ type: z.enum(FILE_TYPES), field: z.string() }).strict();

/**
 * Which files an upload rule's finding judges. "file": only the files the finding is about (named in
 * its `file`/`files`); the other files of the upload keep their own verdict. "upload" (the default,
 * as before per-file verdicts): every file of the upload.
 */
const uploadScope = z.enum(['file', 'upload']);

const uploadRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      id: z.string(),
      kind: z.literal('sameGemeente'),
      severity: severity.optional(),
      scope: uploadScope.optional(),
    })
    .strict(),
  z
    .object({
      id: z.string(),
      kind: z.literal('uniqueTypePeriod'),
      severity: severity.optional(),
      scope: uploadScope.optional(),
    })
    .strict(),
  z
    .object({
      id: z.string(),
      kind: z.literal('maxPeriods'),
      max: z.number().int().positive(),
      severity: severity.optional(),
      scope: uploadScope.optional(),
    })
    .strict(),
  /**
   * Every code of `codes` in a file must occur in `in` of a file of the same period in the upload
   * (upload.code_without_records), except `except`. Not judged when the upload has no such file.
   * Both fields must be code fields: their distinct values are bounded by the code list.
   */
  z
    .object({
      id: z.string(),
      kind: z.literal('codesCovered'),
      codes: typeField,
      in: typeField,
      except: z.array(z.string()).optional(),
      severity: severity.optional(),
      scope: uploadScope.optional(),
    })
    .strict(),
]);

const fileTypeSchema = z
  .object({
    type: z.enum(FILE_TYPES),
    label: z.string(),
    nameToken: z.string().min(1),
    /** Columns whose presence in a header identifies this file type. */
    signature: z.array(z.string()).min(1),
    fields: z.array(fieldSchema).min(1),
    key: z.array(z.string()),
    rules: z.array(ruleSchema),
  })
  .strict();

const codeListSchema = z
  .object({
    version: z.string(),
    codes: z
      .array(
        z
          .object({
            code: z
              .string()
              .min(1)
              .max(6)
              .regex(/^[\x20-\x7e]+$/, 'alleen ASCII-tekens'),
            label: z.string(),
            /** Accepted, but reported as field.code_unknown with this severity (e.g. not yet confirmed). */
            severity: severity.optional(),
            note: z.string().optional(),
            /** The code is a stated total of the other codes (op-orde figures: not added to them). */
            total: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const specSchema = z
  .object({
    specVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string(),
    source: z.string().optional(),
    /**
     * The half years the spec's layout is for. Without `to` it is open-ended: the layout stays in use
     * until a spec with a later `from` exists (docs/decisions/0031-spec-period-coverage.md).
     */
    periods: z.object({ from: periodText, to: periodText.optional() }).strict(),
    format: z
      .object({
        kind: z.literal('delimited'),
        delimiter: z.string().length(1),
        quote: z.string().length(1),
        header: z.literal('required'),
        headerMatching: z.string().optional(),
        encoding: z.literal('utf-8'),
        fallbackEncoding: z.literal('windows-1252'),
        dateFormat: z.literal('JJJJMMDD'),
        /** Other date forms read with a field.date_format warning. */
        alternativeDateFormats: z.array(z.literal('JJJJ-MM-DD')).optional(),
        /** Separators recognised in a header to tell the sender (file.delimiter) instead of missing columns. */
        otherDelimiters: z.array(z.string().length(1)).optional(),
        minDate: compactDate,
        decimalSeparator: z.string().length(1),
        alternativeDecimalSeparator: z.string().length(1).optional(),
        maxLineBytes: z.number().int().min(1024),
        fileName: z
          .object({
            pattern: z.string(),
            flags: z.string().regex(/^[imsu]*$/),
            groups: z
              .object({
                type: z.number().int().positive(),
                gemeentecode: z.number().int().positive(),
                year: z.number().int().positive(),
                half: z.number().int().positive(),
              })
              .strict(),
          })
          .strict(),
      })
      .strict(),
    severities: severityMap,
    codeLists: z.record(z.string(), codeListSchema),
    fileTypes: z.array(fileTypeSchema).min(1),
    uploadRules: z.array(uploadRuleSchema),
    /**
     * Gemeenten that merged or split (the classification's reorganisations): a successor delivers the
     * half years before its formation for its whole area, with its own code or a predecessor's.
     * Absent: every code must be a gemeente on the period's last day and be the delivering one.
     */
    reorganisations: z
      .object({
        successorDeliversBeforeFormation: z.boolean(),
        /** Why this rule is as it is, and whether the protocol settles it ("[A]": an assumption). */
        note: z.string(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Spec = z.infer<typeof specSchema>;
export type SpecFileType = z.infer<typeof fileTypeSchema>;
export type SpecField = z.infer<typeof fieldSchema>;
export type SpecRule = z.infer<typeof ruleSchema>;
export type SpecUploadRule = z.infer<typeof uploadRuleSchema>;
export type SpecCodeList = z.infer<typeof codeListSchema>;

/** A spec that does not pass the checks; `problems` lists every one of them in Dutch. */
export class SpecError extends Error {
  constructor(readonly problems: string[]) {
    super(`De specificatie is ongeldig:\n- ${problems.join('\n- ')}`);
    this.name = 'SpecError';
  }
}

/** Checks a parsed spec file and returns it typed; throws SpecError listing every problem. */
export function loadSpec(json: unknown): Spec {
  const parsed = specSchema.safeParse(json);
  if (!parsed.success) {
    throw new SpecError(parsed.error.issues.map((i) => `${i.path.join('.') || '(spec)'}: ${i.message}`));
  }
  const spec = parsed.data;
  const problems = findReferenceProblems(spec);
  if (problems.length > 0) throw new SpecError(problems);
  return spec;
}

/** Cross-references the schema cannot express: rules and keys naming fields, fields naming code lists. */
function findReferenceProblems(spec: Spec): string[] {
  const problems: string[] = [];
  try {
    new RegExp(spec.format.fileName.pattern, spec.format.fileName.flags);
  } catch {
    problems.push('format.fileName.pattern: geen geldige reguliere expressie');
  }
  if (spec.periods.to !== undefined && comparePeriods(spec.periods.from, spec.periods.to) > 0)
    problems.push('periods: "from" ligt na "to"');
  const seenTypes = new Set<string>();
  for (const fileType of spec.fileTypes) {
    const where = `fileTypes.${fileType.type}`;
    if (seenTypes.has(fileType.type)) problems.push(`${where}: bestandstype komt twee keer voor`);
    seenTypes.add(fileType.type);
    const names = new Set<string>();
    for (const field of fileType.fields) {
      if (names.has(field.name)) problems.push(`${where}.${field.name}: kolom komt twee keer voor`);
      names.add(field.name);
      if (field.type === 'code' && !spec.codeLists[field.codeList]) {
        problems.push(`${where}.${field.name}: codelijst "${field.codeList}" bestaat niet`);
      }
      if (field.type === 'digits' && field.length === undefined && field.maxLength === undefined) {
        problems.push(`${where}.${field.name}: geef length of maxLength`);
      }
    }
    const need = (name: string, path: string) => {
      if (!names.has(name)) problems.push(`${where}.${path}: kolom "${name}" bestaat niet`);
    };
    fileType.signature.forEach((n) => need(n, 'signature'));
    fileType.key.forEach((n) => need(n, 'key'));
    for (const rule of fileType.rules) {
      const path = `rules.${rule.id}`;
      switch (rule.kind) {
        case 'singleGemeente':
          need(rule.field, path);
          break;
        case 'dateOrder':
          rule.start.forEach((n) => need(n, path));
          need(rule.end, path);
          break;
        case 'periodOverlap':
          [...rule.start, ...rule.end].forEach((n) => need(n, path));
          break;
        case 'notFuture':
          need(rule.field, path);
          rule.notAfter.filter((n) => n !== 'today').forEach((n) => need(n, path));
          break;
        case 'requires':
          need(rule.if, path);
          need(rule.then, path);
          break;
        case 'notBefore':
          need(rule.field, path);
          need(rule.reference, path);
          break;
        case 'notBeforePeriod':
          need(rule.field, path);
          break;
        case 'amountRatio':
          rule.fields.forEach((n) => need(n, path));
          break;
        case 'oneOfRequired':
          rule.fields.forEach((n) => need(n, path));
          break;
        case 'uniqueKey':
          if (fileType.key.length === 0) problems.push(`${where}.${path}: uniqueKey zonder key`);
          break;
        case 'uniqueLine':
          break;
        case 'sameValue':
          need(rule.field, path);
          break;
      }
    }
  }
  for (const rule of spec.uploadRules) {
    if (rule.kind !== 'codesCovered') continue;
    for (const side of [rule.codes, rule.in]) {
      const field = spec.fileTypes
        .find((t) => t.type === side.type)
        ?.fields.find((f) => f.name === side.field);
      if (field?.type !== 'code') {
        problems.push(
          `uploadRules.${rule.id}: "${side.field}" is geen codekolom van bestandstype "${side.type}"`,
        );
      }
    }
  }
  return problems;
}

/** Orders "JJJJHn" periods. */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when the spec's own periods cover the half year `period` ("2017H2"); no `to`: open-ended. */
export function isPeriodCovered(spec: Spec, period: string): boolean {
  const { from, to } = spec.periods;
  return comparePeriods(from, period) <= 0 && (to === undefined || comparePeriods(period, to) <= 0);
}

/**
 * The spec a half year is judged with: of the specs that cover it, the one with the latest `from`
 * (a newer layout takes over from an open-ended older one). undefined when none covers it (a period
 * before every spec, or after a spec that ends and before the next): `ggk validate --period` then
 * exits 2. The one choice of the command line and the portal (docs/decisions/0031).
 */
export function specForPeriod<S extends Spec>(specs: readonly S[], period: string): S | undefined {
  let chosen: S | undefined;
  for (const spec of specs)
    if (
      isPeriodCovered(spec, period) &&
      (!chosen || comparePeriods(spec.periods.from, chosen.periods.from) > 0)
    )
      chosen = spec;
  return chosen;
}

/** The spec with the latest `from`: what a file is judged with when nothing tells its period. */
export function newestSpec<S extends Spec>(specs: readonly S[]): S | undefined {
  let newest: S | undefined;
  for (const spec of specs)
    if (!newest || comparePeriods(spec.periods.from, newest.periods.from) > 0) newest = spec;
  return newest;
}

/**
 * The file type a file name gives under the spec's naming pattern (format.fileName), or null when the
 * name does not follow it. The one reading of file names outside the engine (the engine compiles the
 * same pattern).
 */
export function fileTypeOfName(spec: Spec, name: string): FileType | null {
  const { pattern, flags, groups } = spec.format.fileName;
  const m = new RegExp(pattern, flags).exec(name.slice(name.lastIndexOf('/') + 1));
  if (!m) return null;
  const token = (m[groups.type] ?? '').toUpperCase();
  return spec.fileTypes.find((t) => t.nameToken.toUpperCase() === token)?.type ?? null;
}
