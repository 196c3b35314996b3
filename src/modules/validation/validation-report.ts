// The report of shared/contracts/validation-report.md. Keys are the contract's; extend only with
// optional keys.
import type { FileType, FindingCode, Severity } from './validation-spec.ts';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** 1-based physical line; absent for file- and upload-level findings. */
  line?: number;
  column?: string;
  message: string;
  /** The offending value; a BSN is masked after its first 5 digits. */
  value?: string;
  /** Extension: for upload-level findings, the file the finding is about. */
  file?: string;
}

export type Status = 'approved' | 'rejected';

export interface FileReport {
  name: string;
  sha256: string;
  bytes: number;
  type: FileType | null;
  gemeentecode: string | null;
  period: string | null;
  status: Status;
  rows: { total: number; withErrors: number; withWarnings: number };
  counts: Partial<Record<FindingCode, number>>;
  findings: Finding[];
  findingsTruncated: boolean;
}

export interface Report {
  reportVersion: 1;
  spec: string;
  status: Status;
  findings: Finding[];
  files: FileReport[];
}
