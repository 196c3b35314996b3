import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CostFigures } from './cost-figures.ts';
import { costFiguresOf } from '../../../test/support/cost-file.ts';
import { buildCostSection, buildWmoSection, compareByCode, previousHalfYear } from './report-content.ts';
import { warningText } from './report-warnings.ts';
import type { WmoFigures } from './wmo-figures.ts';

function figures(perCategory: Array<[string, number]>, extra: Partial<WmoFigures> = {}): WmoFigures {
  const records = perCategory.reduce((n, [, r]) => n + r, 0);
  return {
    halfYear: '2017H2',
    firstDay: '2017-07-01',
    lastDay: '2017-12-31',
    records,
    persons: records,
    perProductcategorie: perCategory.map(([code, r]) => ({
      code,
      records: r,
      persons: r,
      started: 0,
      ended: 0,
      activeOnLastDay: 0,
    })),
    perLeveringsvorm: [],
    startsPerMonth: {},
    endsPerMonth: {},
    shareWithoutEndDate: 0,
    endReasons: [],
    personsWithMoreThanFiveRecords: 0,
    openEndedOverTenYears: 0,
    ...extra,
  };
}

const labels = {
  productcategorie: { '01': 'Hulp bij het huishouden', '02': 'Begeleiding' },
  leveringsvorm: {},
  reden: {},
};

test('the previous half year of H1 is H2 of the year before', () => {
  assert.equal(previousHalfYear('2017H2'), '2017H1');
  assert.equal(previousHalfYear('2017H1'), '2016H2');
});

test('flags a change beyond the threshold, not one at it, and categories that appear or vanish', () => {
  const c = compareByCode({
    against: 'previous-half-year',
    receiptNumber: 'GGK-2018-000001',
    halfYear: '2017H1',
    measure: 'records',
    current: [
      { code: '01', value: 130 },
      { code: '02', value: 131 },
      { code: '04', value: 5 },
    ],
    previous: [
      { code: '01', value: 100 },
      { code: '02', value: 100 },
      { code: '03', value: 7 },
    ],
    currentTotal: 266,
    previousTotal: 207,
    labels: {},
    thresholdPercent: 30,
  });
  assert.deepEqual(
    c.rows.map((r) => [r.code, r.changePercent, r.flagged]),
    [
      ['01', 30, false],
      ['02', 31, true],
      ['03', null, true],
      ['04', null, true],
      ['', 28.5, false],
    ],
  );
});

test('C-01 to C-04: change, many records per person, a vanished category, old open-ended records', () => {
  const section = buildWmoSection({
    fileName: 'WMO_0363_2017H2.csv',
    period: '2017H2',
    figures: figures([['01', 100]], {
      persons: 40,
      personsWithMoreThanFiveRecords: 3,
      openEndedOverTenYears: 21,
    }),
    labels,
    redelivery: null,
    previousHalfYear: {
      receiptNumber: 'GGK-2018-000001',
      halfYear: '2017H1',
      figures: figures([
        ['01', 50],
        ['02', 10],
      ]),
    },
    thresholdPercent: 30,
  });
  assert.deepEqual(
    section.warnings.map((w) => w.code),
    ['C-01', 'C-03', 'C-02', 'C-04'],
  );
  assert.match(
    section.warnings[0]!.message,
    /01 Hulp bij het huishouden: 100% meer records dan het vorige halfjaar 2017H1/,
  );
  assert.match(section.warnings[1]!.message, /02 Begeleiding: geen records meer/);
  assert.match(section.warnings[2]!.message, /7,5% van de personen \(3 van 40\)/);
  assert.match(section.warnings[3]!.message, /21% van de records \(21 van 100\)/);

  const calm = buildWmoSection({
    fileName: 'WMO_0363_2017H2.csv',
    period: '2017H2',
    figures: figures([['01', 100]], {
      persons: 40,
      personsWithMoreThanFiveRecords: 2,
      openEndedOverTenYears: 20,
    }),
    labels,
    redelivery: null,
    previousHalfYear: null,
    thresholdPercent: 30,
  });
  assert.deepEqual(calm.warnings, []);
});

test('a stated total that is not the sum of its categories (C-05) and begroot/gerealiseerd apart by the factor (K-02b) are warned with both figures', async () => {
  const figures = await costFiguresOf(
    'WMOKOSTEN_0363_2017H2.csv',
    [
      'aanmaakdatum;gemeentecode;periode;productcategorie;leveringsvorm;kosten_begroot;kosten_gerealiseerd',
      '20180115;0363;2017H2;01;ZIN;1000;3500',
      '20180115;0363;2017H2;02;PGB;500;400',
      '20180115;0363;2017H2;99;;2000;3900',
    ],
    { categoryColumn: 'productcategorie', totalCodes: ['99'] },
  );
  const section = buildCostSection({
    fileType: 'wmo-kosten',
    fileName: 'WMOKOSTEN_0363_2017H2.csv',
    period: '2017H2',
    figures,
    labels: {
      category: { '01': 'Hulp bij het huishouden', '99': 'Totaal / niet toe te delen' },
      leveringsvorm: {},
    },
    redelivery: null,
    previousHalfYear: null,
    wmo: null,
    thresholdPercent: 30,
    ratio: { id: 'K-02b', factor: 3 },
  });
  assert.deepEqual(
    section.warnings.map((w) => [w.code, w.message]),
    [
      [
        'C-05',
        '99 Totaal / niet toe te delen: de opgegeven begrote kosten (€\u00a02.000,00) zijn niet de som van de categorieën (€\u00a01.500,00). Controleer de totaalregel en de categorieën.',
      ],
      [
        'K-02b',
        '01 Hulp bij het huishouden: gerealiseerde kosten (€\u00a03.500,00) en begrote kosten (€\u00a01.000,00) verschillen meer dan een factor 3.',
      ],
    ],
  );
  assert.equal(
    warningText('en', section.warnings[0]!.params!),
    '99 Totaal / niet toe te delen: the stated budgeted costs (€2,000.00) are not the sum of the categories (€1,500.00). Check the total row and the categories.',
  );
  // Without the spec's ratio rule (SBW, Jeugd) there is no K-02b.
  assert.deepEqual(
    buildCostSection({ ...sectionInput(figures), ratio: null }).warnings.map((w) => w.code),
    ['C-05'],
  );
});

test('a stated total with no categories beside it, or equal to their sum, is no C-05', async () => {
  const header =
    'aanmaakdatum;gemeentecode;periode;categorie;leveringsvorm;kosten_begroot;kosten_gerealiseerd';
  const layout = { categoryColumn: 'categorie', totalCodes: ['TOT'] };
  const onlyTotal = await costFiguresOf(
    'JEUGD_0363_2017H2.csv',
    [header, '20180115;0363;2017H2;TOT;ZIN;110;75'],
    layout,
  );
  assert.deepEqual(onlyTotal.statedTotal, { budgeted: 11000, realised: 7500 });
  assert.deepEqual(buildCostSection(sectionInput(onlyTotal)).warnings, []);
  // Realised is only on the total row: no sum to compare it with; budgeted differs and is warned.
  const mixed = await costFiguresOf(
    'JEUGD_0363_2017H2.csv',
    [header, '20180115;0363;2017H2;JB;ZIN;100;', '20180115;0363;2017H2;TOT;ZIN;110;75'],
    layout,
  );
  assert.deepEqual(
    buildCostSection(sectionInput(mixed)).warnings.map((w) => [w.code, w.params]),
    [['C-05', { kind: 'totalMismatch', name: 'TOT', measure: 'budgeted', stated: 11000, sum: 10000 }]],
  );
  const equal = await costFiguresOf(
    'JEUGD_0363_2017H2.csv',
    [header, '20180115;0363;2017H2;JB;ZIN;110;75', '20180115;0363;2017H2;TOT;ZIN;110;75'],
    layout,
  );
  assert.deepEqual(buildCostSection(sectionInput(equal)).warnings, []);
});

function sectionInput(figures: CostFigures) {
  return {
    fileType: 'wmo-kosten' as const,
    fileName: 'WMOKOSTEN_0363_2017H2.csv',
    period: '2017H2',
    figures,
    labels: { category: {}, leveringsvorm: {} },
    redelivery: null,
    previousHalfYear: null,
    wmo: null,
    thresholdPercent: 30,
  };
}
