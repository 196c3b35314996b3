import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskBsnRuns, passesElfproef } from './bsn-runs.ts';

test('the elfproef: 9 digits, weights 9..2 and -1, never nine zeros', () => {
  assert.equal(passesElfproef('123456782'), true);
  assert.equal(passesElfproef('123456789'), false);
  assert.equal(passesElfproef('000000000'), false);
  assert.equal(passesElfproef('12345678'), false);
  assert.equal(passesElfproef('12345678a'), false);
});

test('every elfproef-valid nine-digit run is masked by value, wherever it stands', () => {
  assert.equal(maskBsnRuns('123456782'), '12345****');
  assert.equal(maskBsnRuns('"productcategorie" is 123456782;'), '"productcategorie" is 12345****;');
  // Letters around it do not protect it.
  assert.equal(maskBsnRuns('BSN123456782x'), 'BSN12345****x');
  assert.equal(maskBsnRuns('111222333 en 232262536'), '11122**** en 23226****');
  // Not a BSN: part of a longer number, failing the elfproef, nine zeros.
  assert.equal(maskBsnRuns('1234567820'), '1234567820');
  assert.equal(maskBsnRuns('123456789'), '123456789');
  assert.equal(maskBsnRuns('000000000'), '000000000');
  // A checksum is left whole, even where a digit run in it would pass.
  const sha = `${'ab'.repeat(16)}123456782${'cd'.repeat(12)}`;
  assert.equal(maskBsnRuns(sha), sha);
});
