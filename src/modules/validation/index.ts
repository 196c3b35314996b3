// The validation module's public surface: the technical check of a GMSD upload against a spec kept as
// data. Pure and browser-safe: no Node built-ins anywhere in this module.
export type { ByteSource } from '../../platform/bytes/byte-source.ts';
export { identifyFileTypes, validateUpload, type ValidateOptions } from './validation-engine.ts';
export {
  checkFilePart,
  type FilePartRequest,
  type FilePartRunner,
  type FilePartSetup,
} from './file-parts.ts';
export type { FilePartResult } from './file-validator.ts';
export type { Finding, FileReport, Report, Status, UploadOutcome } from './validation-report.ts';
export { fileOutcome, uploadOutcome } from './validation-report.ts';
export {
  FINDING_CODES,
  SpecError,
  fileTypeOfName,
  isPeriodCovered,
  loadSpec,
  newestSpec,
  specForPeriod,
  FILE_TYPES,
  type FileType,
  type FindingCode,
  type Severity,
  type Spec,
} from './validation-spec.ts';
export { createSha256, type Hasher } from '../../platform/bytes/sha256-hasher.ts';
export { MAX_LISTED_PER_CODE } from './finding-list.ts';
export { createBytesSource } from './memory-byte-source.ts';
export { DEFAULT_ZIP_LIMITS, isZip, openZip } from './zip/index.ts';
// The byte-level CSV scanner, for the op-orde figures (modules/reports) that read the same files.
export { CsvScanner, RECORD_OK, type CsvRecord } from './csv-scanner.ts';
