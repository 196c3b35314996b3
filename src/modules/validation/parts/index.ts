// The part of the validation module a part's thread needs (modules/validation-threads/part-worker.ts):
// checking one part of a file. Narrower than ../index.ts on purpose: that surface also loads the spec
// loader's schema library (zod, ~750 kB), which every worker thread would compile at start for nothing
// (the spec it gets is already checked).
export { checkFilePart, type FilePartRequest, type FilePartSetup } from '../file-parts.ts';
export type { FilePartResult } from '../file-validator.ts';
export { classificationTable } from '../file-parts.ts';
export { adoptSimdModule, simdScanModule } from '../simd-scan.ts';
