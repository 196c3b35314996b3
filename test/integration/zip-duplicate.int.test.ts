// The duplicate rule holds inside a ZIP as for a bare file (issue 18): a CSV identical to one already
// approved for the same gemeente, type and half year is refused as already in force, whether it comes
// bare or inside a ZIP, and a ZIP's other files keep their own verdicts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { zipDeliveryChunks } from '../../src/modules/validation/generate/index.ts';
import { listFilesInForce } from '../../src/modules/deliveries/index.ts';
import { deliveryToken, organisationByCode } from '../support/factories.ts';
import { generatedFile } from '../support/handover.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

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

interface ReportBody {
  status: string;
  outcome: string;
  files: Array<{
    name: string;
    status: string;
    outcome: string;
    findings: Array<{ code: string; severity: string; message: string; value?: string }>;
  }>;
}

async function deliver(files: Array<{ name: string; bytes: Uint8Array }>): Promise<Response> {
  const body = new FormData();
  body.append('halfjaar', '2017H2');
  for (const f of files) body.append('bestanden', new Blob([new Uint8Array(f.bytes)]), f.name);
  return fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
}

async function judgedReport(id: string): Promise<ReportBody & { receipt: string }> {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${t.url}/api/v1/deliveries/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { state: string; receiptNumber: string };
    if (body.state === 'approved' || body.state === 'rejected') {
      const report = await fetch(`${t.url}/api/v1/deliveries/${id}/report`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { ...((await report.json()) as ReportBody), receipt: body.receiptNumber };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`delivery ${id} was not judged`);
}

function zipOf(name: string, files: Array<{ name: string; bytes: Uint8Array }>) {
  const bytes = new Uint8Array(
    Buffer.concat([...zipDeliveryChunks(files.map((f) => ({ name: f.name, chunks: () => [f.bytes] })))]),
  );
  return { name, bytes };
}

const wmo = generatedFile('wmo', '0363', 1801);
const sbw = generatedFile('sbw', '0363', 1802);
const jeugd = generatedFile('jeugd', '0363', 1803);

test('a CSV approved before, inside a ZIP with a new good file: the copy is refused as in force, the new file approved', async () => {
  const first = await deliver([wmo]);
  assert.equal(first.status, 201, await first.clone().text());
  const { id: firstId } = (await first.json()) as { id: string };
  const firstReport = await judgedReport(firstId);
  assert.equal(firstReport.outcome, 'approved');

  const res = await deliver([zipOf('MSD.zip', [wmo, sbw])]);
  assert.equal(res.status, 201, 'the ZIP itself is new: it is received');
  const { id } = (await res.json()) as { id: string };
  const report = await judgedReport(id);
  assert.equal(report.outcome, 'partially_approved');
  assert.equal(report.status, 'rejected', 'the contract status: an error finding is present');
  const byName = Object.fromEntries(report.files.map((f) => [f.name, f]));
  assert.equal(byName[`MSD.zip/${sbw.name}`]?.outcome, 'approved');
  const copy = byName[`MSD.zip/${wmo.name}`];
  assert.equal(copy?.outcome, 'rejected');
  assert.equal(copy.status, 'rejected');
  assert.deepEqual(
    copy.findings.map((f) => [f.code, f.severity, f.value]),
    [['file.already_delivered', 'error', firstReport.receipt]],
  );
  assert.match(
    copy.findings[0]!.message,
    new RegExp(
      `^“MSD\\.zip/${wmo.name}” is al goedgekeurd en van kracht voor Amsterdam, 2017H2: “${wmo.name}” op .* \\(ontvangstbewijs ${firstReport.receipt}\\)\\. Dit bestand telt niet opnieuw mee`,
    ),
  );

  // In force: Wmo stays the first delivery's file, SBW is the ZIP's.
  const amsterdam = await organisationByCode(t.database.db, '0363');
  const round = await t.database.db.selectFrom('rounds').select('id').executeTakeFirstOrThrow();
  const force = Object.fromEntries(
    (await listFilesInForce(t.database.db, [amsterdam.id], round.id)).map((f) => [
      f.file_type,
      f.delivery_id,
    ]),
  );
  assert.equal(force.wmo, firstId);
  assert.equal(force.sbw, id);
  const verdicts = await t.database.db
    .selectFrom('delivery_report_files')
    .select(['name', 'status'])
    .where('delivery_id', '=', id)
    .orderBy('name')
    .execute();
  assert.deepEqual(verdicts, [
    { name: `MSD.zip/${sbw.name}`, status: 'approved' },
    { name: `MSD.zip/${wmo.name}`, status: 'rejected' },
  ]);
});

test('a CSV approved inside a ZIP, sent again bare: refused at once as in force, nothing stored', async () => {
  const before = (await t.database.db.selectFrom('delivery_files').select('id').execute()).length;
  const refused = await deliver([sbw]);
  assert.equal(refused.status, 409);
  const problem = (await refused.json()) as { title: string; code: string };
  assert.equal(problem.code, 'delivery.duplicate_file');
  assert.match(problem.title, new RegExp(`${sbw.name}.*al goedgekeurd en van kracht.*GGK-2018-\\d{6}`));
  assert.equal((await t.database.db.selectFrom('delivery_files').select('id').execute()).length, before);
});

test('the same new CSV in two ZIPs checked at the same time: exactly one of them has it approved', async () => {
  const [a, b] = await Promise.all([
    deliver([zipOf('A.zip', [jeugd, generatedFile('wmo-kosten', '0363', 1804)])]),
    deliver([zipOf('B.zip', [jeugd, generatedFile('wmo-kosten', '0363', 1805)])]),
  ]);
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  const reports = await Promise.all(
    [a, b].map(async (r) => judgedReport(((await r.json()) as { id: string }).id)),
  );
  const outcomes = reports.map((r) => r.files.find((f) => f.name.endsWith(`/${jeugd.name}`))?.outcome).sort();
  assert.deepEqual(outcomes, ['approved', 'rejected']);
});
