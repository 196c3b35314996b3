// The classification table a part's thread judges gemeentecodes by (file-parts.ts) answers as the
// classification itself does, for every 4-digit code, on the last day of every half year the data
// covers (and of a year it does not), built from the day's gemeenten and their successors instead of
// by asking every code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadClassification } from '../classification/index.ts';
import { classificationTable } from '../validation/parts/index.ts';

const classification = loadClassification();

function answer<T>(ask: () => T): T | 'throws' {
  try {
    return ask();
  } catch {
    return 'throws';
  }
}

test('the table answers isGemeente and predecessorsOf as the classification does', () => {
  const years = classification.years();
  const days = [
    ...years.flatMap((year) => [`${year}-06-30`, `${year}-12-31`]),
    `${years[0]! - 1}-12-31`,
    `${years.at(-1)! + 1}-06-30`,
  ];
  let withPredecessors = 0;
  for (const day of days) {
    for (const deliverer of ['0363', '1980', '0000']) {
      const table = classificationTable(classification, day, true, deliverer);
      const byCode = new Map(table.predecessors);
      const throwing = new Set(table.predecessorsThrow);
      for (let code = 0; code < 10000; code++) {
        const text = String(code).padStart(4, '0');
        const isGemeente = answer(() => classification.isGemeente(text, day));
        assert.equal(
          table.gemeente[code],
          isGemeente === 'throws' ? 2 : isGemeente ? 1 : 0,
          `${text} ${day}`,
        );
        // A part asks for predecessors of the deliverer, and of codes that are no gemeente that day.
        if (text !== deliverer && isGemeente !== false) continue;
        const expected = answer(() => classification.predecessorsOf(text, day));
        if (table.predecessorsAsked !== null && !table.predecessorsAsked.includes(text)) {
          assert.notEqual(text, deliverer);
          continue;
        }
        const got = throwing.has(text) ? 'throws' : (byCode.get(text) ?? []);
        assert.deepEqual(got, expected, `predecessors of ${text} on ${day}`);
        if (Array.isArray(expected) && expected.length > 0) withPredecessors += 1;
      }
    }
  }
  // The data has reorganisations: the comparison saw codes with predecessors.
  assert.ok(withPredecessors > 10, `${withPredecessors} codes with predecessors`);
});
