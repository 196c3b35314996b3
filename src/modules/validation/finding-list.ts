// Collects the findings of one file (or of the upload): counts every finding, lists at most
// MAX_LISTED_PER_CODE per code, and tracks whether the current row got an error or a warning.
import type { Finding } from './validation-report.ts';
import type { FindingCode, Severity } from './validation-spec.ts';
import type { FindingDetail } from './finding-details.ts';
import { maskBsnRuns } from '../../platform/privacy/bsn-runs.ts';

export const MAX_LISTED_PER_CODE = 100;

export class FindingList {
  readonly findings: Finding[] = [];
  readonly counts: Partial<Record<FindingCode, number>> = {};
  truncated = false;
  hasError = false;
  rowHasError = false;
  rowHasWarning = false;
  private readonly listed = new Map<FindingCode, number>();

  /** Messages and values are built lazily: past the cap only the count is kept. */
  add(
    code: FindingCode,
    severity: Severity,
    line: number | undefined,
    column: string | undefined,
    message: string | (() => string),
    value?: string | (() => string | undefined),
    detail?: FindingDetail | (() => FindingDetail),
  ): void {
    this.counts[code] = (this.counts[code] ?? 0) + 1;
    if (severity === 'error') this.hasError = true;
    const listed = this.listed.get(code) ?? 0;
    if (listed >= MAX_LISTED_PER_CODE) {
      this.truncated = true;
      return;
    }
    this.listed.set(code, listed + 1);
    // Keys in the contract's order: code, severity, line, column, message, value.
    const finding = { code, severity } as Finding;
    if (line !== undefined) finding.line = line;
    if (column !== undefined) finding.column = column;
    // The one place every finding passes: a BSN is masked by value, whatever column it stood in
    // (a BSN in productcategorie or a date column is echoed as "12345****" like one in bsn).
    finding.message = maskBsnRuns(typeof message === 'string' ? message : message());
    const shown = typeof value === 'function' ? value() : value;
    if (shown !== undefined) finding.value = maskBsnRuns(shown);
    // Extension: the template and parameters of the message (docs/validation-report-extensions.md),
    // masked like the message.
    if (detail !== undefined) {
      const d = typeof detail === 'function' ? detail() : detail;
      if (d.template !== code) finding.variant = d.template.slice(code.length + 1);
      const params: Record<string, string> = {};
      for (const [name, text] of Object.entries(d.params)) params[name] = maskBsnRuns(text);
      finding.params = params;
    }
    this.findings.push(finding);
  }

  /**
   * Appends the findings of the next part of a file (file-parts.ts) as if they had been added here one
   * by one: the first MAX_LISTED_PER_CODE per code over the parts in file order are listed, all counted.
   */
  absorb(part: FindingListPart): void {
    for (const finding of part.findings) {
      const listed = this.listed.get(finding.code) ?? 0;
      if (listed >= MAX_LISTED_PER_CODE) {
        this.truncated = true;
        continue;
      }
      this.listed.set(finding.code, listed + 1);
      this.findings.push(finding);
    }
    for (const [code, count] of Object.entries(part.counts) as [FindingCode, number][])
      this.counts[code] = (this.counts[code] ?? 0) + count;
    if (part.truncated) this.truncated = true;
    if (part.hasError) this.hasError = true;
  }

  /** As add, for a finding about a data row: marks the row for rows.withErrors / withWarnings. */
  addRow(
    code: FindingCode,
    severity: Severity,
    line: number,
    column: string | undefined,
    message: string | (() => string),
    value?: string | (() => string | undefined),
    detail?: FindingDetail | (() => FindingDetail),
  ): void {
    if (severity === 'error') this.rowHasError = true;
    else if (severity === 'warning') this.rowHasWarning = true;
    this.add(code, severity, line, column, message, value, detail);
  }
}

/** The findings of one part of a file (file-parts.ts), as FindingList keeps them. */
export interface FindingListPart {
  findings: Finding[];
  counts: Partial<Record<FindingCode, number>>;
  truncated: boolean;
  hasError: boolean;
}

/** Shows at most the first 5 digits of a BSN. */
export function maskBsn(value: string): string {
  return value.length <= 5 ? '*'.repeat(value.length) : `${value.slice(0, 5)}****`;
}
