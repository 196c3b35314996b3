import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { planDelivery, readGeneratorSpec } from '../validation/generate/index.ts';
import { createBytesSource } from '../validation/memory-byte-source.ts';
import { computeWmoFigures, type WmoFigures, type WmoGroupFigures } from './wmo-figures.ts';

const spec = readGeneratorSpec(
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
);

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function figuresOf(text: string | Uint8Array, chunkSize?: number, halfYear = '2017H2'): Promise<WmoFigures> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return computeWmoFigures(createBytesSource('WMO_0363_2017H2.csv', bytes, chunkSize), { halfYear });
}

/** The same figures, the plain way: whole text in memory, split on line feeds and semicolons. */
function independentFigures(text: string, first: string, last: string) {
  const lines = text.split('\n').filter((line) => line !== '');
  const header = lines[0]!.split(';');
  const col = (name: string) => header.indexOf(name);
  const rows = lines.slice(1).map((line) => line.split(';'));
  const groups = (name: string) => {
    const out: WmoGroupFigures[] = [];
    const keys = [...new Set(rows.map((row) => row[col(name)]!))].sort();
    for (const key of keys) {
      const mine = rows.filter((row) => row[col(name)] === key);
      out.push({
        code: key,
        records: mine.length,
        persons: new Set(mine.map((row) => row[col('bsn')])).size,
        started: mine.filter((row) => inHalf(row[col('startdatum')]!)).length,
        ended: mine.filter((row) => inHalf(row[col('einddatum')]!)).length,
        activeOnLastDay: mine.filter((row) => {
          const start = row[col('startdatum')]!;
          const end = row[col('einddatum')]!;
          return start !== '' && start <= last && (end === '' || end >= last);
        }).length,
      });
    }
    return out;
  };
  const inHalf = (date: string) => date !== '' && date >= first && date <= last;
  const months = (name: string) => {
    const out: Record<string, number> = {};
    for (let m = Number(first.slice(4, 6)); m < Number(first.slice(4, 6)) + 6; m++)
      out[`${first.slice(0, 4)}-${String(m).padStart(2, '0')}`] = 0;
    for (const row of rows) {
      const d = row[col(name)]!;
      if (inHalf(d)) out[`${d.slice(0, 4)}-${d.slice(4, 6)}`]! += 1;
    }
    return out;
  };
  const endReasons: Record<string, number> = {};
  for (const row of rows)
    if (row[col('einddatum')] !== '') {
      const reason = row[col('reden_beeindiging')] ?? '';
      endReasons[reason] = (endReasons[reason] ?? 0) + 1;
    }
  return {
    records: rows.length,
    persons: new Set(rows.map((row) => row[col('bsn')])).size,
    perProductcategorie: groups('productcategorie'),
    perLeveringsvorm: groups('leveringsvorm'),
    startsPerMonth: months('startdatum'),
    endsPerMonth: months('einddatum'),
    shareWithoutEndDate: rows.filter((row) => row[col('einddatum')] === '').length / rows.length,
    endReasons: Object.keys(endReasons)
      .sort()
      .map((code) => ({ code, records: endReasons[code]! })),
    personsWithMoreThanFiveRecords: (() => {
      const perPerson = new Map<string, number>();
      for (const row of rows) perPerson.set(row[col('bsn')]!, (perPerson.get(row[col('bsn')]!) ?? 0) + 1);
      return [...perPerson.values()].filter((n) => n > 5).length;
    })(),
    openEndedOverTenYears: rows.filter((row) => {
      const start = row[col('startdatum')] || row[col('beoogde_startdatum')]!;
      const tenYearsBefore = `${Number(last.slice(0, 4)) - 10}${last.slice(4)}`;
      return row[col('einddatum')] === '' && start !== '' && start < tenYearsBefore;
    }).length,
  };
}

/** The generator gives every row its own BSN: let each BSN serve three rows, across categories. */
function sharePersons(text: string): string {
  const lines = text.split('\n');
  const bsn = lines[0]!.split(';').indexOf('bsn');
  let current = '';
  return lines
    .map((line, i) => {
      if (i === 0 || line === '') return line;
      const fields = line.split(';');
      if (i % 3 === 1) current = fields[bsn]!;
      else fields[bsn] = current;
      return fields.join(';');
    })
    .join('\n');
}

function group(groups: WmoGroupFigures[], code: string): Omit<WmoGroupFigures, 'code'> | undefined {
  const found = groups.find((g) => g.code === code);
  if (!found) return undefined;
  const { code: _code, ...figures } = found;
  return figures;
}

const HEADER =
  'aanmaakdatum;gemeentecode;bsn;productcategorie;type_aanbieder;beoogde_startdatum;beoogde_einddatum;leveringsvorm;startdatum;einddatum;volume;eenheid;frequentie;reden_beeindiging';

/** One Wmo row with the fields the figures read; the rest fixed. */
function row(bsn: string, category: string, form: string, start: string, end: string, reason = ''): string {
  return `20180110;0363;${bsn};${category};;${start || '20170101'};;${form};${start};${end};;;;${reason}`;
}

function assertNoBsn(figures: WmoFigures) {
  assert.doesNotMatch(JSON.stringify(figures), /\d{9}/);
}

test('matches figures computed independently from a generated 5,000-row delivery, in any chunking', async () => {
  const plan = planDelivery({ spec, type: 'wmo', gemeente: '0363', period: '2017H2', rows: 5000, seed: 11 });
  const bytes = concat([...plan.chunks()]);
  const text = new TextDecoder().decode(bytes);
  const expected = independentFigures(text, '20170701', '20171231');
  const figures = await figuresOf(bytes);
  const { halfYear, firstDay, lastDay, ...rest } = figures;
  assert.deepEqual(
    { halfYear, firstDay, lastDay },
    {
      halfYear: '2017H2',
      firstDay: '2017-07-01',
      lastDay: '2017-12-31',
    },
  );
  assert.deepEqual(rest, expected);
  // The generated file exercises every figure, so the comparison means something.
  assert.equal(figures.records, 5000);
  assert.deepEqual(
    figures.perProductcategorie.map((g) => g.code),
    ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16'],
  );
  assert.ok(figures.endReasons.length > 5);
  assert.ok(Object.values(figures.startsPerMonth).every((n) => n > 0));
  assert.ok(Object.values(figures.endsPerMonth).every((n) => n > 0));
  assert.ok(figures.shareWithoutEndDate > 0 && figures.shareWithoutEndDate < 1);
  assert.ok(Object.values(figures.perLeveringsvorm).some((g) => g.activeOnLastDay > 0));
  assertNoBsn(figures);
  assert.deepEqual(await figuresOf(bytes, 7), figures);
  assert.deepEqual(await figuresOf(bytes, 4093), figures);

  const shared = sharePersons(text);
  const sharedFigures = await figuresOf(shared);
  assert.equal(sharedFigures.persons, 1667);
  assert.deepEqual(
    { ...sharedFigures, halfYear, firstDay, lastDay },
    { ...independentFigures(shared, '20170701', '20171231'), halfYear, firstDay, lastDay },
  );
  assertNoBsn(sharedFigures);
});

test("keeps every person's groups when more codes appear mid-file than the narrowest masks hold (8, 16, up to 32)", async () => {
  // The person table starts with 8 bits per person for each dimension and widens when a 9th and a
  // 17th code appear; here they appear only after a thousand persons are in the table.
  const plan = planDelivery({ spec, type: 'wmo', gemeente: '0363', period: '2017H2', rows: 3000, seed: 12 });
  const lines = sharePersons(new TextDecoder().decode(concat([...plan.chunks()]))).split('\n');
  const header = lines[0]!.split(';');
  const [category, form] = [header.indexOf('productcategorie'), header.indexOf('leveringsvorm')];
  const text = lines
    .map((line, i) => {
      if (i === 0 || line === '') return line;
      const fields = line.split(';');
      const codes = i < 1000 ? 8 : i < 2000 ? 16 : 30;
      fields[category] = `c${String((i * 7) % codes).padStart(2, '0')}`;
      fields[form] = `f${String((i * 11) % (codes - 3)).padStart(2, '0')}`;
      return fields.join(';');
    })
    .join('\n');
  const figures = await figuresOf(text, 4096);
  assert.equal(figures.perProductcategorie.length, 30);
  assert.equal(figures.perLeveringsvorm.length, 27);
  const { halfYear, firstDay, lastDay } = figures;
  assert.deepEqual(figures, {
    ...independentFigures(text, '20170701', '20171231'),
    halfYear,
    firstDay,
    lastDay,
  });
});

test('counts a person with two records in one category once, in the category and in total', async () => {
  const figures = await figuresOf(
    [
      HEADER,
      row('123456782', '01', 'ZIN', '20170801', ''),
      row('123456782', '01', 'PGB', '20170101', '20170901', '02'),
      row('111222333', '01', 'ZIN', '20170301', ''),
      row('123456782', '02', 'ZIN', '20170301', ''),
      '',
    ].join('\n'),
  );
  assert.equal(figures.records, 4);
  assert.equal(figures.persons, 2);
  assert.deepEqual(group(figures.perProductcategorie, '01'), {
    records: 3,
    persons: 2,
    started: 1,
    ended: 1,
    activeOnLastDay: 2,
  });
  assert.deepEqual(group(figures.perProductcategorie, '02'), {
    records: 1,
    persons: 1,
    started: 0,
    ended: 0,
    activeOnLastDay: 1,
  });
  assert.deepEqual(figures.perLeveringsvorm, [
    { code: 'PGB', records: 1, persons: 1, started: 0, ended: 1, activeOnLastDay: 0 },
    { code: 'ZIN', records: 3, persons: 2, started: 1, ended: 0, activeOnLastDay: 3 },
  ]);
  assert.equal(figures.shareWithoutEndDate, 3 / 4);
  assert.deepEqual(figures.endReasons, [{ code: '02', records: 1 }]);
  assertNoBsn(figures);
});

test('counts the first and last day of the half year as inside it; an end on the last day is still active', async () => {
  const figures = await figuresOf(
    [
      HEADER,
      row('100000009', '01', 'ZIN', '20170701', '20171231', '01'), // starts first day, ends last day
      row('100000010', '01', 'ZIN', '20170630', '20170701', '01'), // starts before, ends first day
      row('100000011', '01', 'ZIN', '20171231', '20180101'), // starts last day, ends after
      row('100000012', '01', 'ZIN', '20170101', '20171230'), // ends the day before the last
      row('100000013', '01', 'ZIN', '20180101', ''), // starts after: neither started nor active
      row('100000014', '01', 'ZIN', '', ''), // not started yet: not active
      '',
    ].join('\n'),
  );
  assert.deepEqual(group(figures.perProductcategorie, '01'), {
    records: 6,
    persons: 6,
    started: 2,
    ended: 3,
    activeOnLastDay: 2,
  });
  assert.deepEqual(figures.startsPerMonth, {
    '2017-07': 1,
    '2017-08': 0,
    '2017-09': 0,
    '2017-10': 0,
    '2017-11': 0,
    '2017-12': 1,
  });
  assert.deepEqual(figures.endsPerMonth, {
    '2017-07': 1,
    '2017-08': 0,
    '2017-09': 0,
    '2017-10': 0,
    '2017-11': 0,
    '2017-12': 2,
  });
  // Records with an einddatum, in or outside the half year; an empty reason is kept as ''.
  assert.deepEqual(figures.endReasons, [
    { code: '', records: 2 },
    { code: '01', records: 2 },
  ]);
});

test('reads the first half year with its own boundaries', async () => {
  const figures = await figuresOf(
    [HEADER, row('100000009', '01', 'ZIN', '20170101', '20170630'), ''].join('\n'),
    undefined,
    '2017H1',
  );
  assert.equal(figures.firstDay, '2017-01-01');
  assert.equal(figures.lastDay, '2017-06-30');
  assert.deepEqual(group(figures.perProductcategorie, '01'), {
    records: 1,
    persons: 1,
    started: 1,
    ended: 1,
    activeOnLastDay: 1,
  });
  assert.deepEqual(Object.keys(figures.startsPerMonth), [
    '2017-01',
    '2017-02',
    '2017-03',
    '2017-04',
    '2017-05',
    '2017-06',
  ]);
});

test('reads quoted fields, CRLF line endings, a BOM and columns in any order, named loosely', async () => {
  const text =
    '\uFEFF"Einddatum";"BSN";"Product Categorie";"leverings_vorm";"startdatum";"reden_beeindiging";"opmerking"\r\n' +
    '"20170915";"123456782";"01";"ZIN";"20170801";"02";"zegt ""ja"";; echt"\r\n' +
    ';111222333;"01";PGB;20170701;;"twee\r\nregels"\r\n' +
    '\r\n';
  const expected = {
    halfYear: '2017H2',
    firstDay: '2017-07-01',
    lastDay: '2017-12-31',
    records: 2,
    persons: 2,
    perProductcategorie: [{ code: '01', records: 2, persons: 2, started: 2, ended: 1, activeOnLastDay: 1 }],
    perLeveringsvorm: [
      { code: 'PGB', records: 1, persons: 1, started: 1, ended: 0, activeOnLastDay: 1 },
      { code: 'ZIN', records: 1, persons: 1, started: 1, ended: 1, activeOnLastDay: 0 },
    ],
    startsPerMonth: { '2017-07': 1, '2017-08': 1, '2017-09': 0, '2017-10': 0, '2017-11': 0, '2017-12': 0 },
    endsPerMonth: { '2017-07': 0, '2017-08': 0, '2017-09': 1, '2017-10': 0, '2017-11': 0, '2017-12': 0 },
    shareWithoutEndDate: 0.5,
    endReasons: [{ code: '02', records: 1 }],
    personsWithMoreThanFiveRecords: 0,
    openEndedOverTenYears: 0,
  };
  assert.deepEqual(await figuresOf(text), expected);
  for (const size of [1, 2, 3, 7])
    assert.deepEqual(await figuresOf(text, size), expected, `chunks of ${size}`);
});

test('treats optional columns the file leaves out as not filled, and refuses a file without a needed column', async () => {
  const figures = await figuresOf(
    'bsn;productcategorie;leveringsvorm;einddatum\n123456782;01;ZIN;20170801\n',
  );
  assert.deepEqual(group(figures.perProductcategorie, '01'), {
    records: 1,
    persons: 1,
    started: 0,
    ended: 1,
    activeOnLastDay: 0,
  });
  assert.deepEqual(figures.endReasons, [{ code: '', records: 1 }]);
  await assert.rejects(figuresOf('bsn;productcategorie;einddatum\n123456782;01;\n'), /leveringsvorm/);
  await assert.rejects(figuresOf(''), /no header/);
  await assert.rejects(figuresOf(HEADER, undefined, '2017H3'), /half year/);
});

test('gives zero figures for a file with only a header', async () => {
  const figures = await figuresOf(`${HEADER}\r\n`);
  assert.equal(figures.records, 0);
  assert.equal(figures.persons, 0);
  assert.equal(figures.shareWithoutEndDate, 0);
  assert.deepEqual(figures.perProductcategorie, []);
  assert.deepEqual(figures.endReasons, []);
});

test('counts persons with more than five records and open-ended records that started over ten years ago', async () => {
  const many = Array.from({ length: 6 }, (_, i) =>
    row('123456782', String(i + 1).padStart(2, '0'), 'ZIN', '20170801', ''),
  );
  const five = Array.from({ length: 5 }, (_, i) =>
    row('111222333', String(i + 1).padStart(2, '0'), 'ZIN', '20170801', ''),
  );
  const figures = await figuresOf(
    [
      HEADER,
      ...many,
      ...five,
      row('100000009', '01', 'ZIN', '20071230', ''), // open, started more than ten years before 31 Dec 2017
      row('100000010', '01', 'ZIN', '20071231', ''), // exactly ten years: not counted
      row('100000011', '01', 'ZIN', '20050101', '20170901', '02'), // ended: not counted
      `20180110;0363;100000012;01;;20060101;;ZIN;;;;;;`, // no startdatum: the beoogde one counts
      '',
    ].join('\n'),
  );
  assert.equal(figures.personsWithMoreThanFiveRecords, 1);
  assert.equal(figures.openEndedOverTenYears, 2);
});
