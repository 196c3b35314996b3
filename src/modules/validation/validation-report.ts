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
  /**
   * Extension: for upload-level findings of a rule with scope "file" (spec data), every file the
   * finding judges (its `file` first). Absent: the finding judges the whole upload.
   */
  files?: string[];
  /**
   * Extension: which of the code's messages this is, when it has several (the template is
   * `code.variant`, src/modules/validation/finding-details.ts). Absent: the code's main message.
   */
  variant?: string;
  /**
   * Extension: the facts the message is built from (codes, allowed values, dates, line numbers), so
   * the portal can render it in another language. Never a BSN or other personal value. Absent in
   * reports made before the extension and for codes without parameters (zip.*, file.unreadable).
   */
  params?: Record<string, string>;
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
  /**
   * Extension (docs/validation-report-extensions.md): this file's verdict. `status` above says what
   * the file's own findings say; `outcome` also counts the upload-level errors that judge this file
   * (a rule with scope "file" that names it, or any rule with scope "upload"). Only files with
   * outcome "approved" can be in force. Absent in reports made before the extension: use `status`.
   */
  outcome?: Status;
  rows: { total: number; withErrors: number; withWarnings: number };
  counts: Partial<Record<FindingCode, number>>;
  findings: Finding[];
  findingsTruncated: boolean;
}

/** Extension: the upload's verdict from its files' outcomes. */
export type UploadOutcome = 'approved' | 'partially_approved' | 'rejected';

export interface Report {
  reportVersion: 1;
  spec: string;
  /** Contract meaning unchanged: "rejected" when any finding (file or upload) is an error. */
  status: Status;
  /**
   * Extension: "approved" every file approved, "rejected" none, "partially_approved" mixed. Absent in
   * reports made before the extension: use `status`.
   */
  outcome?: UploadOutcome;
  findings: Finding[];
  files: FileReport[];
}

/** A file's verdict, also for reports stored before the extension. */
export function fileOutcome(file: Pick<FileReport, 'status' | 'outcome'>): Status {
  return file.outcome ?? file.status;
}

/** The upload's verdict, also for reports stored before the extension. */
export function uploadOutcome(report: Pick<Report, 'status' | 'outcome'>): UploadOutcome {
  return report.outcome ?? report.status;
}
