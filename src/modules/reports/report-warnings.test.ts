// Plausibility warnings per language: the Dutch text from the catalogue is exactly the text reports
// have always stored, English says the same, and a warning stored without parameters (a report from
// before) keeps its Dutch text in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCostSection, buildWmoSection, type ContentReport } from './report-content.ts';
import { contentReportForDownload, viewContentReport } from './report-view.ts';
import { warningMessage, warningParts, warningText } from './report-warnings.ts';
import type { WmoFigures } from './wmo-figures.ts';
import type { CostFigures } from './cost-figures.ts';

const vs = { receipt: 'GGK-2018-000001', period: '2017H1' };

test('each kind of warning in Dutch (as always) and in English', () => {
  const cases: Array<[Parameters<typeof warningText>[1], string, string]> = [
    [
      { kind: 'new', name: '03 Vervoer', against: 'redelivery', measure: 'records', ...vs },
      '03 Vervoer: nieuw ten opzichte van de vorige aanlevering voor dit halfjaar (GGK-2018-000001).',
      '03 Vervoer: new compared with the previous delivery for this half year (GGK-2018-000001).',
    ],
    [
      { kind: 'gone', name: '02 Begeleiding', against: 'previous-half-year', measure: 'realised', ...vs },
      '02 Begeleiding: geen gerealiseerde kosten meer, terwijl het vorige halfjaar 2017H1 (GGK-2018-000001) ze wel had.',
      '02 Begeleiding: no realised costs any more, while the previous half year 2017H1 (GGK-2018-000001) had them.',
    ],
    [
      {
        kind: 'increase',
        name: '01',
        against: 'previous-half-year',
        measure: 'records',
        percent: 42.5,
        threshold: 30,
        ...vs,
      },
      '01: 42,5% meer records dan het vorige halfjaar 2017H1 (GGK-2018-000001); de grens is 30%.',
      '01: records up 42.5% on the previous half year 2017H1 (GGK-2018-000001); the limit is 30%.',
    ],
    [
      {
        kind: 'decrease',
        name: '01',
        against: 'redelivery',
        measure: 'realised',
        percent: 60,
        threshold: 25,
        ...vs,
      },
      '01: 60% minder gerealiseerde kosten dan de vorige aanlevering voor dit halfjaar (GGK-2018-000001); de grens is 25%.',
      '01: realised costs down 60% on the previous delivery for this half year (GGK-2018-000001); the limit is 25%.',
    ],
    [
      { kind: 'manyRecords', count: 1234, total: 12000 },
      '10,3% van de personen (1234 van 12000) heeft meer dan vijf records; verwacht is ten hoogste 5%.',
      '10.3% of the persons (1,234 of 12,000) have more than five records; at most 5% is expected.',
    ],
    [
      { kind: 'openOld', count: 21, total: 100 },
      '21% van de records (21 van 100) heeft geen einddatum en begon meer dan tien jaar voor het einde van het halfjaar; verwacht is ten hoogste 20%.',
      '21% of the records (21 of 100) have no end date and started more than ten years before the end of the half year; at most 20% is expected.',
    ],
    [
      {
        kind: 'costsWithoutPersons',
        name: '07 Woonvoorziening',
        period: '2017H2',
        receipt: 'GGK-2018-000002',
      },
      '07 Woonvoorziening: kosten, maar geen personen in het Wmo-bestand van 2017H2 (GGK-2018-000002).',
      '07 Woonvoorziening: costs, but no persons in the Wmo file of 2017H2 (GGK-2018-000002).',
    ],
    [
      { kind: 'personsWithoutCosts', name: '08 ', period: '2017H2', receipt: 'GGK-2018-000002' },
      '08 : personen in het Wmo-bestand van 2017H2 (GGK-2018-000002), maar geen kosten.',
      '08 : persons in the Wmo file of 2017H2 (GGK-2018-000002), but no costs.',
    ],
  ];
  for (const [params, nl, en] of cases) {
    assert.equal(warningText('nl', params), nl);
    assert.equal(warningText('en', params), en);
    // As parts: the same text; in English the category's name (CBS's Dutch label) marked Dutch.
    assert.deepEqual(warningParts('nl', { message: nl, params }), [{ text: nl }]);
    const parts = warningParts('en', { message: nl, params });
    assert.equal(parts.map((part) => part.text).join(''), en);
    assert.deepEqual(
      parts.filter((part) => part.lang === 'nl').map((part) => part.text),
      'name' in params ? [params.name] : [],
    );
    assert.ok(
      parts.every((part) => part.text !== ''),
      'no empty part',
    );
  }
});

function wmoFigures(groups: Array<[string, number]>, extra: Partial<WmoFigures> = {}): WmoFigures {
  return {
    halfYear: '2017H2',
    firstDay: '2017-07-01',
    lastDay: '2017-12-31',
    records: groups.reduce((n, [, r]) => n + r, 0),
    persons: 100,
    shareWithoutEndDate: 0,
    personsWithMoreThanFiveRecords: 0,
    openEndedOverTenYears: 0,
    perProductcategorie: groups.map(([code, records]) => ({
      code,
      records,
      persons: records,
      started: 0,
      ended: 0,
      activeOnLastDay: 0,
    })),
    perLeveringsvorm: [],
    startsPerMonth: {},
    endsPerMonth: {},
    endReasons: [],
    ...extra,
  };
}

function costFigures(lines: Array<[string, number]>): CostFigures {
  return {
    rows: lines.length,
    total: { budgeted: null, realised: lines.reduce((n, [, v]) => n + v, 0) },
    perCategory: lines.map(([code, realised]) => ({ code, rows: 1, budgeted: null, realised })),
    perLeveringsvorm: [],
    categorySum: { budgeted: null, realised: lines.reduce((n, [, v]) => n + v, 0) },
    statedTotal: null,
    totalCodes: [],
  };
}

test('the report view and the JSON download give the warnings in the reader language; old reports keep Dutch', () => {
  const wmo = buildWmoSection({
    fileName: 'WMO_0363_2017H2.csv',
    period: '2017H2',
    figures: wmoFigures([['01', 100]], { personsWithMoreThanFiveRecords: 10 }),
    labels: { productcategorie: { '01': 'Hulp bij het huishouden' }, leveringsvorm: {}, reden: {} },
    redelivery: null,
    previousHalfYear: {
      receiptNumber: 'GGK-2018-000001',
      halfYear: '2017H1',
      figures: wmoFigures([['01', 50]]),
    },
    thresholdPercent: 30,
  });
  const kosten = buildCostSection({
    fileType: 'wmo-kosten',
    fileName: 'WMO_KOSTEN_0363_2017H2.csv',
    period: '2017H2',
    figures: costFigures([['07', 500]]),
    labels: { category: { '07': 'Woonvoorziening' }, leveringsvorm: {} },
    redelivery: null,
    previousHalfYear: null,
    wmo: { receiptNumber: 'GGK-2018-000003', halfYear: '2017H2', figures: wmoFigures([['01', 100]]) },
    thresholdPercent: 30,
  });
  const report: ContentReport = {
    version: 1,
    receiptNumber: 'GGK-2018-000009',
    gemeentecode: '0363',
    gemeenteName: 'Amsterdam',
    changeThresholdPercent: 30,
    sections: [wmo, kosten],
  };
  // Stored: the Dutch text and the parameters.
  assert.equal(
    wmo.warnings[0]!.message,
    '01 Hulp bij het huishouden: 100% meer records dan het vorige halfjaar 2017H1 (GGK-2018-000001); de grens is 30%.',
  );
  assert.equal(wmo.warnings[0]!.params?.kind, 'increase');
  const english = viewContentReport(report, 'en');
  assert.deepEqual(english.sections[0]!.warnings, [
    {
      code: 'C-01',
      message:
        '01 Hulp bij het huishouden: records up 100% on the previous half year 2017H1 (GGK-2018-000001); the limit is 30%.',
      parts: [
        { text: '01 Hulp bij het huishouden', lang: 'nl' },
        { text: ': records up 100% on the previous half year 2017H1 (GGK-2018-000001); the limit is 30%.' },
      ],
    },
    {
      code: 'C-02',
      message: '10% of the persons (10 of 100) have more than five records; at most 5% is expected.',
      parts: [
        { text: '10% of the persons (10 of 100) have more than five records; at most 5% is expected.' },
      ],
    },
  ]);
  assert.match(english.sections[1]!.warnings[0]!.message, /^07 Woonvoorziening: costs, but no persons/);
  const table = english.sections[0]!.tables.find((x) => x.id === 's1-meldingen')!;
  assert.equal(table.rows[1]![1], english.sections[0]!.warnings[1]!.message);
  assert.deepEqual(
    viewContentReport(report, 'nl').sections[0]!.warnings.map((w) => w.message),
    wmo.warnings.map((w) => w.message),
  );

  // The JSON download keeps message and params and adds the text per language.
  const json = JSON.parse(JSON.stringify(contentReportForDownload(report))) as {
    sections: Array<{
      warnings: Array<{ code: string; message: string; params: unknown; messages: unknown }>;
    }>;
  };
  const first = json.sections[0]!.warnings[0]!;
  assert.equal(first.message, wmo.warnings[0]!.message);
  assert.deepEqual(first.params, wmo.warnings[0]!.params);
  assert.deepEqual(first.messages, {
    nl: wmo.warnings[0]!.message,
    en: english.sections[0]!.warnings[0]!.message,
  });

  // A report stored before warnings had parameters: its Dutch text, in every language.
  const old = { code: 'C-01' as const, message: '01 Hulp: nieuw ten opzichte van het vorige halfjaar.' };
  assert.equal(warningMessage('en', old), old.message);
  const oldReport: ContentReport = { ...report, sections: [{ ...wmo, warnings: [old] }] };
  assert.deepEqual(viewContentReport(oldReport, 'en').sections[0]!.warnings, [
    { ...old, parts: [{ text: old.message, lang: 'nl' }] },
  ]);
  assert.equal(
    (contentReportForDownload(oldReport).sections[0]!.warnings[0] as unknown as { messages: { en: string } })
      .messages.en,
    old.message,
  );
});
