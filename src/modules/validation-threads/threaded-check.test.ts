// The check in parts on worker threads gives exactly the single-thread report. Every golden case and
// a few hundred mutated files run both ways, with the threshold at 0 (so small files split too) and
// parts of a few bytes (so cuts fall next to quoted line breaks, CRLF, a BOM, multibyte characters,
// a last line without a line end, and lines longer than a part), and the full reports are compared.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadClassification } from '../classification/index.ts';
import { randomBytes } from 'node:crypto';
import { openFileByteSource } from '../../platform/files/file-byte-source.ts';
import { createEncryptedStore } from '../../platform/files/encrypted-store.ts';
import { MasterKey } from '../../platform/files/master-key.ts';
import {
  loadSpec,
  validateUpload,
  type ByteSource,
  type FilePartRequest,
  type Report,
} from '../validation/index.ts';
import { planDelivery } from '../validation/generate/index.ts';
import { GOLDEN_DIR, goldenCases } from '../../../test/support/golden-cases.ts';
import { createThreadedCheck, type ThreadedCheck } from './index.ts';

const spec = loadSpec(
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
);
const classification = loadClassification();
const work = mkdtempSync(path.join(tmpdir(), 'ggk-threads-'));
const settled: Array<{ name: string; outcome: string; parts: number }> = [];
const runners = new Map<number, ThreadedCheck>();
const runner = (partBytes: number) => {
  let found = runners.get(partBytes);
  if (!found) {
    found = createThreadedCheck({
      minBytes: 0,
      partBytes,
      prefixBytes: 1,
      onSettled: (name, outcome, parts) => settled.push({ name, outcome, parts }),
    });
    runners.set(partBytes, found);
  }
  return found;
};
after(async () => {
  await Promise.all([...runners.values()].map((r) => r.close()));
  rmSync(work, { recursive: true, force: true });
});

interface Options {
  gemeente?: string;
  period?: string;
  today?: string;
}

async function both(sources: ByteSource[], options: Options, partBytes: number): Promise<[Report, Report]> {
  const base = { spec, classification, today: '2018-02-20', ...options };
  const one = await validateUpload(sources, base);
  const threaded = await validateUpload(sources, { ...base, parts: runner(partBytes) });
  return [one, threaded];
}

test('every golden case gives the same report in parts on worker threads', async () => {
  for (const name of goldenCases) {
    const dir = path.join(GOLDEN_DIR, name);
    const inputs = readdirSync(dir)
      .filter((f) => f !== 'expected.json' && f !== 'options.json' && statSync(path.join(dir, f)).isFile())
      .sort();
    let options: Options = {};
    try {
      options = JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as Options;
    } catch {
      // No options.json.
    }
    const sources = await Promise.all(inputs.map((f) => openFileByteSource(path.join(dir, f))));
    for (const partBytes of [1, 7, 100]) {
      const [one, threaded] = await both(sources, options, partBytes);
      assert.deepEqual(threaded, one, `${name}, parts of ${partBytes} bytes`);
    }
  }
  // Most files really were checked in parts (the rest fell back to one thread, as they must).
  const split = settled.filter((s) => s.outcome === 'parts' && s.parts > 1).length;
  assert.ok(split >= goldenCases.length, `${split} files checked in parts`);
});

const nasty = [0x22, 0x3b, 0x0a, 0x0d, 0x00, 0xff, 0xc3, 0xe9, 0x20, 0x2c, 0x30, 0x39];

function createRandom(seed: number) {
  let state = seed >>> 0;
  return (max: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % max;
  };
}

test('mutated files (quotes, line ends, NUL, bad UTF-8, long lines) give the same report in parts', async () => {
  const random = createRandom(20261207);
  const originals = [
    ['WMO_0363_2017H2.csv', readFileSync(path.join(GOLDEN_DIR, 'valid-wmo/WMO_0363_2017H2.csv'))],
    [
      'WMOKOSTEN_0363_2017H2.csv',
      readFileSync(path.join(GOLDEN_DIR, 'valid-wmo-kosten/WMOKOSTEN_0363_2017H2.csv')),
    ],
    ['WMO_0363_2017H2.csv', readFileSync(path.join(GOLDEN_DIR, 'valid-quoted-crlf-bom/WMO_0363_2017H2.csv'))],
  ] as const;
  for (let round = 0; round < 60; round++) {
    const [name, original] = originals[random(originals.length)]!;
    let bytes = Uint8Array.from(original);
    const edits = 1 + random(8);
    for (let i = 0; i < edits; i++) bytes[random(bytes.length)] = nasty[random(nasty.length)]!;
    // Now and then: copies of lines (duplicates across parts), a line longer than a part, no last line end.
    if (random(3) === 0) bytes = Uint8Array.from([...bytes, ...bytes.subarray(bytes.indexOf(10) + 1)]);
    if (random(4) === 0) bytes = Uint8Array.from([...bytes, ...new Uint8Array(300).fill(0x41), 10]);
    if (random(3) === 0 && bytes.at(-1) === 10) bytes = bytes.subarray(0, bytes.length - 1);
    const file = path.join(work, `${round}`, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    const source = await openFileByteSource(file);
    const [one, threaded] = await both([source], { gemeente: '0363' }, 8 + random(120));
    assert.deepEqual(threaded, one, `round ${round}`);
  }
});

test('parts large enough to reuse key arrays and part memory give the same report, file after file', async () => {
  // Parts of 256 KiB leave key arrays that later parts (and the next file's) write into; the memory
  // parts are copied into for the workers comes back and is copied into again, part after part and
  // file after file. The second file's rows differ from the first's: a key or a byte left in reused
  // memory would show as a duplicate or a finding that is not in the file.
  for (const [seed, rows, partBytes] of [
    ['a', 40_000, 256 * 1024],
    ['b', 30_000, 256 * 1024],
    ['c', 40_000, 1536 * 1024],
    ['d', 35_000, 1536 * 1024],
  ] as const) {
    const plan = planDelivery({ spec, type: 'wmo', gemeente: '0363', period: '2017H2', rows, seed });
    let bytes = Buffer.concat([...plan.chunks()]);
    // Duplicates across parts: the first thousand data lines again at the end.
    const from = bytes.indexOf(10) + 1;
    let to = from;
    for (let line = 0; line < 1000; line++) to = bytes.indexOf(10, to) + 1;
    bytes = Buffer.concat([bytes, bytes.subarray(from, to)]);
    const file = path.join(work, `reuse-${seed}`, plan.fileName);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    const before = settled.length;
    const [one, threaded] = await both([await openFileByteSource(file)], { gemeente: '0363' }, partBytes);
    assert.deepEqual(threaded, one, seed);
    assert.ok(
      settled.slice(before).some((s) => s.outcome === 'parts' && s.parts > 1),
      `${seed} checked in parts`,
    );
    assert.ok(
      one.files[0]!.findings.some((f) => f.code.includes('duplicate')),
      `${seed} has duplicates`,
    );
  }
});

test('files in the encrypted store give the same report in parts', async () => {
  const store = createEncryptedStore({
    root: path.join(work, 'store'),
    masterKey: new MasterKey(randomBytes(32)),
  });
  const random = createRandom(7);
  const original = readFileSync(path.join(GOLDEN_DIR, 'valid-wmo/WMO_0363_2017H2.csv'));
  let split = 0;
  for (let round = 0; round < 12; round++) {
    let bytes = Uint8Array.from(original);
    // Mutations now and then; duplicates across parts; a part boundary at every AES block offset.
    if (round % 2 === 1)
      for (let i = 0; i < 3; i++) bytes[random(bytes.length)] = nasty[random(nasty.length)]!;
    if (round % 3 === 0) bytes = Uint8Array.from([...bytes, ...bytes.subarray(bytes.indexOf(10) + 1)]);
    const stored = await store.write(
      (async function* () {
        yield bytes;
      })(),
    );
    const source = store.openByteSource(stored, 'WMO_0363_2017H2.csv');
    const before = settled.length;
    const [one, threaded] = await both([source], { gemeente: '0363' }, 5 + round * 3);
    assert.deepEqual(threaded, one, `round ${round}`);
    if (settled.slice(before).some((s) => s.outcome === 'parts' && s.parts > 1)) split += 1;
  }
  assert.ok(split >= 6, `${split} files checked in parts`);
});

test('a changed encrypted file is refused in parts as on one thread', async () => {
  const root = path.join(work, 'store-changed');
  const store = createEncryptedStore({ root, masterKey: new MasterKey(randomBytes(32)) });
  const bytes = readFileSync(path.join(GOLDEN_DIR, 'valid-wmo/WMO_0363_2017H2.csv'));
  const stored = await store.write(
    (async function* () {
      yield bytes;
    })(),
  );
  // One ciphertext byte in the middle flipped: the tag no longer matches.
  const file = path.join(root, stored.fileId.slice(0, 2), `${stored.fileId}.enc`);
  const ciphertext = readFileSync(file);
  ciphertext[ciphertext.length >> 1]! ^= 1;
  writeFileSync(file, ciphertext);
  const source = store.openByteSource(stored, 'WMO_0363_2017H2.csv');
  const outcome = (report: Promise<Report>) =>
    report.then(
      (r) => r,
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );
  const base = { spec, classification, today: '2018-02-20', gemeente: '0363' };
  const one = await outcome(validateUpload([source], base));
  const threaded = await outcome(validateUpload([source], { ...base, parts: runner(50) }));
  assert.deepEqual(threaded, one);
  assert.notEqual(typeof one === 'string' ? one : one.status, 'approved');
});

/**
 * A digit on the prefix's last line, or on the part's first line (a first part may be one line): a
 * letter there is an error.
 */
function digitToChange(bytes: Uint8Array, request: FilePartRequest, at: 'prefix' | 'part'): number {
  const line = at === 'prefix' ? bytes.lastIndexOf(10, request.prefixEnd - 2) + 1 : request.start;
  let digit = line;
  while (bytes[digit]! < 0x30 || bytes[digit]! > 0x39) digit += 1;
  assert.ok(digit < (at === 'prefix' ? request.prefixEnd : request.end));
  return digit;
}

const same = (a: Uint8Array, b: Uint8Array) =>
  Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.length),
    Buffer.from(b.buffer, b.byteOffset, b.length),
  ) === 0;

test("a part's thread checks the bytes this thread read, handed over with the part", async () => {
  const parts = runner(50);
  const bytes = readFileSync(path.join(GOLDEN_DIR, 'valid-wmo/WMO_0363_2017H2.csv'));
  const file = path.join(work, 'handed-over', 'WMO_0363_2017H2.csv');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  let handedOver = 0;
  const watching: ThreadedCheck = {
    ...parts,
    run(setup, request, prefix, part, cancel) {
      assert.ok(same(prefix, bytes.subarray(0, request.prefixEnd)), 'the prefix as read');
      assert.ok(same(part, bytes.subarray(request.start, request.end)), `part ${request.start}`);
      handedOver += 1;
      return parts.run(setup, request, prefix, part, cancel);
    },
  };
  const source = await openFileByteSource(file);
  const base = { spec, classification, today: '2018-02-20', gemeente: '0363' };
  const one = await validateUpload([source], base);
  const threaded = await validateUpload([source], { ...base, parts: watching });
  assert.deepEqual(threaded, one);
  assert.ok(handedOver >= 2, `${handedOver} parts handed over`);
});

test('a file changed on disk after this thread read it is judged on the bytes this thread read', async () => {
  // No thread but this one reads the file: changed on disk once this thread has read the part (and,
  // in the store, before the tag at the end is checked over what it read), the file is judged on what
  // it was when read, in parts as on one thread. Here a digit in the prefix or in the first part
  // becomes a letter as that part is handed out; checked again, the file shows the change.
  const root = path.join(work, 'changed-after-read');
  const store = createEncryptedStore({
    root: path.join(root, 'store'),
    masterKey: new MasterKey(randomBytes(32)),
  });
  const bytes = readFileSync(path.join(GOLDEN_DIR, 'valid-wmo/WMO_0363_2017H2.csv'));
  const base = { spec, classification, today: '2018-02-20', gemeente: '0363' };
  const outcome = (report: Promise<Report>) =>
    report.then(
      (r) => r,
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );
  const parts = runner(200);
  for (const where of ['disk', 'store'] as const) {
    for (const changeAt of ['prefix', 'part'] as const) {
      let open: (onFailure: (error: unknown) => void) => Promise<ByteSource>;
      let change: (at: number) => void;
      if (where === 'disk') {
        const file = path.join(root, `${changeAt}`, 'WMO_0363_2017H2.csv');
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, bytes);
        open = () => openFileByteSource(file);
        change = (at) => {
          const handle = openSync(file, 'r+');
          writeSync(handle, Uint8Array.of(0x58), 0, 1, at);
          closeSync(handle);
        };
      } else {
        const stored = await store.write(
          (async function* () {
            yield bytes;
          })(),
        );
        const file = path.join(root, 'store', stored.fileId.slice(0, 2), `${stored.fileId}.enc`);
        // As the check job opens it: it fails the job on the store's errors (onFailure).
        open = (onFailure) =>
          Promise.resolve(store.openByteSource(stored, 'WMO_0363_2017H2.csv', { sniff: true, onFailure }));
        // CTR ciphertext changes the plaintext by what it is XORed with.
        change = (at) => {
          const ciphertext = readFileSync(file);
          ciphertext[17 + at]! ^= bytes[at]! ^ 0x58;
          writeFileSync(file, ciphertext);
        };
      }
      const check = async (options: Partial<Parameters<typeof validateUpload>[1]>) => {
        const failures: string[] = [];
        const source = await open((error) =>
          failures.push(error instanceof Error ? error.name : String(error)),
        );
        return { report: await outcome(validateUpload([source], { ...base, ...options })), failures };
      };
      const before = await check({});
      let changed = false;
      const changing: ThreadedCheck = {
        ...parts,
        run(...args) {
          if (!changed) {
            changed = true;
            change(digitToChange(bytes, args[1], changeAt));
          }
          return parts.run(...args);
        },
      };
      const threaded = await check({ parts: changing });
      assert.ok(changed, 'the file was split');
      assert.deepEqual(threaded, before, `${where}, ${changeAt}`);
      // The change is one the check sees: a letter in a number, or a tag that no longer matches.
      const after = await check({});
      assert.notDeepEqual(after, before, `${where}, ${changeAt}: changed`);
    }
  }
});

test(
  'a worker that dies with two parts posted to it: both fail, the file is checked on one thread',
  { timeout: 30_000 },
  async () => {
    // A worker that answers nothing and ends its thread when its second part arrives: the part it
    // had and the one waiting in its port are answered by nobody, so the runner fails them (the first
    // left unsettled hangs the file until the timeout: a runner that fails all but the first times
    // out). Each worker notes the parts it got in a log, so the test knows two were posted to it.
    const log = path.join(work, 'dying-worker.log');
    const dying = path.join(work, 'dying-worker.mjs');
    writeFileSync(log, '');
    writeFileSync(
      dying,
      [
        "import { appendFileSync } from 'node:fs';",
        "import { parentPort, threadId } from 'node:worker_threads';",
        'let got = 0;',
        "parentPort.on('message', () => {",
        `  appendFileSync(${JSON.stringify(log)}, threadId + '\\n');`,
        '  if (++got === 2) process.exit(3);',
        '});',
      ].join('\n'),
    );
    const plan = planDelivery({
      spec,
      type: 'wmo',
      gemeente: '0363',
      period: '2017H2',
      rows: 200,
      seed: 'dying',
    });
    const file = path.join(work, 'dying', plan.fileName);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.concat([...plan.chunks()]));
    const outcomes: string[] = [];
    const parts = createThreadedCheck({
      minBytes: 0,
      partBytes: 1000,
      prefixBytes: 1,
      threads: 2,
      workerScript: pathToFileURL(dying),
      onSettled: (_name, outcome, count) => outcomes.push(`${outcome} ${count > 4 ? 'many' : count}`),
    });
    try {
      const source = await openFileByteSource(file);
      const base = { spec, classification, today: '2018-02-20', gemeente: '0363' };
      const one = await validateUpload([source], base);
      const threaded = await validateUpload([source], { ...base, parts });
      assert.deepEqual(threaded, one);
      assert.deepEqual(outcomes, ['one-thread many']);
      const first = readFileSync(log, 'utf8').split('\n')[0]!;
      const posted = readFileSync(log, 'utf8')
        .split('\n')
        .filter((id) => id === first).length;
      assert.equal(posted, 2, 'the first worker had two parts when it died');
    } finally {
      await parts.close();
    }
  },
);
