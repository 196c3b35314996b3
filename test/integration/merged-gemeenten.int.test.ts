// Gemeenten that merged (issue 18, decision 0028, an assumption): in the 2018 round Westerwolde (1950,
// formed 1 January 2018 from Bellingwedde 0007 and Vlagtwedde 0048) delivers 2017 for its whole area,
// with its own code or a predecessor's; nobody else may use a predecessor's code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listFilesInForce } from '../../src/modules/deliveries/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { DEMO, deliveryToken, organisationByCode } from '../support/factories.ts';
import { generatedFile, uploadFiles, waitUntilChecked } from '../support/handover.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let westerwolde: string;
let groningen: string;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  westerwolde = await deliveryToken(t.database.db, now, '1950');
  groningen = await deliveryToken(t.database.db, now, '0014');
});
after(async () => {
  await t.close();
});

interface Judged {
  state: string;
  outcome: string;
  files: Array<{
    name: string;
    gemeentecode: string | null;
    outcome: string;
    counts: Record<string, number>;
    findings: Array<{ code: string; severity: string; message: string; value?: string }>;
  }>;
}

async function deliver(
  token: string,
  files: Array<{ name: string; bytes: Uint8Array }>,
  halfYear = '2017H2',
): Promise<Judged> {
  const body = new FormData();
  body.append('halfjaar', halfYear);
  for (const f of files) body.append('bestanden', new Blob([new Uint8Array(f.bytes)]), f.name);
  const res = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 300; i++) {
    const d = (await (
      await fetch(`${t.url}/api/v1/deliveries/${id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { state: string; outcome: string };
    if (d.state === 'approved' || d.state === 'rejected') {
      const report = (await (
        await fetch(`${t.url}/api/v1/deliveries/${id}/report`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as Pick<Judged, 'files'>;
      return { state: d.state, outcome: d.outcome, files: report.files };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`delivery ${id} was not judged`);
}

test('Westerwolde delivers 2017H2 with its own code: approved, and the report names the predecessors it covers', async () => {
  const judged = await deliver(westerwolde, [generatedFile('wmo', '1950', 1950)]);
  assert.equal(judged.outcome, 'approved');
  const [file] = judged.files;
  assert.equal(file?.gemeentecode, '1950');
  assert.deepEqual(file.counts, { 'gemeente.predecessors': 1 });
  assert.equal(file.findings[0]?.severity, 'info');
  assert.equal(file.findings[0]?.value, '0007,0048');
  assert.match(file.findings[0]!.message, /Bellingwedde \(0007\), Vlagtwedde \(0048\)/);
});

test('Westerwolde delivers 2017H1 files named with its predecessors’ codes, one per predecessor: both approved', async () => {
  const judged = await deliver(
    westerwolde,
    [generatedFile('sbw', '0007', 7, 20, '2017H1'), generatedFile('sbw', '0048', 48, 20, '2017H1')],
    '2017H1',
  );
  assert.equal(judged.outcome, 'approved', JSON.stringify(judged.files.map((f) => f.findings)));
  assert.deepEqual(judged.files.map((f) => [f.gemeentecode, f.outcome]).sort(), [
    ['0007', 'approved'],
    ['0048', 'approved'],
  ]);
});

test('Groningen delivering a file named with Bellingwedde’s code is refused: it is not Bellingwedde’s successor', async () => {
  const judged = await deliver(groningen, [generatedFile('jeugd', '0007', 70)]);
  assert.equal(judged.outcome, 'rejected');
  const codes = new Set(judged.files[0]!.findings.map((f) => f.code));
  assert.deepEqual([...codes], ['gemeente.mismatch']);
  assert.match(judged.files[0]!.findings[0]!.message, /noemt gemeente 0007.*aanleverende gemeente is 0014/);
});

test('both predecessor files are in force side by side, each for its own code', async () => {
  const gemeente = await organisationByCode(t.database.db, '1950');
  const round = await t.database.db.selectFrom('rounds').select('id').executeTakeFirstOrThrow();
  const sbw = (await listFilesInForce(t.database.db, [gemeente.id], round.id))
    .filter((f) => f.file_type === 'sbw' && f.period === '2017H1')
    .map((f) => f.gemeentecode)
    .sort();
  assert.deepEqual(sbw, ['0007', '0048']);
});

test('the monitor shows Bellingwedde and Vlagtwedde under Westerwolde, with what Westerwolde delivered under their code', async () => {
  const operator = new WebClient(t.url);
  await operator.loginAs(demoSubjectOf(DEMO.ivo));
  const html = await (await operator.get('/monitor?provincie=Groningen')).text();
  const rows = [...html.matchAll(/<tr class="utrecht-table__row[^"]*"[^>]*>([\s\S]*?)<\/tr>/g)].map(
    (m) => m[0],
  );
  const at = (needle: string) => rows.findIndex((r) => r.includes(needle));
  const westerwolde = at('Westerwolde (1950)');
  assert.ok(westerwolde >= 0, 'Westerwolde is a participant');
  assert.equal(at('data-predecessor="0007"'), westerwolde + 1);
  assert.equal(at('data-predecessor="0048"'), westerwolde + 2);
  assert.match(rows[westerwolde + 1]!, /voorheen Bellingwedde \(0007\), via Westerwolde/);
  // The predecessors are no participants of their own.
  assert.equal(
    rows.filter((r) => /scope="row" id="g-0007"/.test(r)).length,
    0,
    'Bellingwedde has no row of its own',
  );
  // Its SBW 2017H1 cell is the approved predecessor file; its Wmo cells are empty.
  const cells = [...rows[westerwolde + 1]!.matchAll(/data-state="([a-z_]+)"/g)].map((m) => m[1]);
  // Columns: per half year of the round (2017H2, 2017H1) the four file types.
  assert.equal(cells.length, 8);
  assert.ok(cells.includes('approved') || cells.includes('report_ready'), cells.join(','));
  assert.equal(cells.filter((c) => c !== 'not_delivered').length, 1, cells.join(','));
});

// Whole area or per predecessor, not both (decision 0028): the later file is refused, naming the file
// in force and its receipt; in one upload the whole-area file gives way to the predecessors' files.
test('a predecessor’s file next to Westerwolde’s whole-area file in force is refused, naming that file and its receipt', async () => {
  const judged = await deliver(westerwolde, [generatedFile('wmo', '0007', 77)]);
  assert.equal(judged.outcome, 'rejected');
  const finding = judged.files[0]!.findings.find((f) => f.code === 'file.area_overlap');
  assert.ok(finding, JSON.stringify(judged.files[0]!.findings));
  assert.equal(finding.severity, 'error');
  assert.match(finding.value!, /^DEMO-2018-\d{6}$|^\S+-\d+$/);
  assert.match(
    finding.message,
    /is een bestand voor voorganger 0007, maar voor Wmo 2017H2 van Westerwolde is al een bestand voor het hele gebied van kracht: “[^”]*1950[^”]*” \(ontvangstbewijs \S+, /,
  );
  assert.ok(finding.message.includes(finding.value!), 'the message names the receipt');
});

test('a whole-area file next to predecessors’ files in force is refused; the predecessors’ files stay in force', async () => {
  const judged = await deliver(westerwolde, [generatedFile('sbw', '1950', 1951, 20, '2017H1')], '2017H1');
  assert.equal(judged.outcome, 'rejected');
  const finding = judged.files[0]!.findings.find((f) => f.code === 'file.area_overlap');
  assert.match(
    finding?.message ?? '',
    /is een bestand voor het hele gebied, maar voor SBW 2017H1 van Westerwolde is al een bestand voor voorganger 00(07|48) van kracht/,
  );
  const gemeente = await organisationByCode(t.database.db, '1950');
  const round = await t.database.db.selectFrom('rounds').select('id').executeTakeFirstOrThrow();
  const inForce = (await listFilesInForce(t.database.db, [gemeente.id], round.id)).filter(
    (f) => f.period === '2017H1' && f.file_type === 'sbw',
  );
  assert.deepEqual(inForce.map((f) => f.gemeentecode).sort(), ['0007', '0048']);
});

test('one upload with a whole-area file and a predecessor’s file of one type and half year: the whole-area file is refused', async () => {
  const judged = await deliver(westerwolde, [
    generatedFile('sbw', '1950', 1952),
    generatedFile('sbw', '0048', 4848),
  ]);
  assert.equal(judged.outcome, 'partially_approved');
  const byCode: Record<string, Judged['files'][number]> = Object.fromEntries(
    judged.files.map((f) => [f.gemeentecode, f]),
  );
  assert.equal(byCode['0048']?.outcome, 'approved');
  assert.equal(byCode['1950']?.outcome, 'rejected');
  assert.match(
    byCode['1950']!.findings.find((f) => f.code === 'file.area_overlap')?.message ?? '',
    /deze aanlevering bevat voor SBW 2017H2 van Westerwolde ook “[^”]*0048[^”]*” \(voorganger 0048\)/,
  );
});

test('a gemeente without predecessors is not touched by the rule: Groningen’s own files stay approved', async () => {
  const judged = await deliver(groningen, [generatedFile('sbw', '0014', 1414)]);
  assert.equal(judged.outcome, 'approved', JSON.stringify(judged.files.map((f) => f.findings)));
});

// The op-orde rapport compares per file code (decision 0028): Westerwolde's new file for Vlagtwedde is
// compared with the Vlagtwedde file in force, not with the Bellingwedde file of the same delivery.
test('a redelivered predecessor file is compared in the op-orde rapport with the file of its own code', async () => {
  type Section = {
    fileName: string;
    fileType: string;
    period: string;
    figures: { total: { realised: number | null } };
    comparisons: Array<{
      against: string;
      receiptNumber: string;
      rows: Array<{ code: string; previous: number | null }>;
    }>;
  };
  const reportOf = async (deliveryId: string) => {
    for (let i = 0; i < 300; i++) {
      const row = await t.database.db
        .selectFrom('content_reports')
        .select('contents')
        .where('delivery_id', '=', deliveryId)
        .executeTakeFirst();
      if (row) return row.contents as { receiptNumber: string; sections: Section[] };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no op-orde rapport for ${deliveryId}`);
  };
  const earlier = await t.database.db
    .selectFrom('deliveries as d')
    .innerJoin('delivery_report_files as rf', 'rf.delivery_id', 'd.id')
    .select(['d.id', 'd.receipt_number'])
    .where('rf.gemeentecode', '=', '0048')
    .where('rf.period', '=', '2017H1')
    .where('rf.status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const before = await reportOf(earlier.id);
  const vlagtwedde = before.sections.find((s) => s.fileName.includes('0048'))!;
  const bellingwedde = before.sections.find((s) => s.fileName.includes('0007'))!;
  assert.notEqual(vlagtwedde.figures.total.realised, bellingwedde.figures.total.realised);

  now = new Date('2018-02-21T09:00:00Z');
  const id = await uploadFiles(t.url, westerwolde, [generatedFile('sbw', '0048', 4849, 20, '2017H1')], {
    halfjaar: '2017H1',
  });
  await waitUntilChecked(t.database.db, [id]);
  const [section] = (await reportOf(id)).sections;
  const redelivery = section!.comparisons.find((c) => c.against === 'redelivery');
  assert.ok(redelivery, JSON.stringify(section!.comparisons));
  assert.equal(redelivery.receiptNumber, earlier.receipt_number);
  const total = redelivery.rows.find((r) => r.code === '');
  assert.equal(
    total?.previous,
    vlagtwedde.figures.total.realised,
    'compared with Vlagtwedde, not Bellingwedde',
  );
});
