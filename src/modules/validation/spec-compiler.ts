// Turns a checked spec into lookup structures the hot loop can use without string work: code lists
// keyed by byte value, rules by field index, severities resolved once.
import { codeKeyOfText } from './byte-checks.ts';
import { CodeTable } from './code-table.ts';
import type {
  FileType,
  FindingCode,
  Severity,
  Spec,
  SpecField,
  SpecFileType,
  SpecRule,
} from './validation-spec.ts';

/** Severities of the contract, used when a spec names none for a code. */
const CONTRACT_SEVERITIES: Record<FindingCode, Severity> = {
  'file.unreadable': 'error',
  'file.empty': 'error',
  'file.encoding': 'warning',
  'file.type_unknown': 'error',
  'file.name_pattern': 'warning',
  'file.name_content_mismatch': 'error',
  'zip.invalid': 'error',
  'zip.unsafe': 'error',
  'zip.ignored_entry': 'warning',
  'header.missing_column': 'error',
  'header.unknown_column': 'warning',
  'row.column_count': 'error',
  'field.required': 'error',
  'field.format': 'error',
  'field.date_invalid': 'error',
  'field.amount_invalid': 'error',
  'field.code_unknown': 'error',
  'field.bsn_elfproef': 'error',
  'gemeente.unknown': 'error',
  'gemeente.mismatch': 'error',
  'gemeente.mixed': 'error',
  'period.mismatch': 'error',
  'period.outside': 'error',
  'date.order': 'error',
  'date.future': 'warning',
  'record.duplicate_line': 'error',
  'record.duplicate_key': 'warning',
  'upload.duplicate_type_period': 'error',
  'upload.mixed_gemeenten': 'error',
  'upload.too_many_periods': 'warning',
  'field.mixed': 'error',
  'upload.code_without_records': 'warning',
  'field.bsn_test': 'error',
  'file.delimiter': 'error',
  'date.before_period': 'error',
  'field.date_format': 'warning',
  'record.amount_ratio': 'warning',
  'file.already_delivered': 'error',
  'gemeente.predecessors': 'info',
  'file.area_overlap': 'error',
};

export interface CompiledCodeList {
  version: string;
  /** Code key -> null when plainly valid, or the severity it is accepted with. */
  byKey: Map<number, Severity | null>;
  table: CodeTable;
  codes: string[];
}

export interface CompiledField {
  index: number;
  spec: SpecField;
  /** Header-matching form of the column name. */
  normalizedName: string;
  codeList: CompiledCodeList | null;
  severity(code: FindingCode): Severity;
}

export interface CompiledFileType {
  type: FileType;
  label: string;
  nameToken: string;
  signature: string[];
  fields: CompiledField[];
  byNormalizedName: Map<string, CompiledField>;
  keyFields: number[];
  rules: SpecRule[];
  fieldIndex(name: string): number;
  roleIndex(role: 'aanmaakdatum' | 'gemeentecode' | 'periode'): number;
}

export interface CompiledSpec {
  spec: Spec;
  id: string;
  delimiter: number;
  quote: number;
  decimalSeparator: number;
  alternativeDecimalSeparator: number;
  minDate: number;
  maxLineBytes: number;
  /** JJJJ-MM-DD dates are read, with a field.date_format warning. */
  dashedDates: boolean;
  /** Separators a header is checked for when it is one column under `delimiter` (file.delimiter). */
  otherDelimiters: string[];
  namePattern: RegExp;
  fileTypes: CompiledFileType[];
  severity(code: FindingCode): Severity;
}

/** Header names match case-insensitively, ignoring spaces and underscores. */
export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');
}

export function compileSpec(spec: Spec): CompiledSpec {
  const severity = (code: FindingCode): Severity => spec.severities[code] ?? CONTRACT_SEVERITIES[code];
  const codeLists = new Map<string, CompiledCodeList>();
  for (const [name, list] of Object.entries(spec.codeLists)) {
    codeLists.set(name, {
      version: list.version,
      byKey: new Map(list.codes.map((c) => [codeKeyOfText(c.code), c.severity ?? null])),
      table: new CodeTable(list.codes.map((c) => [c.code, c.severity ?? null] as const)),
      codes: list.codes.map((c) => c.code),
    });
  }
  return {
    spec,
    id: spec.id,
    delimiter: spec.format.delimiter.charCodeAt(0),
    quote: spec.format.quote.charCodeAt(0),
    decimalSeparator: spec.format.decimalSeparator.charCodeAt(0),
    alternativeDecimalSeparator: (
      spec.format.alternativeDecimalSeparator ?? spec.format.decimalSeparator
    ).charCodeAt(0),
    minDate: Number(spec.format.minDate),
    maxLineBytes: spec.format.maxLineBytes,
    dashedDates: spec.format.alternativeDateFormats?.includes('JJJJ-MM-DD') ?? false,
    otherDelimiters: spec.format.otherDelimiters ?? [],
    namePattern: new RegExp(spec.format.fileName.pattern, spec.format.fileName.flags),
    fileTypes: spec.fileTypes.map((t) => compileFileType(t, codeLists, severity)),
    severity,
  };
}

function compileFileType(
  fileType: SpecFileType,
  codeLists: Map<string, CompiledCodeList>,
  severity: (code: FindingCode) => Severity,
): CompiledFileType {
  const fields = fileType.fields.map((spec, index): CompiledField => ({
    index,
    spec,
    normalizedName: normalizeColumnName(spec.name),
    codeList: spec.type === 'code' ? (codeLists.get(spec.codeList) ?? null) : null,
    severity: (code) => spec.severities?.[code] ?? severity(code),
  }));
  const fieldIndex = (name: string) => fields.findIndex((f) => f.spec.name === name);
  return {
    type: fileType.type,
    label: fileType.label,
    nameToken: fileType.nameToken,
    signature: fileType.signature.map(normalizeColumnName),
    fields,
    byNormalizedName: new Map(fields.map((f) => [f.normalizedName, f])),
    keyFields: fileType.key.map(fieldIndex),
    rules: fileType.rules,
    fieldIndex,
    roleIndex: (role) => fields.findIndex((f) => f.spec.role === role),
  };
}
