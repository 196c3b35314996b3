import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  AMOUNT_ALTERNATIVE_SEPARATOR,
  AMOUNT_INVALID,
  AMOUNT_NEGATIVE,
  AMOUNT_OK,
  DATE_BAD_FORMAT,
  DATE_NOT_REAL,
  checkAmount,
  indexOfByte,
  isValidUtf8,
  parseCompactDate,
  passesElfproef,
} from './byte-checks.ts';
import { KeyHashSet } from './key-hash-set.ts';
import { createSha256 } from '../../platform/bytes/sha256-hasher.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

test('parses JJJJMMDD dates and knows leap years', () => {
  const parse = (t: string) => parseCompactDate(bytes(t), 0, t.length);
  assert.equal(parse('20170701'), 20170701);
  assert.equal(parse('20160229'), 20160229);
  assert.equal(parse('20000229'), 20000229);
  assert.equal(parse('19000229'), DATE_NOT_REAL);
  assert.equal(parse('20170229'), DATE_NOT_REAL);
  assert.equal(parse('20171301'), DATE_NOT_REAL);
  assert.equal(parse('2017-07-01'), DATE_BAD_FORMAT);
  assert.equal(parse('2017070'), DATE_BAD_FORMAT);
});

test('applies the elfproef and refuses nine zeros', () => {
  const check = (t: string) => passesElfproef(bytes(t), 0);
  assert.equal(check('111222333'), true);
  assert.equal(check('123456782'), true);
  assert.equal(check('123456789'), false);
  assert.equal(check('000000000'), false);
});

test('reads euro amounts with a comma, flags a point, a minus and anything else', () => {
  const check = (t: string) => checkAmount(bytes(t), 0, t.length, 10, 2, 44, 46);
  assert.equal(check('1234'), AMOUNT_OK);
  assert.equal(check('1234,5'), AMOUNT_OK);
  assert.equal(check('1234,56'), AMOUNT_OK);
  assert.equal(check('1234.56'), AMOUNT_ALTERNATIVE_SEPARATOR);
  assert.equal(check('-12'), AMOUNT_NEGATIVE);
  for (const bad of ['1.234,56', '1234,567', '€ 12', ',5', '12,', '12345678901', '']) {
    assert.equal(check(bad), AMOUNT_INVALID, bad);
  }
});

test('accepts well-formed UTF-8 and refuses Windows-1252 bytes, overlongs and surrogates', () => {
  const check = (b: Uint8Array) => isValidUtf8(b, 0, b.length);
  assert.equal(check(bytes('Zoë, € en 𝄞')), true);
  assert.equal(check(new Uint8Array([0x43, 0x61, 0x66, 0xe9])), false);
  assert.equal(check(new Uint8Array([0xc0, 0xaf])), false);
  assert.equal(check(new Uint8Array([0xed, 0xa0, 0x80])), false);
  assert.equal(check(new Uint8Array([0xe2, 0x82])), false);
});

test('computes SHA-256 like node:crypto whatever the chunking', () => {
  const data = new Uint8Array(100_003).map((_, i) => (i * 7919) & 0xff);
  const expected = createHash('sha256').update(data).digest('hex');
  for (const size of [1, 55, 56, 63, 64, 65, 4096, data.length]) {
    const hasher = createSha256();
    for (let i = 0; i < data.length; i += size) hasher.update(data.subarray(i, i + size));
    assert.equal(hasher.digest(), expected, `chunk size ${size}`);
  }
  assert.equal(createSha256().digest(), createHash('sha256').digest('hex'));
});

test('remembers the first line of every hash, also after growing', () => {
  const set = new KeyHashSet(4);
  for (let i = 1; i <= 5000; i++) assert.equal(set.addOrGetLine(i * 2654435761, i, i), 0);
  for (let i = 1; i <= 5000; i++) assert.equal(set.addOrGetLine(i * 2654435761, i, 99999), i);
  assert.equal(set.addOrGetLine(0, 0, 7), 0);
  assert.equal(set.addOrGetLine(0, 0, 8), 7);
});

test('reads dates and BSNs four bytes at a time with the same verdicts as byte by byte', async () => {
  const { parseCompactDateWords, checkBsnWords, BSN_VALID, BSN_BAD_FORMAT, BSN_ELFPROEF } =
    await import('./byte-checks.ts');
  const view = (t: string) => new DataView(bytes(t).buffer);
  for (const date of [
    '20170701',
    '20160229',
    '19000229',
    '20171301',
    '2017070a',
    '2017/7/1',
    '00000000',
    '99991231',
  ]) {
    assert.equal(parseCompactDateWords(view(date), 0), parseCompactDate(bytes(date), 0, 8), date);
  }
  assert.equal(checkBsnWords(view('111222333'), 0, 9), BSN_VALID);
  assert.equal(checkBsnWords(view('123456789'), 0, 9), BSN_ELFPROEF);
  assert.equal(checkBsnWords(view('000000000'), 0, 9), BSN_ELFPROEF);
  assert.equal(checkBsnWords(view('12345678a'), 0, 9), BSN_BAD_FORMAT);
  assert.equal(checkBsnWords(view('1234567:2'), 0, 9), BSN_BAD_FORMAT);
  assert.equal(checkBsnWords(view('12345678'), 0, 8), BSN_BAD_FORMAT);
  for (let i = 0; i < 2000; i++) {
    const text = String((i * 7919 * 104729) % 1e9).padStart(9, '0');
    const expected = passesElfproef(bytes(text), 0) ? BSN_VALID : BSN_ELFPROEF;
    assert.equal(checkBsnWords(view(text), 0, 9), expected, text);
  }
});

test('indexOfByte finds what indexOf finds, at every alignment and range (the scanner and the NUL check rely on it)', () => {
  // Few distinct bytes, so the byte looked for occurs often, rarely or not at all.
  const input = fc.record({
    // size 'max': by default fast-check keeps arrays to about ten bytes, too short for the word loop.
    bytes: fc.uint8Array({ minLength: 0, maxLength: 120, size: 'max' }).map((a) => a.map((b) => b % 5)),
    offset: fc.integer({ min: 0, max: 7 }),
    byte: fc.integer({ min: 0, max: 5 }),
    from: fc.integer({ min: 0, max: 120 }),
    to: fc.integer({ min: 0, max: 120 }),
  });
  fc.assert(
    fc.property(input, ({ bytes: raw, offset, byte, from: f, to: t }) => {
      // A view at an odd place in a larger buffer, as a file's chunks are.
      const backing = new Uint8Array(raw.length + offset + 5).fill(byte);
      backing.set(raw, offset);
      const buf = backing.subarray(offset, offset + raw.length);
      const to = Math.min(t, raw.length);
      const from = Math.min(f, to);
      const found = buf.subarray(0, to).indexOf(byte, from);
      assert.equal(indexOfByte(buf, byte, from, to), found);
    }),
    { numRuns: 3000 },
  );
});
