// Per-file verdicts (issue 18): one bad file no longer rejects its upload's good files. Each file
// gets its own verdict; the approved ones are in force and get their op-orde rapport; the upload is
// "gedeeltelijk goedgekeurd"; a rejected file may be sent again; a file already approved is refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listFilesInForce } from '../../src/modules/deliveries/index.ts';
import { deliveryToken } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const FIXTURES = path.resolve('test/fixtures/validation');
const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let token: string;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  token = await deliveryToken(t.database.db, now);
});
after(async () => {
  await t.close();
});

const BAD_WMO = 'field-bsn-elfproef/WMO_0363_2017H2.csv';
const GOOD = [
  'valid-sbw/SBW_0363_2017H2.csv',
  'valid-jeugd/JEUGD_0363_2017H2.csv',
  'valid-wmo-kosten/WMOKOSTEN_0363_2017H2.csv',
];

async function deliver(fixtures: string[]): Promise<Response> {
  const body = new FormData();
  body.append('halfjaar', '2017H2');
  for (const fixture of fixtures)
    body.append(
      'bestanden',
      new Blob([await readFile(path.join(FIXTURES, fixture))]),
      path.basename(fixture),
    );
  return fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
}

async function judged(id: string): Promise<{ state: string; outcome: string | null }> {
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${t.url}/api/v1/deliveries/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { state: string; outcome: string | null };
    if (body.state === 'approved' || body.state === 'rejected') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`delivery ${id} was not judged`);
}

async function inForce() {
  const g = await t.database.db
    .selectFrom('organisations')
    .select('id')
    .where('gemeentecode', '=', '0363')
    .executeTakeFirstOrThrow();
  const r = await t.database.db.selectFrom('rounds').select('id').executeTakeFirstOrThrow();
  return listFilesInForce(t.database.db, [g.id], r.id);
}

test('one bad file of four: three approved and in force with an op-orde rapport, one rejected, the upload partly approved', async () => {
  const res = await deliver([BAD_WMO, ...GOOD]);
  assert.equal(res.status, 201, await res.clone().text());
  const { id } = (await res.json()) as { id: string };
  assert.deepEqual(await judged(id), {
    ...(await judged(id)),
    state: 'approved',
    outcome: 'partially_approved',
  });

  const report = (await (
    await fetch(`${t.url}/api/v1/deliveries/${id}/report`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as {
    status: string;
    outcome: string;
    files: Array<{ name: string; status: string; outcome: string }>;
  };
  assert.equal(report.status, 'rejected', 'the contract field keeps its meaning');
  assert.equal(report.outcome, 'partially_approved');
  assert.deepEqual(Object.fromEntries(report.files.map((f) => [f.name, f.outcome])), {
    'WMO_0363_2017H2.csv': 'rejected',
    'SBW_0363_2017H2.csv': 'approved',
    'JEUGD_0363_2017H2.csv': 'approved',
    'WMOKOSTEN_0363_2017H2.csv': 'approved',
  });
  const rows = await t.database.db
    .selectFrom('delivery_report_files')
    .select(['name', 'status', 'delivery_file_id', 'sha256'])
    .where('delivery_id', '=', id)
    .execute();
  assert.equal(rows.length, 4);
  assert.ok(
    rows.every((r) => r.delivery_file_id !== null && r.sha256 !== null),
    'each verdict names its stored file',
  );

  const force = (await inForce())
    .filter((f) => f.delivery_id === id)
    .map((f) => f.file_type)
    .sort();
  assert.deepEqual(force, ['jeugd', 'sbw', 'wmo-kosten']);

  // The op-orde rapport covers exactly the three approved files.
  let contents: { sections?: Array<{ fileType: string }> } | undefined;
  for (let i = 0; i < 200 && !contents; i++) {
    const row = await t.database.db
      .selectFrom('content_reports')
      .select('contents')
      .where('delivery_id', '=', id)
      .executeTakeFirst();
    contents = row?.contents as typeof contents;
    if (!contents) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(contents, 'an op-orde rapport was made');
  assert.deepEqual(contents.sections?.map((s) => s.fileType).sort(), ['jeugd', 'sbw', 'wmo-kosten']);
});

test('the rejected file may be sent again; corrected it is approved; the approved ones again are refused as in force', async () => {
  // The same bad file again: not a duplicate, because it was rejected (and it is rejected again).
  const again = await deliver([BAD_WMO]);
  assert.equal(again.status, 201, await again.clone().text());
  const { id: againId } = (await again.json()) as { id: string };
  assert.equal((await judged(againId)).outcome, 'rejected');

  const corrected = await deliver(['valid-wmo/WMO_0363_2017H2.csv']);
  assert.equal(corrected.status, 201, await corrected.clone().text());
  const { id } = (await corrected.json()) as { id: string };
  assert.deepEqual(await judged(id), { ...(await judged(id)), state: 'approved', outcome: 'approved' });
  assert.equal((await inForce()).find((f) => f.file_type === 'wmo')?.delivery_id, id);

  const before = (await t.database.db.selectFrom('delivery_files').select('id').execute()).length;
  const refused = await deliver([GOOD[0]!]);
  assert.equal(refused.status, 409);
  const problem = (await refused.json()) as { title: string; code: string };
  assert.equal(problem.code, 'delivery.duplicate_file');
  assert.match(problem.title, /SBW_0363_2017H2\.csv.*al goedgekeurd en van kracht.*GGK-2018-\d{6}/);
  assert.equal((await t.database.db.selectFrom('delivery_files').select('id').execute()).length, before);
});
