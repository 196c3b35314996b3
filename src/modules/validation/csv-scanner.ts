// Byte-level record scanner for delimited text. It never decodes the file and never builds strings:
// it hands every record to the caller as field offsets into a byte buffer, together with the record's
// raw bytes (for duplicate-line checks) and the physical line it starts on. Memory stays flat:
// only a record that straddles two chunks is copied, and a record longer than maxLineBytes is reported
// and skipped instead of buffered.

import { indexOfByte } from './byte-checks.ts';
import { ROW_BASE, SCAN_WINDOW, simdScanner, type SimdScanner } from './simd-scan.ts';
import { ROW_BATCH_COUNT } from './row-check.ts';

const LF = 10;
const CR = 13;

export const RECORD_OK = 0;
/** The record is longer than maxLineBytes; it has no fields. */
export const RECORD_TOO_LONG = 1;
/** The file ends inside a quoted field. */
export const RECORD_UNTERMINATED_QUOTE = 2;

export interface CsvRecord {
  /** Bytes the field offsets point into (the chunk itself, or the scanner's scratch buffer). */
  buf: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Number of fields; 0 for a blank line. */
  count: number;
  /** 1-based physical line the record starts on. */
  line: number;
  /** Physical lines the record spans (more than 1 when a quoted field holds a line break). */
  lines: number;
  /** The record's raw bytes (before unescaping quotes, without a trailing CR), for duplicate-line checks. */
  raw: Uint8Array;
  rawStart: number;
  rawEnd: number;
  /** Some byte is >= 0x80: the caller checks the encoding only then. */
  nonAscii: boolean;
  /**
   * Some byte may be a space: false only when none is (the SIMD splitter knows), so the caller
   * need not look for spaces to trim at the edges of the fields. The JavaScript paths say true.
   */
  spaces: boolean;
  problem: number;
}

export interface CsvScannerOptions {
  delimiter: number;
  quote: number;
  maxLineBytes: number;
}

export class CsvScanner {
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly maxLineBytes: number;
  private readonly record: CsvRecord;
  /** Holds a record that straddles chunks, and unescaped fields of quoted records. */
  private carry: Uint8Array;
  private carryLength = 0;
  private scratch: Uint8Array;
  /** Quote state at the end of the carried bytes. */
  private carryInQuote = false;
  /** After a too-long record: drop bytes up to the next line feed, quotes or not. */
  private skipping = false;
  private line = 1;
  private atStart = true;
  private pendingStart: Uint8Array | null = null;
  /** The WebAssembly SIMD scanner of this thread, or null: then the JavaScript path below runs. */
  private readonly simd: SimdScanner | null = simdScanner();
  /** Where scanLinesSimd stopped: at the start of a line with a quote, at the end, or -1 (see there). */
  private stoppedAt = 0;
  /** In this chunk a line was longer than the SIMD window: the JavaScript path reads the rest. */
  private simdOff = false;
  /**
   * In plain lines, fields past this many delimiters may be left unsplit (then `count` is wrong): for
   * a reader that needs only the first fields, such as the duplicate pass, which reads only the key.
   */
  fieldLimit = Number.MAX_SAFE_INTEGER;
  /**
   * Done with this scanner (it is not used again): its offset arrays go to the next scanner of this
   * thread. A file checked in parts makes a scanner per part (~170 at 10M rows), and 2 × 256 KiB of
   * fresh memory each, freed later at random, left the allocator holding ~50 MB it never gave back
   * (peak memory of the check on both cores at 10M rows: 200 MB, against 157 MB with glibc's dynamic
   * mmap threshold turned off).
   */
  release(): void {
    const r = this.record;
    if (r.starts !== this.simd?.starts) giveBackOffsetArrays(r.starts, r.ends);
    r.starts = EMPTY_OFFSETS;
    r.ends = EMPTY_OFFSETS;
  }

  /**
   * Offered the window's lines from `at` (in the SIMD module's memory, up to `end`) before each is
   * split, with the physical line number of the first: returns where it stopped after taking some
   * lines itself (how many: simd.words at ROW_BATCH_COUNT), or `at` when it took none. The record
   * handler gets every line it did not take, as before. (FileValidator.takeCleanLines.)
   */
  onCleanLines: ((at: number, end: number, line: number) => number) | null = null;

  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    options: CsvScannerOptions,
  ) {
    this.delimiter = options.delimiter;
    this.quote = options.quote;
    this.maxLineBytes = options.maxLineBytes;
    this.carry = new Uint8Array(Math.min(options.maxLineBytes + 2, 4096));
    this.scratch = new Uint8Array(Math.min(options.maxLineBytes + 2, 4096));
    // A record of at most maxLineBytes bytes has at most maxLineBytes + 1 fields, so the offset arrays
    // never need a bounds check in the hot loop.
    const capacity = options.maxLineBytes + 2;
    const spare = takeOffsetArrays(capacity);
    this.record = {
      buf: this.scratch,
      starts: spare?.[0] ?? new Int32Array(capacity),
      ends: spare?.[1] ?? new Int32Array(capacity),
      count: 0,
      line: 1,
      lines: 1,
      raw: this.scratch,
      rawStart: 0,
      rawEnd: 0,
      nonAscii: false,
      spaces: true,
      problem: RECORD_OK,
    };
  }

  push(input: Uint8Array): void {
    if (this.record.starts === EMPTY_OFFSETS) throw new Error('CsvScanner used after release()');
    let chunk = input;
    if (this.atStart) {
      // A byte order mark can only be recognised with its three bytes in hand.
      if (this.pendingStart) chunk = concatBytes(this.pendingStart, chunk);
      if (chunk.length < 3) {
        // Copied: a source may reuse its chunk buffer for the next chunk.
        this.pendingStart = chunk.slice();
        return;
      }
      this.pendingStart = null;
      this.atStart = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    this.scanChunk(chunk);
  }

  /**
   * Whether the bytes pushed so far end exactly between two records: nothing carried over, nothing
   * being skipped. A file checked in parts (file-parts.ts) may be cut only where this holds.
   */
  atRecordBoundary(): boolean {
    return !this.atStart && this.carryLength === 0 && !this.skipping;
  }

  /** Goes on at physical line `line`: for a part of a file whose lines before it were not pushed here. */
  continueAtLine(line: number): void {
    this.line = line;
  }

  finish(): void {
    if (this.record.starts === EMPTY_OFFSETS) throw new Error('CsvScanner used after release()');
    if (this.atStart) {
      this.atStart = false;
      const start = this.pendingStart;
      this.pendingStart = null;
      if (start) this.scanChunk(start);
    }
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    if (this.carryLength > 0) {
      const length = this.carryLength;
      this.carryLength = 0;
      if (this.carryInQuote) {
        // The file ends inside a quote. Report the line the quote opened on and read the lines after
        // it again as ordinary records, so one stray quote costs one finding, not the rest of the file.
        this.carryInQuote = false;
        const rest = this.carry.slice(0, length);
        const lf = rest.indexOf(LF);
        this.emitProblem(RECORD_UNTERMINATED_QUOTE, 1);
        if (lf < 0) return;
        this.line += 1;
        this.scanChunk(rest.subarray(lf + 1));
        this.finish();
        return;
      }
      this.emitRecord(this.carry, 0, length, hasByte(this.carry, this.quote, 0, length));
    }
  }

  private scanChunk(buf: Uint8Array): void {
    const length = buf.length;
    let pos = 0;
    this.simdOff = false;
    if (this.skipping) {
      const lf = buf.indexOf(LF);
      if (lf < 0) return;
      this.skipping = false;
      this.line += 1;
      pos = lf + 1;
    } else if (this.carryLength > 0) {
      pos = this.continueCarried(buf);
      if (pos < 0) return;
    }
    const quote = this.quote;
    const simd = this.simd;
    let nextQuote = -1;
    while (pos < length) {
      if (simd !== null && !simd.busy && !this.simdOff) {
        pos = this.scanLinesSimd(simd, buf, pos, length);
        // A line longer than the window: the JavaScript path takes the rest of the chunk.
        if (this.stoppedAt < 0) {
          this.simdOff = true;
          continue;
        }
        nextQuote = this.stoppedAt;
      } else {
        if (nextQuote < pos) {
          nextQuote = indexOfByte(buf, quote, pos, length);
          if (nextQuote < 0) nextQuote = length;
        }
        pos = this.scanPlainLines(buf, pos, nextQuote);
      }
      if (pos >= length) return;
      if (nextQuote < length) {
        const end = this.findQuotedRecordEnd(buf, pos, length, false);
        if (end >= 0) {
          const lines = countLineFeeds(buf, pos, end) + 1;
          this.emitRecord(buf, pos, end, true, lines);
          this.line += lines;
          pos = end + 1;
          continue;
        }
        this.startCarry(buf, pos, length, this.quoteStateAfter(buf, pos, length));
        return;
      }
      this.startCarry(buf, pos, length, false);
      return;
    }
  }

  /**
   * The hot path: every line that ends before `stop` (no quote in it), split and emitted in one loop
   * that finds delimiters and line feeds and spots non-ASCII bytes. Four bytes at a time where it can
   * (SWAR: a word without a line feed has its delimiters found by bit tricks); byte by byte in a word
   * with a line feed and at the edges. Returns where the first unfinished line starts.
   */
  private scanPlainLines(buf: Uint8Array, pos: number, stop: number): number {
    const r = this.record;
    const starts = r.starts;
    const ends = r.ends;
    const delimiter = this.delimiter;
    const delimiters = Math.imul(delimiter, 0x01010101);
    const maxLineBytes = this.maxLineBytes;
    const fieldLimit = this.fieldLimit;
    // Words over the underlying buffer, aligned: position i starts a word when (i + shift) % 4 === 0.
    const shift = buf.byteOffset & 3;
    const words = new Int32Array(buf.buffer, buf.byteOffset - shift, (shift + buf.length) >> 2);
    const lastWordStart = stop - 4;
    let lineStart = pos;
    let n = 0;
    let high = 0;
    starts[0] = pos;
    let i = pos;
    // Index of the last whole word before `stop`.
    const lastWord = (lastWordStart + shift) >> 2;
    while (i < stop) {
      if (((i + shift) & 3) === 0 && i <= lastWordStart) {
        // Whole words in a tight loop, up to the first one holding a line feed.
        let wi = (i + shift) >> 2;
        for (; wi <= lastWord; wi++) {
          const w = words[wi]!;
          const lf = w ^ 0x0a0a0a0a;
          // High bit of each byte that is zero in lf (exact, no borrow between bytes).
          if ((~(((lf & 0x7f7f7f7f) + 0x7f7f7f7f) | lf) & 0x80808080) !== 0) break;
          high |= w;
          const d = w ^ delimiters;
          let z = ~(((d & 0x7f7f7f7f) + 0x7f7f7f7f) | d) & 0x80808080;
          if (z !== 0 && n < fieldLimit) {
            const base = (wi << 2) - shift;
            do {
              const at = base + ((31 - Math.clz32(z & -z)) >> 3);
              // Past maxLineBytes + 1 fields these writes fall outside the arrays and are dropped;
              // such a line is reported as too long.
              ends[n] = at;
              n += 1;
              starts[n] = at + 1;
              z &= z - 1;
            } while (z !== 0);
          }
        }
        i = (wi << 2) - shift;
        if (i >= stop) break;
      }
      const b = buf[i]!;
      if (b === delimiter) {
        ends[n] = i;
        n += 1;
        starts[n] = i + 1;
      } else if (b === LF) {
        let end = i;
        if (end > lineStart && buf[end - 1] === CR) end -= 1;
        if (end - lineStart > maxLineBytes) {
          this.emitProblem(RECORD_TOO_LONG, 1);
        } else {
          r.line = this.line;
          r.lines = 1;
          r.problem = RECORD_OK;
          r.buf = buf;
          r.raw = buf;
          r.rawStart = lineStart;
          r.rawEnd = end;
          r.nonAscii = (high & 0x80808080) !== 0;
          r.spaces = true;
          if (end === lineStart) {
            r.count = 0;
          } else {
            ends[n] = end;
            r.count = n + 1;
          }
          this.onRecord(r);
        }
        this.line += 1;
        lineStart = i + 1;
        n = 0;
        high = 0;
        starts[0] = lineStart;
      } else {
        high |= b;
      }
      i += 1;
    }
    return lineStart;
  }

  /**
   * scanPlainLines through the SIMD scanner, one call a line: it splits the line in the module's
   * memory (sixteen bytes a step), and the record points there (buf, starts and ends of the module).
   * Sets stoppedAt to where a quote was seen (at a line start: that line holds it), to `stop` when
   * the bytes ran out, or to -1 when a line is longer than the window (the JavaScript path then takes
   * over at the returned position). Returns where the first unfinished line starts.
   */
  private scanLinesSimd(simd: SimdScanner, buf: Uint8Array, pos: number, stop: number): number {
    const r = this.record;
    const ownStarts = r.starts;
    const ownEnds = r.ends;
    const starts = simd.starts;
    const ends = simd.ends;
    const memory = simd.memory;
    const maxLineBytes = this.maxLineBytes;
    const delimiter = this.delimiter;
    const quote = this.quote;
    let lineStart = pos;
    this.stoppedAt = stop;
    // A record handler that scans (another scanner, the NUL check) finds the module busy and takes
    // the JavaScript path, so the memory is never overwritten while a record points into it.
    simd.busy = true;
    try {
      while (lineStart < stop) {
        const end = Math.min(lineStart + SCAN_WINDOW, stop);
        const windowEnd = end - lineStart;
        memory.set(buf.subarray(lineStart, end), 0);
        let at = 0;
        let result = 0;
        for (;;) {
          // Read per line: the header's record handler sets it up within this window.
          const takeLines = this.onCleanLines;
          if (takeLines !== null) {
            const next = takeLines(at, windowEnd, this.line);
            if (next !== at) {
              this.line += simd.words[(ROW_BASE + ROW_BATCH_COUNT) >> 2]!;
              at = next;
            }
          }
          result = simd.line(at, windowEnd, delimiter, quote);
          if (result < 0) break;
          const count = result >> 2;
          const lf = ends[count - 1]!;
          let lineEnd = lf;
          if (lineEnd > at && memory[lineEnd - 1] === CR) lineEnd -= 1;
          if (lineEnd - at > maxLineBytes) {
            this.emitProblem(RECORD_TOO_LONG, 1);
          } else {
            r.line = this.line;
            r.lines = 1;
            r.problem = RECORD_OK;
            r.buf = memory;
            r.raw = memory;
            r.rawStart = at;
            r.rawEnd = lineEnd;
            r.nonAscii = (result & 1) !== 0;
            r.spaces = (result & 2) !== 0;
            r.starts = starts;
            r.ends = ends;
            if (lineEnd === at) {
              r.count = 0;
            } else {
              ends[count - 1] = lineEnd;
              r.count = count;
            }
            this.onRecord(r);
          }
          this.line += 1;
          at = lf + 1;
        }
        lineStart += at;
        if (result === -2) {
          this.stoppedAt = lineStart;
          break;
        }
        if (end === stop) break;
        if (at === 0) {
          this.stoppedAt = -1;
          break;
        }
      }
    } finally {
      r.starts = ownStarts;
      r.ends = ownEnds;
      simd.busy = false;
    }
    return lineStart;
  }

  /** Completes the carried record with the start of `buf`; returns where scanning resumes, or -1. */
  private continueCarried(buf: Uint8Array): number {
    const inQuote = this.carryInQuote;
    let end: number;
    if (!inQuote) {
      const lf = buf.indexOf(LF);
      // Look for a quote only before the line feed: indexOf would scan the whole chunk.
      end = hasByte(buf, this.quote, 0, lf < 0 ? buf.length : lf)
        ? this.findQuotedRecordEnd(buf, 0, buf.length, false)
        : lf;
    } else {
      end = this.findQuotedRecordEnd(buf, 0, buf.length, true);
    }
    const take = end < 0 ? buf.length : end;
    if (this.carryLength + take > this.maxLineBytes) {
      const lines = countLineFeeds(this.carry, 0, this.carryLength) + countLineFeeds(buf, 0, take);
      this.carryLength = 0;
      this.carryInQuote = false;
      this.emitProblem(RECORD_TOO_LONG, lines + 1);
      this.line += lines;
      if (end < 0) {
        // The rest of an overlong record is dropped up to the next line feed, ignoring quotes: a stray
        // quote must not turn the remainder of the file into one record.
        this.skipping = true;
        return -1;
      }
      this.line += 1;
      return end + 1;
    }
    this.appendCarry(buf, 0, take);
    if (end < 0) {
      this.carryInQuote = this.quoteStateAfter(buf, 0, take, inQuote);
      return -1;
    }
    const length = this.carryLength;
    this.carryLength = 0;
    this.carryInQuote = false;
    const lines = countLineFeeds(this.carry, 0, length) + 1;
    this.emitRecord(this.carry, 0, length, hasByte(this.carry, this.quote, 0, length), lines);
    this.line += lines;
    return end + 1;
  }

  private startCarry(buf: Uint8Array, from: number, to: number, inQuote: boolean): void {
    if (to - from > this.maxLineBytes) {
      this.emitProblem(RECORD_TOO_LONG, 1);
      this.line += countLineFeeds(buf, from, to);
      this.skipping = true;
      return;
    }
    this.carryLength = 0;
    this.appendCarry(buf, from, to);
    this.carryInQuote = inQuote;
  }

  private appendCarry(buf: Uint8Array, from: number, to: number): void {
    const needed = this.carryLength + (to - from);
    if (needed > this.carry.length) {
      const grown = new Uint8Array(Math.min(Math.max(needed, this.carry.length * 2), this.maxLineBytes + 2));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(buf.subarray(from, to), this.carryLength);
    this.carryLength = needed;
  }

  /** Index of the line feed ending a record that contains quotes, or -1 when the chunk ends first. */
  private findQuotedRecordEnd(buf: Uint8Array, from: number, to: number, startInQuote: boolean): number {
    const quote = this.quote;
    let inQuote = startInQuote;
    for (let i = from; i < to; i++) {
      const b = buf[i]!;
      if (b === quote) inQuote = !inQuote;
      else if (b === LF && !inQuote) return i;
    }
    return -1;
  }

  private quoteStateAfter(buf: Uint8Array, from: number, to: number, startInQuote = false): boolean {
    const quote = this.quote;
    let inQuote = startInQuote;
    for (let i = from; i < to; i++) if (buf[i] === quote) inQuote = !inQuote;
    return inQuote;
  }

  private emitProblem(problem: number, lines: number): void {
    const r = this.record;
    r.count = 0;
    r.line = this.line;
    r.lines = lines;
    r.problem = problem;
    r.rawStart = 0;
    r.rawEnd = 0;
    r.nonAscii = false;
    r.spaces = true;
    this.onRecord(r);
  }

  private emitRecord(buf: Uint8Array, start: number, endAtLf: number, quoted: boolean, lines = 1): void {
    let end = endAtLf;
    if (end > start && buf[end - 1] === CR) end -= 1;
    const r = this.record;
    r.line = this.line;
    r.lines = lines;
    r.problem = RECORD_OK;
    if (end - start > this.maxLineBytes) {
      this.emitProblem(RECORD_TOO_LONG, lines);
      return;
    }
    r.raw = buf;
    r.rawStart = start;
    r.rawEnd = end;
    if (end === start) {
      r.count = 0;
      r.nonAscii = false;
      r.spaces = true;
      this.onRecord(r);
      return;
    }
    if (quoted) this.splitQuoted(buf, start, end);
    else this.splitPlain(buf, start, end);
    this.onRecord(r);
  }

  /** The hot path: one pass that spots non-ASCII bytes and finds the delimiters (no hashing: the key hash covers duplicates, the line is hashed only for the few rows whose key repeats). */
  private splitPlain(buf: Uint8Array, start: number, end: number): void {
    const r = this.record;
    const delimiter = this.delimiter;
    const starts = r.starts;
    const ends = r.ends;
    let high = 0;
    let n = 0;
    starts[0] = start;
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      high |= b;
      if (b === delimiter) {
        ends[n] = i;
        n += 1;
        starts[n] = i + 1;
      }
    }
    ends[n] = end;
    r.count = n + 1;
    r.buf = buf;
    r.nonAscii = (high & 0x80) !== 0;
    r.spaces = true;
  }

  /** Quoted records: unescape `""` into the scratch buffer (raw/rawStart/rawEnd keep the raw bytes). */
  private splitQuoted(buf: Uint8Array, start: number, end: number): void {
    const r = this.record;
    if (this.scratch.length < end - start)
      this.scratch = new Uint8Array(Math.min(end - start + 64, this.maxLineBytes + 2));
    const out = this.scratch;
    const delimiter = this.delimiter;
    const quote = this.quote;
    let high = 0;
    for (let i = start; i < end; i++) high |= buf[i]!;
    let n = 0;
    let w = 0;
    let i = start;
    r.starts[0] = 0;
    while (i <= end) {
      if (i < end && buf[i] === quote) {
        // Quoted field: copy up to the closing quote, turning "" into ".
        i += 1;
        while (i < end) {
          const b = buf[i]!;
          if (b === quote) {
            if (i + 1 < end && buf[i + 1] === quote) {
              out[w++] = quote;
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          out[w++] = b;
          i += 1;
        }
      }
      // Unquoted bytes (or bytes after a closing quote) up to the delimiter are kept as they are.
      while (i < end && buf[i] !== delimiter) out[w++] = buf[i++]!;
      r.ends[n] = w;
      n += 1;
      if (i >= end) break;
      i += 1;
      r.starts[n] = w;
      if (i === end) {
        r.ends[n] = w;
        n += 1;
        break;
      }
    }
    r.count = n;
    r.buf = out;
    r.nonAscii = (high & 0x80) !== 0;
    r.spaces = true;
  }
}

function countLineFeeds(buf: Uint8Array, from: number, to: number): number {
  let count = 0;
  let i = buf.indexOf(LF, from);
  while (i >= 0 && i < to) {
    count += 1;
    i = buf.indexOf(LF, i + 1);
  }
  return count;
}

function hasByte(buf: Uint8Array, byte: number, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] === byte) return true;
  return false;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const EMPTY_OFFSETS = new Int32Array(0);
/** Offset arrays of released scanners (CsvScanner.release), a few per thread. */
const spareOffsets: Array<[Int32Array, Int32Array]> = [];

function takeOffsetArrays(capacity: number): [Int32Array, Int32Array] | undefined {
  const at = spareOffsets.findIndex(([starts]) => starts.length === capacity);
  return at < 0 ? undefined : spareOffsets.splice(at, 1)[0];
}

function giveBackOffsetArrays(starts: Int32Array, ends: Int32Array): void {
  if (starts.length > 0 && starts.length === ends.length && spareOffsets.length < 4) {
    spareOffsets.push([starts, ends]);
  }
}
