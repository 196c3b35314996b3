// Checks on the raw bytes of one field. No strings are made on the hot path: digits, dates, codes and
// the elfproef are read straight from the buffer.

const ZERO = 48;
const NINE = 57;

/** yyyymmdd as a number, DATE_BAD_FORMAT when not 8 digits, DATE_NOT_REAL when no such day exists. */
export const DATE_BAD_FORMAT = -1;
export const DATE_NOT_REAL = -2;

export function parseCompactDate(buf: Uint8Array, start: number, end: number): number {
  if (end - start !== 8) return DATE_BAD_FORMAT;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - ZERO;
    if (d < 0 || d > 9) return DATE_BAD_FORMAT;
    value = value * 10 + d;
  }
  const year = Math.floor(value / 10000);
  const month = Math.floor(value / 100) % 100;
  const day = value % 100;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return DATE_NOT_REAL;
  return value;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isAllDigits(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b < ZERO || b > NINE) return false;
  }
  return true;
}

/** The value of up to 15 digits; the caller has checked they are digits. */
export function readDigits(buf: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (buf[i]! - ZERO);
  return value;
}

/** Elfproef for a 9-digit BSN: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11), and not all zeros. */
export function passesElfproef(buf: Uint8Array, start: number): boolean {
  let sum = 0;
  let any = 0;
  for (let i = 0; i < 8; i++) {
    const d = buf[start + i]! - ZERO;
    sum += (9 - i) * d;
    any |= d;
  }
  const last = buf[start + 8]! - ZERO;
  any |= last;
  return any !== 0 && (sum - last) % 11 === 0;
}

/** A code of at most 6 ASCII bytes as one number, so code lists are looked up without strings. */
export function codeKeyOf(buf: Uint8Array, start: number, end: number): number {
  if (end - start > 6 || end <= start) return -1;
  let key = 0;
  for (let i = start; i < end; i++) key = key * 256 + buf[i]!;
  return key;
}

export function codeKeyOfText(code: string): number {
  return codeKeyOf(new TextEncoder().encode(code), 0, code.length);
}

/** Characters in a UTF-8 byte range (continuation bytes do not count). */
export function countUtf8Chars(buf: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if ((buf[i]! & 0xc0) !== 0x80) count += 1;
  return count;
}

export const AMOUNT_OK = 0;
export const AMOUNT_INVALID = 1;
export const AMOUNT_ALTERNATIVE_SEPARATOR = 2;
export const AMOUNT_NEGATIVE = 4;

/** Flags for an amount such as `1234`, `1234,5`, `1234,56`, `-12,00` (or with the alternative separator). */
export function checkAmount(
  buf: Uint8Array,
  start: number,
  end: number,
  integerDigits: number,
  decimals: number,
  separator: number,
  alternativeSeparator: number,
): number {
  let i = start;
  let flags = AMOUNT_OK;
  if (buf[i] === 45) {
    flags |= AMOUNT_NEGATIVE;
    i += 1;
  }
  const intStart = i;
  while (i < end && buf[i]! >= ZERO && buf[i]! <= NINE) i += 1;
  const intCount = i - intStart;
  if (intCount === 0 || intCount > integerDigits) return AMOUNT_INVALID;
  if (i === end) return flags;
  const sep = buf[i];
  if (sep === alternativeSeparator && alternativeSeparator !== separator)
    flags |= AMOUNT_ALTERNATIVE_SEPARATOR;
  else if (sep !== separator) return AMOUNT_INVALID;
  i += 1;
  const decStart = i;
  while (i < end && buf[i]! >= ZERO && buf[i]! <= NINE) i += 1;
  const decCount = i - decStart;
  if (i !== end || decCount === 0 || decCount > decimals) return AMOUNT_INVALID;
  return flags;
}

/** A period "JJJJH1"/"JJJJH2" as year*10+half, or -1. */
export function parsePeriodBytes(buf: Uint8Array, start: number, end: number): number {
  if (end - start !== 6 || !isAllDigits(buf, start, start + 4)) return -1;
  const h = buf[start + 4];
  const half = buf[start + 5]! - ZERO;
  if ((h !== 72 && h !== 104) || (half !== 1 && half !== 2)) return -1;
  return readDigits(buf, start, start + 4) * 10 + half;
}

/** True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF). */
export function isValidUtf8(buf: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const b = buf[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else return false;
    if (i + need >= end) return false;
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** Control bytes that never occur in a text file (NUL and friends; tab, CR, LF, FF, SUB and ESC excepted). */
export function hasBinaryBytes(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 0x1a && b !== 0x1b) return true;
  }
  return false;
}

/**
 * The first index of `byte` in buf[from, to), or -1, as buf.indexOf(byte, from) within `to`. Four bytes
 * a step (SWAR) over aligned words of the underlying buffer: V8's Uint8Array.prototype.indexOf walks
 * byte by byte in its runtime, and the check looks through every chunk this way twice (NUL bytes,
 * quotes), which cost it more than the SHA-256 of the file.
 */
export function indexOfByte(buf: Uint8Array, byte: number, from: number, to: number): number {
  const shift = buf.byteOffset & 3;
  let i = from;
  if (to - i >= 16) {
    for (; ((i + shift) & 3) !== 0; i++) if (buf[i] === byte) return i;
    const words = new Int32Array(buf.buffer, buf.byteOffset - shift, (shift + buf.length) >> 2);
    const pattern = Math.imul(byte, 0x01010101);
    // Words before `last` lie wholly before `to`.
    const last = (to + shift) >> 2;
    let wi = (i + shift) >> 2;
    for (; wi < last; wi++) {
      const x = words[wi]! ^ pattern;
      // High bit of each byte of x that is zero, exactly (no borrow between bytes).
      if ((~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080) !== 0) break;
    }
    i = (wi << 2) - shift;
  }
  for (; i < to; i++) if (buf[i] === byte) return i;
  return -1;
}

/** True when all four bytes of the big-endian word are ASCII digits (SWAR: one test for four bytes). */
function isDigitWord(word: number): boolean {
  return (((word - 0x30303030) | (word + 0x46464646)) & 0x80808080) === 0;
}

/**
 * parseCompactDate for exactly 8 bytes at `start`, read as two 32-bit words: the same answer at about
 * half the cost, which counts with five dates on every Wmo row.
 */
export function parseCompactDateWords(view: DataView, start: number): number {
  const high = view.getUint32(start, false);
  const low = view.getUint32(start + 4, false);
  if (!isDigitWord(high) || !isDigitWord(low)) return DATE_BAD_FORMAT;
  const year =
    ((high >>> 24) - ZERO) * 1000 +
    (((high >>> 16) & 0xff) - ZERO) * 100 +
    (((high >>> 8) & 0xff) - ZERO) * 10 +
    ((high & 0xff) - ZERO);
  const month = ((low >>> 24) - ZERO) * 10 + (((low >>> 16) & 0xff) - ZERO);
  const day = (((low >>> 8) & 0xff) - ZERO) * 10 + ((low & 0xff) - ZERO);
  // Days 1-28 exist in every month: only the rarer days 29-31 need the month's length (divisions).
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month)))
    return DATE_NOT_REAL;
  return year * 10000 + month * 100 + day;
}

/** BSN_BAD_FORMAT unless 9 digits; else whether the elfproef passes (BSN_VALID / BSN_ELFPROEF). */
export const BSN_VALID = 0;
export const BSN_BAD_FORMAT = 1;
export const BSN_ELFPROEF = 2;

export function checkBsnWords(view: DataView, start: number, end: number): number {
  if (end - start !== 9) return BSN_BAD_FORMAT;
  const a = view.getUint32(start, false);
  const b = view.getUint32(start + 4, false);
  const last = view.getUint8(start + 8) - ZERO;
  if (!isDigitWord(a) || !isDigitWord(b) || last < 0 || last > 9) return BSN_BAD_FORMAT;
  const sum =
    9 * ((a >>> 24) - ZERO) +
    8 * (((a >>> 16) & 0xff) - ZERO) +
    7 * (((a >>> 8) & 0xff) - ZERO) +
    6 * ((a & 0xff) - ZERO) +
    5 * ((b >>> 24) - ZERO) +
    4 * (((b >>> 16) & 0xff) - ZERO) +
    3 * (((b >>> 8) & 0xff) - ZERO) +
    2 * ((b & 0xff) - ZERO) -
    last;
  // Nine zeros pass the arithmetic but are no BSN.
  if (sum % 11 !== 0 || (a === 0x30303030 && b === 0x30303030 && last === 0)) return BSN_ELFPROEF;
  return BSN_VALID;
}

/** yyyymmdd from `JJJJ-MM-DD` (10 bytes), DATE_BAD_FORMAT when not that form, DATE_NOT_REAL when no such day. */
export function parseDashedDate(buf: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || buf[start + 4] !== 45 || buf[start + 7] !== 45) return DATE_BAD_FORMAT;
  if (
    !isAllDigits(buf, start, start + 4) ||
    !isAllDigits(buf, start + 5, start + 7) ||
    !isAllDigits(buf, start + 8, start + 10)
  )
    return DATE_BAD_FORMAT;
  const year = readDigits(buf, start, start + 4);
  const month = readDigits(buf, start + 5, start + 7);
  const day = readDigits(buf, start + 8, start + 10);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return DATE_NOT_REAL;
  return year * 10000 + month * 100 + day;
}

/**
 * The value in cents of an amount checkAmount did not call invalid (`-12,5` = -1250), with either
 * separator. Exact for the spec's at most 15 integer digits and 4 decimals only up to 2^53 cents.
 */
export function readAmountCents(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i += 1;
  let whole = 0;
  while (i < end && buf[i]! >= ZERO && buf[i]! <= NINE) whole = whole * 10 + (buf[i++]! - ZERO);
  let cents = 0;
  if (i < end) {
    i += 1;
    let scale = 10;
    for (; i < end && scale >= 1; i++, scale /= 10) cents += (buf[i]! - ZERO) * scale;
  }
  const value = whole * 100 + cents;
  return negative ? -value : value;
}
