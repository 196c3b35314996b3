import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWmoSection, compareByCode, previousHalfYear } from './report-content.ts';
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
