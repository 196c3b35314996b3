// Withdrawal per part (issue 18) on the real parts (PostgreSQL, check job, encrypted store, CBS's
// channel): the intrekker chooses one file type of one half year, the confirmation lists exactly its
// files, a double click withdraws once, only that part is erased and the rest stays in force and
// readable; CBS's feed announces only that part, CBS acknowledges the rest and confirms the erasure
// per part; overlapping withdrawals (a half year and everything at once) take each file once, held
// by the database; a ZIP holding two types cannot lose one of them; the CBS form takes a part too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createApiToken, createCbsToken } from '../../src/modules/auth/index.ts';
import { openDeliveryStore } from '../../src/main/deliveries.ts';
import { listSyncedFiles, runCbsSync } from '../../src/main/cbs-sync.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { zipDeliveryChunks } from '../../src/modules/validation/generate/index.ts';
import { testLogger } from '../support/log-sink.ts';
import { generatedFile, getFeed, uploadFiles, waitUntilChecked } from '../support/handover.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO, organisationByCode } from '../support/factories.ts';

let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let cbs: string;
const ids: Record<string, string> = {};
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const wmo = generatedFile('wmo', '0363', 501);
const sbw = generatedFile('sbw', '0363', 502);
const jeugd = generatedFile('jeugd', '0363', 503);
const zipWmo = generatedFile('wmo', '0363', 504, 20, '2017H1');
const zipSbw = generatedFile('sbw', '0363', 505, 20, '2017H1');

type Item = Record<string, unknown> & { cursor: string; kind: string; deliveryId: string };

function cbsFetch(path: string, init: RequestInit = {}) {
  return fetch(`${t.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${cbs}`, ...(init.headers as Record<string, string>) },
  });
}

async function feed(after?: string): Promise<{ items: Item[]; next: string }> {
  const items: Item[] = [];
  let cursor = after;
  for (;;) {
    const page = await getFeed(t.url, cbs, cursor, 50);
    items.push(...page.items);
    if (page.items.length === 0) return { items, next: page.next };
    cursor = page.next;
  }
}

async function login(email: string) {
  const c = new WebClient(t.url);
  assert.equal((await c.loginAs(demoSubjectOf(email))).status, 303);
  return c;
}

async function filesOf(deliveryId: string) {
  return t.database.db
    .selectFrom('delivery_files')
    .select(['id', 'name', 'sha256', 'stored_file_id', 'wrapped_key', 'withdrawal_id', 'destroyed_at'])
    .where('delivery_id', '=', deliveryId)
    .orderBy('position')
    .execute();
}

async function snapshot() {
  const { rows } = await sql<{ n: string }>`
    select (select count(*) from withdrawals)::text || '/' ||
           (select count(*) from delivery_files where withdrawal_id is not null)::text || '/' ||
           (select count(*) from delivery_files where wrapped_key is null)::text as n`.execute(t.database.db);
  return rows[0]!.n;
}

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  const amsterdam = (await organisationByCode(t.database.db, '0363')).id;
  const token = (
    await createApiToken(t.database.db, {
      organisationId: amsterdam,
      name: 'pakket',
      roles: ['aanleveraar'],
      days: 60,
      createdBy: null,
      now,
    })
  ).token;
  cbs = (await createCbsToken(t.database.db, { name: 'cbs', days: 30, createdBy: null, now })).token;
  // One upload with Wmo and SBW, one with Jeugd (2e halfjaar 2017); a ZIP with Wmo and SBW (1e halfjaar).
  ids.mixed = await uploadFiles(t.url, token, [wmo, sbw]);
  ids.jeugd = await uploadFiles(t.url, token, [jeugd]);
  const zip = new Uint8Array(
    Buffer.concat([
      ...zipDeliveryChunks([zipWmo, zipSbw].map((f) => ({ name: f.name, chunks: () => [f.bytes] }))),
    ]),
  );
  ids.zip = await uploadFiles(t.url, token, [{ name: 'MSD.zip', bytes: zip }], { halfjaar: '2017H1' });
  await waitUntilChecked(t.database.db, [ids.mixed!, ids.jeugd!, ids.zip!]);
  for (const id of [ids.mixed!, ids.jeugd!, ids.zip!]) {
    const d = await t.database.db
      .selectFrom('deliveries')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(d.state, 'approved', `delivery ${id} approved`);
  }
});
after(async () => {
  await t.close();
});

test('one file type of one half year: the confirmation lists exactly it; hostile parts change nothing', async () => {
  now = new Date('2018-03-15T10:00:00Z');
  const daan = await login(DEMO.daan);
  const start = await (await daan.get('/intrekken')).text();
  assert.match(start, /Wat wilt u intrekken\?/);
  for (const value of ['alles', '2017H2', '2017H2:wmo', '2017H2:sbw', '2017H2:jeugd', '2017H1'])
    assert.ok(start.includes(`value="${value}"`), `choice ${value}`);
  // The ZIP's types are offered, and refused when chosen (below): no choice without a file.
  assert.ok(!start.includes('value="2017H2:wmo-kosten"'));

  const page = await (await daan.get('/intrekken?deel=2017H2%3Awmo')).text();
  assert.match(page, /Intrekken: Wmo van 2e halfjaar 2017/);
  const confirm = page.slice(page.indexOf('Intrekken: Wmo'));
  assert.ok(confirm.includes(sha(wmo.bytes)), 'the Wmo file is listed');
  assert.ok(confirm.includes(wmo.name));
  for (const other of [sbw, jeugd, zipWmo])
    assert.ok(!confirm.slice(0, confirm.indexOf('</table>')).includes(sha(other.bytes)), 'nothing else');
  assert.match(confirm, /De andere aanleveringen en bestanden blijven gelden/);
  assert.match(confirm, /name="deel" value="2017H2:wmo"/);

  // Hostile: a made-up type, a part that holds nothing, a part sent twice, a file type of the ZIP.
  const before = await snapshot();
  const bad = await daan.get('/intrekken?deel=2017H2%3Absn');
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /Kies wat u wilt intrekken: alles, een halfjaar of een bestandstype/);
  for (const deel of ['2017H2:bsn', '../2017H2', ['2017H2', 'alles']]) {
    const res = await daan.post('/intrekken', { deel, bevestiging: 'Amsterdam' }, '/intrekken');
    assert.equal(res.status, 400, `deel ${JSON.stringify(deel)}`);
    assert.match(await res.text(), /Er is niets ingetrokken/);
  }
  const empty = await daan.post('/intrekken', { deel: '2016H1', bevestiging: 'Amsterdam' }, '/intrekken');
  assert.equal(empty.status, 400);
  assert.match(await empty.text(), /Van dit deel is niets aangeleverd dat nog kan worden ingetrokken/);
  const mixed = await daan.post('/intrekken', { deel: '2017H1:wmo', bevestiging: 'Amsterdam' }, '/intrekken');
  assert.equal(mixed.status, 400);
  assert.match(await mixed.text(), /MSD\.zip \(aanlevering GGK-[^)]+\) bevat ook andere bestandstypen/);
  const wrongName = await daan.post(
    '/intrekken',
    { deel: '2017H2:wmo', bevestiging: 'Utrecht' },
    '/intrekken',
  );
  assert.equal(wrongName.status, 400);
  assert.equal(await snapshot(), before, 'nothing changed');
  // Another gemeente's intrekker never sees Amsterdam's files, whatever part it asks for.
  const gijs = await login(DEMO.gijs);
  const foreign = await (await gijs.get('/intrekken?deel=2017H2%3Awmo')).text();
  assert.ok(!foreign.includes(sha(wmo.bytes)));
});

test('withdrawing the Wmo of 2017H2 twice at once erases it once; the rest stays in force; CBS hears only that part', async () => {
  now = new Date('2018-03-15T11:00:00Z');
  const offered = (await feed()).items;
  const mixedItem = offered.find((i) => i.kind === 'delivery' && i.deliveryId === ids.mixed)!;
  const listed = mixedItem.files as Array<{ fileId: string; name: string; sha256: string }>;
  const wmoId = listed.find((f) => f.name === wmo.name)!.fileId;
  const sbwId = listed.find((f) => f.name === sbw.name)!.fileId;
  const cursor = offered.at(-1)!.cursor;
  // CBS's reference consumer takes everything first.
  const out = await mkdtemp(path.join(tmpdir(), 'ggk-parts-sync-'));
  const sync = () =>
    runCbsSync({
      url: t.url,
      token: cbs,
      out,
      once: true,
      intervalSeconds: 1,
      log: () => {},
      now: () => now,
    });
  assert.equal(await sync(), 0);
  const synced = await listSyncedFiles(out);
  assert.ok(
    [wmo.name, sbw.name, jeugd.name].every((n) => synced.some((f) => f.endsWith(`/${n}`))),
    synced.join(', '),
  );

  // The op-orde report of the upload (Wmo and SBW) is there before the withdrawal.
  const contentReport = async () =>
    (
      await t.database.db
        .selectFrom('content_reports')
        .select('contents')
        .where('delivery_id', '=', ids.mixed!)
        .executeTakeFirst()
    )?.contents as { sections: Array<{ fileName: string; fileType: string }> } | undefined;
  for (let i = 0; i < 300 && !(await contentReport()); i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual((await contentReport())?.sections.map((s) => s.fileType).sort(), ['sbw', 'wmo']);

  const daan = await login(DEMO.daan);
  const csrf = await daan.csrf('/intrekken');
  const post = () =>
    daan.request('POST', '/intrekken', {
      form: { _csrf: csrf, deel: '2017H2:wmo', bevestiging: 'Amsterdam', reden: 'Alleen de Wmo' },
    });
  const answers = await Promise.all([post(), post()]);
  assert.deepEqual(
    answers.map((a) => a.status),
    [303, 303],
  );

  const withdrawals = await t.database.db.selectFrom('withdrawals').selectAll().execute();
  assert.equal(withdrawals.length, 1, 'one withdrawal for a double click');
  assert.equal(withdrawals[0]!.half_year, '2017H2');
  assert.equal(withdrawals[0]!.file_type, 'wmo');
  const [wmoFile, sbwFile] = await filesOf(ids.mixed!);
  assert.equal(wmoFile!.withdrawal_id, withdrawals[0]!.id);
  assert.equal(wmoFile!.wrapped_key, null);
  assert.equal(sbwFile!.withdrawal_id, null);
  assert.notEqual(sbwFile!.wrapped_key, null);
  // The delivery stays approved with its SBW file in force; the Wmo file counts no more.
  const delivery = await t.database.db
    .selectFrom('deliveries')
    .select(['state', 'withdrawal_id'])
    .where('id', '=', ids.mixed!)
    .executeTakeFirstOrThrow();
  assert.deepEqual(delivery, { state: 'approved', withdrawal_id: null });
  const verdicts = await t.database.db
    .selectFrom('delivery_report_files')
    .select(['file_type', 'status'])
    .where('delivery_id', '=', ids.mixed!)
    .execute();
  assert.deepEqual(verdicts, [{ file_type: 'sbw', status: 'approved' }]);
  // What the gemeente and CBS read describes only the SBW file: the stored technical report and the
  // op-orde report no longer name the Wmo file or hold its findings and figures.
  const stored = await t.database.db
    .selectFrom('deliveries')
    .select(['report', 'outcome'])
    .where('id', '=', ids.mixed!)
    .executeTakeFirstOrThrow();
  const technical = stored.report as { files: Array<{ name: string; type: string }>; findings: unknown[] };
  assert.deepEqual(
    technical.files.map((f) => [f.name, f.type]),
    [[sbw.name, 'sbw']],
  );
  assert.equal(stored.outcome, 'approved');
  assert.doesNotMatch(JSON.stringify(stored.report), new RegExp(wmo.name.replace('.', '\\.')));
  const restricted = await contentReport();
  assert.deepEqual(
    restricted?.sections.map((s) => [s.fileType, s.fileName]),
    [['sbw', sbw.name]],
  );
  assert.doesNotMatch(JSON.stringify(restricted), new RegExp(wmo.name.replace('.', '\\.')));
  // The bytes: the Wmo file is off the store; SBW and Jeugd still decrypt to what was delivered.
  const store = await openDeliveryStore(t.config, testLogger('parts'));
  const onDisk = await store.listStoredFileIds();
  assert.equal(onDisk.includes(wmoFile!.stored_file_id), false);
  assert.equal(
    (await store.verify({ fileId: sbwFile!.stored_file_id, wrappedKey: sbwFile!.wrapped_key! })).sha256,
    sha(sbw.bytes),
  );
  const [jeugdFile] = await filesOf(ids.jeugd!);
  assert.equal(
    (await store.verify({ fileId: jeugdFile!.stored_file_id, wrappedKey: jeugdFile!.wrapped_key! })).sha256,
    sha(jeugd.bytes),
  );

  // CBS: one withdrawal item, naming only the Wmo file; the Wmo file is gone, SBW still comes.
  const news = (await feed(cursor)).items;
  assert.deepEqual(
    news.map((i) => [i.kind, i.deliveryId]),
    [['withdrawal', ids.mixed]],
  );
  assert.deepEqual(news[0]!.fileIds, [wmoId]);
  assert.equal(news[0]!.wholeDelivery, false);
  assert.deepEqual(news[0]!.withdrawnFiles, [{ fileId: wmoId, name: wmo.name, type: 'WMO' }]);
  assert.equal((await cbsFetch(`/api/v1/cbs/files/${wmoId}`)).status, 410);
  const sbwRes = await cbsFetch(`/api/v1/cbs/files/${sbwId}`);
  assert.equal(sbwRes.status, 200);
  assert.equal(sha(new Uint8Array(await sbwRes.arrayBuffer())), sha(sbw.bytes));
  // A verdict on the withdrawn file is 410; CBS acknowledges what it could take (SBW only).
  const verdict = await cbsFetch(`/api/v1/cbs/deliveries/${ids.mixed}/verdict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files: [{ fileId: wmoId, verdict: 'approved' }] }),
  });
  assert.equal(verdict.status, 410);
  const receipt = await cbsFetch(`/api/v1/cbs/handovers/${ids.mixed}/receipt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files: [{ fileId: sbwId, sha256: sha(sbw.bytes) }] }),
  });
  assert.equal(receipt.status, 200, await receipt.clone().text());
  // The erasure is confirmed per part, and the intrekker sees it for that part.
  const erased = await cbsFetch(`/api/v1/cbs/withdrawals/${String(news[0]!.withdrawalId)}/erased`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ erasedAt: '2018-03-15T11:50:00+01:00' }),
  });
  assert.equal(erased.status, 200, await erased.clone().text());
  // The reference consumer deletes only the part's file; the rest of the delivery stays with CBS.
  assert.equal(await sync(), 0);
  const left = await listSyncedFiles(out);
  assert.ok(!left.some((f) => f.endsWith(`/${wmo.name}`)), left.join(', '));
  assert.ok(left.some((f) => f.endsWith(`/${sbw.name}`)));
  assert.ok(left.some((f) => f.endsWith(`/${jeugd.name}`)));
  const result = await (await daan.get('/intrekken?melding=ingetrokken')).text();
  assert.match(result, /Een deel is al ingetrokken/);
  assert.match(result, /<h3[^>]*>Wmo van 2e halfjaar 2017<\/h3>/);
  assert.match(result, /CBS heeft de verwijdering bevestigd op 15 maart 2018/);
  assert.match(result, /Alleen de Wmo/);
  // The mail names the part.
  const mail = await t.mail.waitFor(
    (m) => m.to.includes(DEMO.daan) && m.subject.startsWith('Intrekking verwerkt'),
    10_000,
  );
  assert.match(mail.subject, /\(alleen Wmo van 2e halfjaar 2017\)/);
});

test('overlapping withdrawals at once (the half year and everything) take each file exactly once', async () => {
  now = new Date('2018-03-16T10:00:00Z');
  const cursor = (await feed()).next;
  const daan = await login(DEMO.daan);
  const csrf = await daan.csrf('/intrekken');
  const post = (deel: string) =>
    daan.request('POST', '/intrekken', { form: { _csrf: csrf, deel, bevestiging: 'Amsterdam' } });
  const answers = await Promise.all([post('2017H2'), post('alles'), post('2017H2')]);
  assert.deepEqual(
    answers.map((a) => a.status),
    [303, 303, 303],
  );
  const { rows } = await sql<{ withdrawal_id: string | null; n: string }>`
    select withdrawal_id, count(*)::text as n from delivery_files group by withdrawal_id`.execute(
    t.database.db,
  );
  assert.ok(
    rows.every((r) => r.withdrawal_id !== null),
    'every file withdrawn',
  );
  const withdrawals = await t.database.db.selectFrom('withdrawals').select(['id', 'half_year']).execute();
  // The Wmo part before; then the first of the overlapping requests took the rest, in one withdrawal
  // per file (everything takes the ZIP of 2017H1 too; the half year first leaves it for everything).
  assert.ok(withdrawals.length === 2 || withdrawals.length === 3, `${withdrawals.length} withdrawals`);
  // The database holds the rule: a file's withdrawal cannot be set again.
  await assert.rejects(
    sql`update delivery_files set withdrawal_id = ${withdrawals[0]!.id}::uuid
         where withdrawal_id <> ${withdrawals[0]!.id}::uuid`.execute(t.database.db),
    /one withdrawal per file/,
  );
  const states = await t.database.db.selectFrom('deliveries').select('state').execute();
  assert.ok(states.every((s) => s.state === 'withdrawn'));
  // CBS: the mixed delivery's second part names only its SBW file; every other delivery as a whole.
  const news = (await feed(cursor)).items;
  assert.ok(news.every((i) => i.kind === 'withdrawal'));
  const second = news.find((i) => i.deliveryId === ids.mixed)!;
  assert.equal(second.wholeDelivery, true);
  assert.deepEqual(
    (second.withdrawnFiles as Array<{ name: string }>).map((f) => f.name),
    [sbw.name],
  );
  assert.equal(new Set(news.map((i) => `${String(i.withdrawalId)}/${i.deliveryId}`)).size, news.length);
  const page = await (await daan.get('/intrekken')).text();
  assert.match(page, /Deze aanlevering is ingetrokken/);
  assert.doesNotMatch(page, /Definitief intrekken/);
});

test('the CBS form takes a part: a wrong half year or a type without one is refused in Dutch; a type of a half year is withdrawn alone', async () => {
  now = new Date('2018-02-21T09:00:00Z');
  const swv = await t.database.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Jeugdhulp Regio Zuid-Limburg')
    .executeTakeFirstOrThrow();
  const token = (
    await createApiToken(t.database.db, {
      organisationId: swv.id,
      name: 'swv',
      roles: ['aanleveraar'],
      days: 60,
      createdBy: null,
      now,
    })
  ).token;
  const heerlenJeugd = generatedFile('jeugd', '0917', 601);
  const heerlenH1 = generatedFile('jeugd', '0917', 602, 20, '2017H1');
  const h2 = await uploadFiles(t.url, token, [heerlenJeugd], { gemeentecode: '0917' });
  const h1 = await uploadFiles(t.url, token, [heerlenH1], { gemeentecode: '0917', halfjaar: '2017H1' });
  await waitUntilChecked(t.database.db, [h2, h1]);
  const round = await t.database.db
    .selectFrom('rounds')
    .select('id')
    .where('half_year', '=', '2017H2')
    .executeTakeFirstOrThrow();
  now = new Date('2018-03-20T10:00:00Z');
  const julia = await login(DEMO.julia);
  const form = { gemeentecode: '0917', ronde: round.id, ontvangen: '2018-03-19', kenmerk: 'CBS-DEEL-1' };
  const refused = await julia.post(
    '/intrekkingen/formulier',
    { ...form, halfjaar: '2016H1', bestandstype: 'sbw' },
    '/intrekkingen',
  );
  assert.equal(refused.status, 400);
  const html = await refused.text();
  assert.match(html, /Halfjaar &quot;2016H1&quot; hoort niet bij|Halfjaar "2016H1" hoort niet bij/);
  const noHalfYear = await julia.post(
    '/intrekkingen/formulier',
    { ...form, bestandstype: 'jeugd' },
    '/intrekkingen',
  );
  assert.equal(noHalfYear.status, 400);
  assert.match(await noHalfYear.text(), /Een bestandstype trekt u in voor één halfjaar/);
  const done = await julia.post(
    '/intrekkingen/formulier',
    { ...form, halfjaar: '2017h1', bestandstype: 'jeugd' },
    '/intrekkingen',
  );
  assert.equal(done.status, 200, 'registered');
  assert.match(await done.text(), /De intrekking van Heerlen is geregistreerd; 1 aanlevering/);
  const states = await t.database.db
    .selectFrom('deliveries')
    .select(['id', 'state'])
    .where('id', 'in', [h1, h2])
    .execute();
  assert.deepEqual(Object.fromEntries(states.map((s) => [s.id, s.state])), {
    [h1]: 'withdrawn',
    [h2]: 'approved',
  });
  const overview = await (await julia.get('/intrekkingen')).text();
  assert.match(overview, /Jeugd van 1e halfjaar 2017:/);
});
