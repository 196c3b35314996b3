// How the validation engine receives bytes. The engine never opens files itself (it must run in a
// browser too): the caller hands it sources. Node: a file on disk; browser: a Blob; ZIP: an entry.

/** Bytes of one uploaded file, readable in order (stream) or at any offset (read). */
export interface ByteSource {
  /** The name as uploaded; for a ZIP entry "MSD.zip/WMO_0363_2017H2.csv". */
  readonly name: string;
  /** Size in bytes as far as known before reading (for a ZIP entry: the size its header declares). */
  readonly size: number;
  /** The whole content, in order, in chunks of any size. May be called more than once. */
  stream(): AsyncIterable<Uint8Array>;
  /** `length` bytes from `offset` (fewer at the end). Needed to read a ZIP's central directory. */
  read(offset: number, length: number): Promise<Uint8Array>;
}
