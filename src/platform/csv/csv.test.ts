import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, toCsv } from './csv.ts';

test('formula-like cells are neutralised and separators quoted', () => {
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('+31'), "'+31");
  assert.equal(csvCell('-5'), "'-5");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('a;b'), '"a;b"');
  assert.equal(csvCell('zei "ja"'), '"zei ""ja"""');
  assert.equal(csvCell(12), '12');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(new Date('2018-01-02T03:04:05Z')), '2018-01-02T03:04:05.000Z');
});

test('a document has a BOM, a header and CRLF line ends', () => {
  assert.equal(toCsv(['a', 'b'], [[1, 'x']]), '\uFEFFa;b\r\n1;x\r\n');
});
