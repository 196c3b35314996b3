// The safe ZIP reader: the public surface the validation engine codes against.
export { DEFAULT_ZIP_LIMITS, isZip, openZip } from './zip-reader.ts';
export type { OpenedZip, ZipLimits, ZipProblem } from './zip-reader.ts';
export { ZipDataError, ZipLimitError } from './zip-errors.ts';
