// The validation module's public surface: the technical check of a GMSD upload against a spec kept as
// data. Pure and browser-safe: no Node built-ins anywhere in this module.
export type { ByteSource } from './byte-source.ts';
export { validateUpload, type ValidateOptions } from './validation-engine.ts';
export type { Finding, FileReport, Report, Status } from './validation-report.ts';
export {
  FINDING_CODES,
  SpecError,
  isPeriodCovered,
  loadSpec,
  type FileType,
  type FindingCode,
  type Severity,
  type Spec,
} from './validation-spec.ts';
export { createSha256, type Hasher } from './sha256-hasher.ts';
export { MAX_LISTED_PER_CODE } from './finding-list.ts';
export { createBytesSource } from './memory-byte-source.ts';
export { DEFAULT_ZIP_LIMITS, isZip, openZip } from './zip/index.ts';
