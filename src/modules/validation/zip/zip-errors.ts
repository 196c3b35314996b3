// Errors an entry's stream() throws when what it really holds differs from what the central directory
// promised. openZip can only check the headers; these catch archives whose headers lie.

/** The entry inflates past its declared size or a limit: treat as `zip.unsafe`. */
export class ZipLimitError extends Error {
  readonly code = 'zip.unsafe' as const;
  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZipLimitError';
  }
}

/** The entry is damaged (CRC mismatch, truncated or corrupt data): treat as `zip.invalid`. */
export class ZipDataError extends Error {
  readonly code = 'zip.invalid' as const;
  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZipDataError';
  }
}
