// The op-orde figures and the report content built from them are byte for byte what they were before
// the streaming rewrite (issue 21): each golden case (test/support/op-orde-golden.ts) against the
// fixture the earlier implementation wrote, in large chunks and in chunks small enough to split
// records, fields and the byte order mark (byte by byte for the small inputs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GOLDEN_CASES, fixtureText, readFixture } from '../../../test/support/op-orde-golden.ts';

for (const c of GOLDEN_CASES) {
  test(`golden op-orde content: ${c.about}`, async () => {
    const expected = readFixture(c.name);
    let bytes = 0;
    for (const chunkSize of [1 << 20, 61, 1]) {
      // Byte by byte only for the small inputs (it is slow, and 61 already splits every record).
      if (chunkSize === 1 && bytes > 50_000) continue;
      const { inputs, output } = await c.run(chunkSize);
      bytes = inputs.reduce((n, b) => n + b.length, 0);
      const actual = fixtureText(inputs, output);
      assert.equal(
        actual.slice(0, 78),
        expected.slice(0, 78),
        `${c.name}: the inputs differ from the fixture's (did the generator change?)`,
      );
      // Not assert.equal on the whole text: a failure would print the full content.
      if (actual !== expected) {
        let at = 0;
        while (actual[at] === expected[at]) at++;
        assert.fail(
          `${c.name} (chunks of ${chunkSize} bytes) differs at character ${at}: …${actual.slice(Math.max(0, at - 120), at + 60)}… expected …${expected.slice(Math.max(0, at - 120), at + 60)}…`,
        );
      }
    }
  });
}
