import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DUPLICATE_KEY, DUPLICATE_LINE, DuplicateDetector, groupKeys } from './duplicate-detector.ts';

interface Row {
  line: number;
  key: number;
  text: number;
  status: number;
}

const mix = (x: number, seed: number): number => {
  let h = Math.imul(x ^ seed, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
};

function rowsOf(count: number, keys: number, seed: number): Row[] {
  const rows: Row[] = [];
  let line = 2;
  for (let i = 0; i < count; i++) {
    const key = mix(i, seed) % keys;
    rows.push({ line, key, text: key * 4 + (mix(i, seed + 1) % 3), status: mix(i, seed + 2) % 3 });
    line += 1 + (mix(i, seed + 3) % 2);
  }
  return rows;
}

/** What a table of every row would report. */
function expected(rows: Row[]): string[] {
  const keyFirst = new Map<number, number>();
  const lineFirst = new Map<number, number>();
  const out: string[] = [];
  for (const r of rows) {
    const k = keyFirst.get(r.key);
    const l = lineFirst.get(r.text);
    if (k === undefined) keyFirst.set(r.key, r.line);
    if (l === undefined) lineFirst.set(r.text, r.line);
    if (k === undefined) continue;
    out.push(
      l !== undefined
        ? `${DUPLICATE_LINE}:${r.line}:${l}:${r.status}`
        : `${DUPLICATE_KEY}:${r.line}:${k}:${r.status}`,
    );
  }
  return out;
}

/**
 * Rows fed as parts (addPart) of `partRows` rows each, grouped or not, instead of row by row; or
 * (`clean`) runs of up to `partRows` rows without findings on lines one after the other through
 * addClean, as the wasm rows() batch comes, and the other rows one by one.
 */
interface Parts {
  partRows: number;
  grouped: boolean;
  clean?: boolean;
}

function detect(
  rows: Row[],
  expectedRows: number,
  filterBytes: number,
  parts?: Parts,
): { out: string[]; secondPassRows: number } {
  const d = new DuplicateDetector(expectedRows, true, true, filterBytes, filterBytes / 12);
  if (parts?.clean) {
    for (let i = 0; i < rows.length;) {
      let n = 0;
      while (
        i + n < rows.length &&
        n < parts.partRows &&
        rows[i + n]!.status === 0 &&
        (n === 0 || rows[i + n]!.line === rows[i]!.line + n)
      )
        n += 1;
      if (n === 0) {
        const r = rows[i++]!;
        d.add(mix(r.key, 1), mix(r.key, 2), r.line, r.status, mix(r.key, 7));
        continue;
      }
      // Behind a few words, as the batch sits in the module's memory.
      const words = Int32Array.from([
        9,
        9,
        9,
        ...rows.slice(i, i + n).flatMap((r) => [mix(r.key, 1), mix(r.key, 2), r.line, 0, mix(r.key, 7)]),
      ]);
      d.addClean(words, 3, n, rows[i]!.line, 5);
      i += n;
    }
  } else if (parts) {
    for (let from = 0; from < rows.length; from += parts.partRows) {
      const part = rows.slice(from, from + parts.partRows);
      const keys = Int32Array.from(
        part.flatMap((r) => [mix(r.key, 1), mix(r.key, 2), r.line, r.status, mix(r.key, 7)]),
      );
      d.addPart(keys, 5, parts.grouped ? groupKeys(keys, 5) : null);
    }
  } else {
    for (const r of rows) d.add(mix(r.key, 1), mix(r.key, 2), r.line, r.status, mix(r.key, 7));
  }
  const out: string[] = [];
  if (!d.needsSecondPass) return { out, secondPassRows: 0 };
  d.startSecondPass();
  let secondPassRows = 0;
  for (const r of rows) {
    secondPassRows += 1;
    const hi = mix(r.key, 1);
    const lo = mix(r.key, 2);
    if (d.mayBeCandidate(mix(r.key, 7)) && d.isCandidateKey(hi, lo)) {
      d.secondPassRow(
        hi,
        lo,
        mix(r.key, 3),
        mix(r.key, 4),
        mix(r.text, 5),
        mix(r.text, 6),
        r.line,
        (kind, line, first, status) => out.push(`${kind}:${line}:${first}:${status}`),
      );
    }
    if (d.secondPassDone(r.line)) break;
  }
  return { out, secondPassRows };
}

/** Rows and distinct keys: few repeats, many, and nearly all. */
const SIZES = [
  [5000, 4000],
  [5000, 500],
  [3000, 10],
] as const;

test('finds the duplicates a table of all rows finds, exactly, in line order', () => {
  for (const [count, keys] of SIZES) {
    const rows = rowsOf(count, keys, count + keys);
    const want = expected(rows);
    assert.ok(want.length > 0);
    // Exact partitions; the filter from the start; exact partitions that overflow into the filter.
    assert.deepEqual(detect(rows, count, 16 << 20).out, want);
    assert.deepEqual(detect(rows, count, 4096).out, want);
    assert.deepEqual(detect(rows, 10, 4096).out, want);
  }
});

test('a file without repeated keys needs no second pass when the exact way holds it', () => {
  const rows = rowsOf(20000, 1, 7).map((r, i) => ({ ...r, key: i, text: i }));
  assert.deepEqual(detect(rows, 20000, 16 << 20), { out: [], secondPassRows: 0 });
  // In the filter way false positives may ask for a second pass, which then finds nothing.
  assert.deepEqual(detect(rows, 20000, 8192).out, []);
});

test('two keys that share only the 48-bit fingerprint are no duplicates, in the exact and the filter way', () => {
  for (const filterBytes of [16 << 20, 4096]) {
    const d = new DuplicateDetector(100, true, true, filterBytes, filterBytes === 4096 ? 0 : 1000);
    // Same top 16 bits of keyHi and same keyLo; the low 16 bits of keyHi differ.
    const rows = [
      { line: 2, hi: 0x12340001, lo: 77 },
      { line: 3, hi: 0x12340002, lo: 77 },
      { line: 4, hi: 0x12340001, lo: 77 },
    ];
    for (const r of rows) d.add(r.hi, r.lo, r.line, r.line === 4 ? 2 : 0, 0);
    assert.equal(d.needsSecondPass, true);
    d.startSecondPass();
    const out: string[] = [];
    for (const r of rows) {
      if (!d.isCandidateKey(r.hi, r.lo)) continue;
      d.secondPassRow(r.hi, r.lo, r.hi ^ 5, r.lo ^ 5, r.hi, r.line, r.line, (kind, line, first, status) =>
        out.push(`${kind}:${line}:${first}:${status}`),
      );
    }
    assert.deepEqual(out, [`${DUPLICATE_KEY}:4:2:2`]);
  }
});

test('parts taken in whole (grouped by partition) find what row by row finds, also across the switch to the filter', () => {
  for (const [count, keys] of SIZES) {
    const rows = rowsOf(count, keys, count + keys);
    const want = expected(rows);
    for (const partRows of [1, 7, 333, 5000]) {
      for (const grouped of [true, false]) {
        const parts = { partRows, grouped };
        const at = `${count}/${keys} in parts of ${partRows}${grouped ? ', grouped' : ''}`;
        // Exact partitions (which grow); the filter from the start; exact partitions that overflow
        // into the filter (its limit, filterBytes / 12 rows, falls inside a part).
        assert.deepEqual(detect(rows, count, 16 << 20, parts).out, want, at);
        assert.deepEqual(detect(rows, count, 4096, parts).out, want, at);
        assert.deepEqual(detect(rows, 10, 4096, parts).out, want, at);
        assert.deepEqual(detect(rows, 10, 16 << 20, parts).out, want, at);
      }
    }
  }
});

test('runs of clean rows taken at once (addClean) find what row by row finds, also across the switch to the filter', () => {
  for (const [count, keys] of SIZES) {
    // Lines one after the other, most rows without findings: long clean runs between the others.
    const rows = rowsOf(count, keys, count + keys + 1).map((r, i) => ({
      ...r,
      line: i + 2,
      status: r.status === 2 && i % 5 === 0 ? 2 : 0,
    }));
    const want = expected(rows);
    for (const partRows of [1, 7, 333, 5000]) {
      const parts = { partRows, grouped: false, clean: true };
      const at = `${count}/${keys} in clean runs of up to ${partRows}`;
      assert.deepEqual(detect(rows, count, 16 << 20, parts).out, want, at);
      assert.deepEqual(detect(rows, count, 4096, parts).out, want, at);
      assert.deepEqual(detect(rows, 10, 4096, parts).out, want, at);
      assert.deepEqual(detect(rows, 10, 16 << 20, parts).out, want, at);
    }
  }
});
