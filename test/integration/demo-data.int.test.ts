// The demo world shows what it claims (issue 20): every demo delivery with a defect is rejected for
// that defect (the BSN defect sits in a file that has a BSN column), every approved one has its
// op-orde report placed, made from the same generated files, and its report page opens.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_DELIVERIES, demoSubjectOf } from '../../src/main/demo-data.ts';
import type { Report } from '../../src/modules/validation/index.ts';
import { DEMO } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({
    demoDeliveries: true,
    demoReports: true,
    now: () => new Date('2018-02-20T11:00:00Z'),
  });
});
after(async () => {
  await t.close();
});

const receiptOf = (index: number) => `DEMO-2018-${String(index + 1).padStart(6, '0')}`;

async function deliveryOf(receipt: string) {
  return t.database.db
    .selectFrom('deliveries')
    .leftJoin('content_reports', 'content_reports.delivery_id', 'deliveries.id')
    .select([
      'deliveries.id',
      'deliveries.state',
      'deliveries.report',
      'deliveries.content_report_due_at',
      'content_reports.state as reportState',
      'content_reports.contents',
      'content_reports.placed_at',
    ])
    .where('deliveries.receipt_number', '=', receipt)
    .executeTakeFirstOrThrow();
}

test('each demo delivery with a defect is rejected for it; the BSN defect is in a file with a BSN column', async () => {
  const defective = DEMO_DELIVERIES.map((d, i) => ({ d, i })).filter(({ d }) =>
    d.files.some((f) => f.defect),
  );
  assert.ok(defective.some(({ d }) => d.files.some((f) => f.defect === 'field.bsn_elfproef')));
  for (const { d, i } of defective) {
    const row = await deliveryOf(receiptOf(i));
    assert.equal(row.state, 'rejected', receiptOf(i));
    const report = row.report as Report;
    for (const f of d.files.filter((file) => file.defect)) {
      const file = report.files.find((x) => x.type === f.type);
      assert.ok(file, `${receiptOf(i)} has its ${f.type} file`);
      assert.ok((file.counts[f.defect!] ?? 0) > 0, `${receiptOf(i)} ${f.type}: ${f.defect} found`);
    }
    assert.equal(row.reportState, null, `${receiptOf(i)}: a rejected delivery has no op-orde report`);
  }
});

test('every approved demo delivery has its op-orde report placed, within its service level, and it opens', async () => {
  const approved = DEMO_DELIVERIES.map((d, i) => ({ d, i })).filter(
    ({ d }) => d.files.length > 0 && !d.files.some((f) => f.defect),
  );
  assert.ok(approved.length >= 5);
  for (const { d, i } of approved) {
    const row = await deliveryOf(receiptOf(i));
    assert.equal(row.state, 'approved', receiptOf(i));
    assert.equal(row.reportState, 'placed', `${receiptOf(i)} has its op-orde report`);
    assert.ok(row.placed_at! <= row.content_report_due_at!, `${receiptOf(i)} placed within 2 working days`);
    const sections = (row.contents as { sections: Array<{ fileType: string }> }).sections;
    assert.deepEqual(sections.map((s) => s.fileType).sort(), d.files.map((f) => f.type).sort(), receiptOf(i));
  }
  // Utrecht's four-file delivery (DEMO-2018-000003): its report page has the figures.
  const utrecht = await deliveryOf('DEMO-2018-000003');
  const kim = new WebClient(t.url);
  await kim.loginAs(demoSubjectOf(DEMO.kim));
  const page = await kim.get(`/aanleveringen/${utrecht.id}/op-orde`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Kosten per categorie, Wmo kosten 2017H2/);
});
