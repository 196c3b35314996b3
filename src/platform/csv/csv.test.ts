import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, toCsv } from './csv.ts';

test('formula-like text cells are neutralised and separators quoted', () => {
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('+31'), "'+31");
  assert.equal(csvCell('-2+3+cmd|x'), "'-2+3+cmd|x");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\t=1'), "'\t=1");
  assert.equal(csvCell('a;b'), '"a;b"');
  assert.equal(csvCell('zei "ja"'), '"zei ""ja"""');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(new Date('2018-01-02T03:04:05Z')), '2018-01-02T03:04:05.000Z');
});

test('numbers stay numbers: decimal comma, negative as negative, at most 4 decimals, no exponent', () => {
  assert.equal(csvCell(12), '12');
  assert.equal(csvCell(-312567.5), '-312567,5');
  assert.equal(csvCell(1234.56), '1234,56');
  assert.equal(csvCell(0.123456), '0,1235');
  assert.equal(csvCell(1e-9), '0');
  assert.equal(csvCell(1e21), '1000000000000000000000');
  assert.equal(csvCell(Number.NaN), '');
  // A text that is only a plain number is no formula either.
  assert.equal(csvCell('-5'), '-5');
  assert.equal(csvCell('-12,5'), '-12,5');
});

test('a document has a BOM, a header and CRLF line ends', () => {
  assert.equal(toCsv(['a', 'b'], [[1.5, 'x']]), '\uFEFFa;b\r\n1,5;x\r\n');
});
