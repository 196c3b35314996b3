import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadSpec } from '../validation/index.ts';
import { costFileLayout, parseCents, type CostFileLayout } from './cost-figures.ts';
import { costFiguresOf } from '../../../test/support/cost-file.ts';

const JEUGD: CostFileLayout = { categoryColumn: 'categorie', totalCodes: ['TOT'] };

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
  const figures = await costFiguresOf(
    'JEUGD_0363_2017H2.csv',
    [
      'aanmaakdatum;gemeentecode;periode;categorie;leveringsvorm;kosten_begroot;kosten_gerealiseerd',
      '20180115;0363;2017H2;JH_ZV;ZIN;100,10;50',
      '20180115;0363;2017H2;JH_ZV;PGB;;25,25',
      '20180115;0363;2017H2;JB;ZIN;10;',
      '20180115;0363;2017H2;TOT;ZIN;110,10;75,25',
    ],
    JEUGD,
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
  assert.deepEqual(figures.categorySum, figures.total, 'TOT states exactly the sum of its categories');
});

test('Wmo kosten 99 is the stated total (the spec marks it total): the total is 99, the categories sum apart', async () => {
  const spec = loadSpec(
    JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
  );
  const layout = costFileLayout(spec, 'wmo-kosten');
  assert.deepEqual(layout, { categoryColumn: 'productcategorie', totalCodes: ['99'] });
  assert.deepEqual(costFileLayout(spec, 'jeugd').totalCodes, ['TOT']);
  assert.deepEqual(costFileLayout(spec, 'sbw').totalCodes, []);
  const figures = await costFiguresOf(
    'WMOKOSTEN_0363_2017H2.csv',
    [
      'aanmaakdatum;gemeentecode;periode;productcategorie;leveringsvorm;kosten_begroot;kosten_gerealiseerd',
      '20180115;0363;2017H2;01;ZIN;1000;900',
      '20180115;0363;2017H2;02;PGB;500;400',
      '20180115;0363;2017H2;99;;2000;1300',
    ],
    layout,
  );
  assert.deepEqual(figures.total, { budgeted: 200000, realised: 130000 });
  assert.deepEqual(figures.statedTotal, { budgeted: 200000, realised: 130000 });
  assert.deepEqual(figures.categorySum, { budgeted: 150000, realised: 130000 });
  // The total row counts once, not again per leveringsvorm.
  assert.deepEqual(
    figures.perLeveringsvorm.map((l) => l.code),
    ['PGB', 'ZIN'],
  );
});
