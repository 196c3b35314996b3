import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvScanner, RECORD_OK, RECORD_TOO_LONG, RECORD_UNTERMINATED_QUOTE } from './csv-scanner.ts';
import { simdScanner } from './simd-scan.ts';

interface Seen {
  line: number;
  fields: string[];
  problem: number;
  raw: string;
}

const decoder = new TextDecoder();

function scan(input: string | Uint8Array, chunkSize = 1 << 20, maxLineBytes = 1024, release = false): Seen[] {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const seen: Seen[] = [];
  const scanner = new CsvScanner(
    (r) => {
      const fields: string[] = [];
      for (let i = 0; i < r.count; i++) fields.push(decoder.decode(r.buf.subarray(r.starts[i]!, r.ends[i]!)));
      seen.push({
        line: r.line,
        fields,
        problem: r.problem,
        raw: decoder.decode(r.raw.subarray(r.rawStart, r.rawEnd)),
      });
    },
    { delimiter: 59, quote: 34, maxLineBytes },
  );
  for (let i = 0; i < bytes.length; i += chunkSize) scanner.push(bytes.slice(i, i + chunkSize));
  scanner.finish();
  if (release) scanner.release();
  return seen;
}

const fieldsOf = (seen: Seen[]) => seen.filter((s) => s.fields.length > 0).map((s) => s.fields);

test('splits records on line feeds and fields on semicolons, with physical line numbers', () => {
  const seen = scan('a;b;c\n1;2;3\n\n4;;6');
  assert.deepEqual(
    seen.map((s) => [s.line, s.fields]),
    [
      [1, ['a', 'b', 'c']],
      [2, ['1', '2', '3']],
      [3, []],
      [4, ['4', '', '6']],
    ],
  );
});

test('drops the carriage return of CRLF line ends and gives CRLF and LF lines the same raw bytes', () => {
  const crlf = scan('a;b\r\nx;y\r\n');
  const lf = scan('a;b\nx;y\n');
  assert.deepEqual(fieldsOf(crlf), [
    ['a', 'b'],
    ['x', 'y'],
  ]);
  assert.deepEqual(
    crlf.map((s) => s.raw),
    lf.map((s) => s.raw),
  );
});

test('skips a UTF-8 byte order mark, also when it arrives one byte at a time', () => {
  for (const size of [1, 2, 3, 100]) {
    assert.deepEqual(fieldsOf(scan('\ufeffkop;regel\n1;2\n', size)), [
      ['kop', 'regel'],
      ['1', '2'],
    ]);
  }
});

test('reads quoted fields with "" escapes, delimiters and line breaks inside', () => {
  const seen = scan('a;"b;c";"d""e"\n"regel\nmet\nbreuk";x\nna;afloop\n');
  assert.deepEqual(
    seen.map((s) => [s.line, s.fields]),
    [
      [1, ['a', 'b;c', 'd"e']],
      [2, ['regel\nmet\nbreuk', 'x']],
      [5, ['na', 'afloop']],
    ],
  );
});

test('gives the same records for every chunk size (quotes, CRLF and multibyte characters split anywhere)', () => {
  const input =
    '\ufeffnaam;"stad";bedrag\r\n"Zoë ""Z"";ij";"Ürk\r\nnoord";12,50\r\nélan;ß;€\r\n;;\r\nlaatste;regel;zonder einde';
  const expected = scan(input);
  assert.equal(expected.length, 5);
  for (let size = 1; size <= 40; size++) assert.deepEqual(scan(input, size), expected, `chunk size ${size}`);
});

test('reports a line longer than the limit once and carries on with the next line', () => {
  const long = 'x'.repeat(3000);
  const input = `a;b\n${long};${long}\nc;d\n`;
  for (const size of [7, 1000, 1 << 20]) {
    const seen = scan(input, size);
    assert.deepEqual(
      seen.map((s) => [s.line, s.problem, s.fields]),
      [
        [1, RECORD_OK, ['a', 'b']],
        [2, RECORD_TOO_LONG, []],
        [3, RECORD_OK, ['c', 'd']],
      ],
      `chunk size ${size}`,
    );
  }
});

test('does not let a stray quote swallow the rest of a large file', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `${i};waarde`).join('\n');
  const seen = scan(`a;"open\n${rows}\n`, 64);
  assert.equal(seen[0]?.problem, RECORD_TOO_LONG);
  // At most maxLineBytes (1024 here) of lines are lost to the open quote.
  assert.ok(seen.filter((s) => s.problem === RECORD_OK).length > 1800);
});

test('reports a quote left open at the end of the file and reads the lines after it again', () => {
  const seen = scan('a;b\nc;"open\nd;e\nf;g\n', 3);
  assert.deepEqual(
    seen.map((s) => [s.line, s.problem, s.fields]),
    [
      [1, RECORD_OK, ['a', 'b']],
      [2, RECORD_UNTERMINATED_QUOTE, []],
      [3, RECORD_OK, ['d', 'e']],
      [4, RECORD_OK, ['f', 'g']],
    ],
  );
});

test('keeps the raw bytes of every record, quotes included', () => {
  const seen = scan('1;2;3\n1;2;4\n1;2;3\n"1";2;3\n');
  assert.deepEqual(
    seen.map((s) => s.raw),
    ['1;2;3', '1;2;4', '1;2;3', '"1";2;3'],
  );
});

test('the SIMD splitter tells which lines hold a space, so fields without one are not trimmed', () => {
  assert.ok(simdScanner(), 'WebAssembly SIMD runs here');
  const spaces: boolean[] = [];
  const scanner = new CsvScanner((r) => spaces.push(r.spaces), {
    delimiter: 59,
    quote: 34,
    maxLineBytes: 1024,
  });
  const long = 'x'.repeat(40);
  scanner.push(new TextEncoder().encode(`a;b\n1;2\n1 ;2\n${long};${long} \n${long};${long}\r\n`));
  scanner.finish();
  assert.deepEqual(spaces, [false, false, true, true, false]);
});

test("a released scanner's offset arrays serve the next scanner, which scans as a fresh one", () => {
  // Quoted fields go through the JavaScript splitter, which writes into the scanner's own arrays.
  const input = 'a;"b;c";d\n1;"2\n3";4;5\n' + 'x;y\n'.repeat(50) + '"q";r;s;t;u;v\n';
  const fresh = scan(input, 7, 64);
  for (let i = 0; i < 6; i++) assert.deepEqual(scan(input, 7 + i, 64, true), fresh);
  const scanner = new CsvScanner(() => undefined, { delimiter: 59, quote: 34, maxLineBytes: 64 });
  scanner.release();
  assert.throws(() => scanner.push(new TextEncoder().encode('a;b\n')), /after release/);
  assert.throws(() => scanner.finish(), /after release/);
});

test("a released scanner's offset arrays go to one next scanner, never to two alive at once", () => {
  // A quoted field: the JavaScript splitter writes the record into the scanner's own arrays, which
  // the record shows. A line length no other test uses, so the pool holds no arrays of this size yet.
  const options = { delimiter: 59, quote: 34, maxLineBytes: 77 };
  const quoted = new TextEncoder().encode('"a;b";c\n');
  let seen: Int32Array | undefined;
  const make = () => new CsvScanner((r) => (seen = r.starts), options);
  const a = make();
  a.push(quoted);
  const aStarts = seen;
  assert.ok(aStarts && aStarts.length === 79);
  a.finish();
  a.release();
  const b = make();
  b.push(quoted);
  assert.equal(seen, aStarts, 'the next scanner takes the released arrays');
  const c = make();
  c.push(quoted);
  assert.notEqual(seen, aStarts, 'a scanner alive beside it gets its own');
  assert.equal(seen!.length, 79);
});
