// The quick rule tests (FileValidator.maySomeRuleReport) let a row skip checkRules only when no rule
// would report on it: on rows of any dates, the report is the same with them as without.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadClassification } from '../classification/index.ts';
import { disableRuleTests } from './file-validator.ts';
import { createBytesSource, loadSpec, validateUpload, type Report } from './index.ts';

const spec = loadSpec(
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
);
const classification = loadClassification();
const HEADER =
  'aanmaakdatum;gemeentecode;bsn;productcategorie;type_aanbieder;beoogde_startdatum;beoogde_einddatum;leveringsvorm;startdatum;einddatum;volume;eenheid;frequentie;reden_beeindiging';

/** Around both half years of 2017 and the dates a check is made on; empty, too early and not real. */
const date = fc.constantFrom(
  '',
  '',
  '18991231',
  '20161231',
  '20170101',
  '20170630',
  '20170701',
  '20170915',
  '20171231',
  '20180101',
  '20180115',
  '20180301',
  '20170231',
  '2017-09-15',
);
const row = fc.record({
  aanmaak: fc.constantFrom('20180115', '20180115', '20180116', '20170615', '20180301', ''),
  bsn: fc.constantFrom('131860914', '390996038'),
  beoogdeStart: date,
  beoogdeEind: date,
  start: date,
  eind: date,
  reden: fc.constantFrom('', '', '19'),
});

async function check(text: string, period: string, today: string, off: boolean): Promise<Report> {
  disableRuleTests(off);
  try {
    return await validateUpload(
      [createBytesSource(`WMO_0363_${period}.csv`, new TextEncoder().encode(text))],
      {
        spec,
        classification,
        gemeente: '0363',
        period,
        today,
      },
    );
  } finally {
    disableRuleTests(false);
  }
}

test('a row skips the rules only when none of them would report on it', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(row, { minLength: 1, maxLength: 25 }),
      fc.constantFrom('2017H1', '2017H2'),
      fc.constantFrom('2018-01-20', '2018-03-01'),
      async (rows, period, today) => {
        const text = [
          HEADER,
          ...rows.map(
            (r) =>
              `${r.aanmaak};0363;${r.bsn};01;1234;${r.beoogdeStart};${r.beoogdeEind};ZIN;${r.start};${r.eind};4;01;1;${r.reden}`,
          ),
        ].join('\n');
        const quick = await check(text, period, today, false);
        const full = await check(text, period, today, true);
        assert.deepEqual(quick, full);
      },
    ),
    { numRuns: 300 },
  );
});
