// The parameters of a finding (extension, docs/validation-report-extensions.md): the facts its Dutch
// message is built from, so the portal can say the same in another language. Each template is a
// finding code, or a code and a variant when the code has several kinds of message
// ("field.code_unknown.unconfirmed"); here it lists the parameters it carries. A template may also use
// {column}, the finding's own column. Never a BSN or another personal value: the row's value is the
// finding's `value` (masked for a BSN), not a parameter.
import type { FindingCode } from './validation-spec.ts';

export const FINDING_DETAILS = {
  'file.empty': [],
  'file.empty.header_only': [],
  'file.encoding': ['firstLine'],
  'file.type_unknown': ['types'],
  'file.name_pattern': ['name', 'types'],
  'file.name_content_mismatch.type': ['nameType', 'contentType'],
  'file.name_content_mismatch.gemeente': ['named', 'found'],
  'file.name_content_mismatch.period': ['named', 'found'],
  'file.delimiter': ['delimiter'],
  'header.missing_column': [],
  'header.unknown_column': ['type', 'expected'],
  'header.unknown_column.duplicate': [],
  'row.column_count': ['count', 'expected'],
  'row.column_count.too_long': ['maxKib', 'expected'],
  'row.column_count.quote': [],
  'row.column_count.header_too_long': ['maxKib'],
  'row.column_count.header_quote': [],
  'field.required': [],
  'field.required.date': [],
  'field.required.digits': ['length'],
  'field.required.max_digits': ['maxLength'],
  'field.required.bsn': [],
  'field.required.code': ['allowed'],
  'field.required.text': ['maxLength'],
  'field.required.amount': ['separator'],
  'field.required.period': [],
  'field.required.requires': ['filled'],
  'field.required.one_of': ['columns'],
  'field.required.end_without_reason': ['endColumn', 'endDate', 'period'],
  'field.format.digits': ['length'],
  'field.format.gemeente': ['length'],
  'field.format.max_digits': ['maxLength'],
  'field.format.bsn': [],
  'field.format.text_length': ['maxLength'],
  'field.format.non_numeric': [],
  'field.format.period': [],
  'field.date_invalid.format': [],
  'field.date_invalid.not_a_date': [],
  'field.date_invalid.before_min': ['minDate'],
  'field.date_format': [],
  'field.amount_invalid': ['integerDigits', 'decimals'],
  'field.amount_invalid.point': [],
  'field.amount_invalid.negative': [],
  'field.code_unknown': ['list', 'allowed'],
  'field.code_unknown.unconfirmed': ['list', 'candidates'],
  'field.bsn_elfproef': [],
  'field.bsn_test': [],
  'field.mixed': ['first', 'firstLine'],
  'gemeente.mismatch': ['gemeente', 'delivering'],
  'gemeente.mismatch.name': ['gemeente', 'delivering'],
  'gemeente.unknown': ['gemeente', 'date', 'period'],
  'gemeente.unknown.name': ['gemeente', 'date', 'period'],
  'gemeente.mixed': ['gemeente', 'first'],
  'gemeente.predecessors': ['gemeente', 'period', 'sinceDate', 'predecessors'],
  'period.mismatch': ['period', 'delivered'],
  'period.mismatch.name': ['period', 'delivered'],
  'period.outside': ['startDate', 'endDate', 'period', 'firstDate', 'lastDate'],
  'period.outside.open': ['startDate', 'period', 'firstDate', 'lastDate'],
  'date.order': ['endDate', 'startDate'],
  'date.order.not_before': ['date', 'other', 'otherDate'],
  'date.before_period': ['date', 'period', 'firstDate'],
  'date.future': ['date', 'limitDate'],
  'date.future.today': ['date', 'todayDate'],
  'record.duplicate_line': ['firstLine'],
  'record.duplicate_key': ['key', 'firstLine'],
  'record.amount_ratio': ['amount', 'other', 'otherAmount', 'factor'],
  'upload.duplicate_type_period': ['file', 'other', 'type', 'period'],
  'upload.mixed_gemeenten': ['gemeenten'],
  'upload.too_many_periods': ['count', 'periods'],
  'upload.code_without_records': ['file', 'field', 'code', 'others', 'type', 'period', 'otherField'],
} as const satisfies Record<string, readonly string[]>;

export type DetailTemplate = keyof typeof FINDING_DETAILS;

/** What a finding carries besides the contract's keys: its template and that template's parameters. */
export interface FindingDetail {
  template: DetailTemplate;
  params: Record<string, string>;
}

/** A finding's detail, its parameters checked against the template at compile time. */
export function detail<T extends DetailTemplate>(
  template: T,
  params: Record<(typeof FINDING_DETAILS)[T][number], string>,
): FindingDetail {
  return { template, params };
}

/**
 * Codes whose findings carry no parameters: their messages come from the ZIP reader or a read error
 * and name nothing a reader needs in another language beyond the code's own text.
 */
export const CODES_WITHOUT_DETAIL: readonly FindingCode[] = [
  'file.unreadable',
  'zip.invalid',
  'zip.unsafe',
  'zip.ignored_entry',
];

/** The template a stored finding names: its code, or code.variant. */
export function templateOf(finding: { code: string; variant?: string }): string {
  return finding.variant === undefined ? finding.code : `${finding.code}.${finding.variant}`;
}

/** yyyymmdd (a number) as an ISO date, the form dates take in parameters. */
export function isoDay(yyyymmdd: number): string {
  const s = String(yyyymmdd).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** Cents as a plain decimal ("1234.56"), the form amounts take in parameters. */
export function plainAmount(cents: number): string {
  const negative = cents < 0;
  const abs = Math.round(Math.abs(cents));
  return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
