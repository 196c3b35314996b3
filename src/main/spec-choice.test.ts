// The command line and the portal choose a half year's spec alike (docs/decisions/0031): `ggk validate
// --period P` (selectSpec) judges with the spec a round for P is given (specIdForHalfYear, used when
// the open demo round is seeded), and refuses (exit 2) exactly the half years a round cannot have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectSpec } from './commands/validate-run.ts';
import { loadSpecs, specIdForHalfYear } from './spec-catalogue.ts';
import { demoOpenRound } from './demo-data.ts';

const choice = <T>(f: () => T): T | 'none' => {
  try {
    return f();
  } catch {
    return 'none';
  }
};

test('ggk validate --period and a round of the portal choose the same spec for every half year', () => {
  for (let year = 2014; year <= 2032; year++) {
    for (const half of [1, 2]) {
      const period = `${year}H${half}`;
      const cli = choice(() => selectSpec(loadSpecs(), undefined, period, []).id);
      const portal = choice(() => specIdForHalfYear(period));
      assert.equal(cli, portal, period);
      assert.equal(cli === 'none', year < 2017, period);
    }
  }
});

test('the open demo round of today (2025H2) is judged with the spec ggk validate --period 2025H2 uses', () => {
  const round = demoOpenRound(new Date('2026-12-07T04:00:00Z'), 2025);
  assert.equal(round.halfYear, '2025H2');
  assert.equal(specIdForHalfYear(round.halfYear), 'gmsd-2017');
  assert.equal(selectSpec(loadSpecs(), undefined, round.halfYear, []).id, 'gmsd-2017');
});
