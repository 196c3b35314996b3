import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBytesSource } from '../validation/memory-byte-source.ts';
import { COST_FILE_LAYOUTS, computeCostFigures, parseCents } from './cost-figures.ts';

test('reads amounts with a decimal comma or point into exact cents', () => {
  assert.equal(parseCents('1234,56'), 123456);
  assert.equal(parseCents('1234.5'), 123450);
  assert.equal(parseCents('-12'), -1200);
  assert.equal(parseCents(''), null);
  assert.ok(Number.isNaN(parseCents('12,345')));
  // 0.1 + 0.2 in euros would not be exact; in cents it is.
  assert.equal((parseCents('0,10') ?? 0) + (parseCents('0,20') ?? 0), 30);
});

test('sums per category over leveringsvorm and per leveringsvorm, leaving Jeugd TOT out of the total', async () => {
  const text = [
    'aanmaakdatum;gemeentecode;periode;categorie;leveringsvorm;kosten_begroot;kosten_gerealiseerd',
    '20180115;0363;2017H2;JH_ZV;ZIN;100,10;50',
    '20180115;0363;2017H2;JH_ZV;PGB;;25,25',
    '20180115;0363;2017H2;JB;ZIN;10;',
    '20180115;0363;2017H2;TOT;ZIN;110,10;75,25',
    '',
  ].join('\n');
  const figures = await computeCostFigures(
    createBytesSource('JEUGD_0363_2017H2.csv', new TextEncoder().encode(text)),
    COST_FILE_LAYOUTS.jeugd!,
  );
  assert.equal(figures.rows, 4);
  assert.deepEqual(figures.perCategory, [
    { code: 'JB', rows: 1, budgeted: 1000, realised: null },
    { code: 'JH_ZV', rows: 2, budgeted: 10010, realised: 7525 },
    { code: 'TOT', rows: 1, budgeted: 11010, realised: 7525 },
  ]);
  assert.deepEqual(figures.perLeveringsvorm, [
    { code: 'PGB', rows: 1, budgeted: null, realised: 2525 },
    { code: 'ZIN', rows: 2, budgeted: 11010, realised: 5000 },
  ]);
  assert.deepEqual(figures.total, { budgeted: 11010, realised: 7525 });
});
