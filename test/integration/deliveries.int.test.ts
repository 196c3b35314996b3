// Delivering end to end on the real parts: an upload through the API and through the portal form,
// stored encrypted, a receipt only after commit, the check as a pg-boss job within seconds, the
// report, the caught e-mail; redelivery rules and the delivery window.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { listFilesInForce } from '../../src/modules/deliveries/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { DEMO, deliveryToken, organisationByCode, userByEmail } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const FIXTURES = path.resolve('test/fixtures/validation');
let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let token: string;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  token = await deliveryToken(t.database.db, now);
});
after(async () => {
  await t.close();
});

async function form(files: Array<[string, string]>, fields: Record<string, string> = { halfjaar: '2017H2' }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const [fixture, name] of files)
    body.append('bestanden', new Blob([await readFile(path.join(FIXTURES, fixture))]), name);
  return body;
}

function api(pathname: string, init: RequestInit = {}) {
  return fetch(`${t.url}${pathname}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
}

async function waitForState(id: string, states: string[]): Promise<{ state: string }> {
  // A bound for a hung job, not a speed check (speed is measured in bench/): generous under load.
  for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
    const body = (await (await api(`/api/v1/deliveries/${id}`)).json()) as { state: string };
    if (states.includes(body.state)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`delivery ${id} did not reach ${states.join('/')}`);
}

test('the 4-file ZIP through the API: receipt, approved report from the check job, mail with a link and no data', async () => {
  const res = await api('/api/v1/deliveries', {
    method: 'POST',
    body: await form([['valid-zip/MSD.zip', 'MSD.zip']]),
  });
  assert.equal(res.status, 201, await res.clone().text());
  assert.equal(res.headers.get('api-version'), '1.0.0');
  const receipt = (await res.json()) as {
    id: string;
    receiptNumber: string;
    files: Array<{ name: string; sha256: string; bytes: number }>;
  };
  assert.match(receipt.receiptNumber, /^GGK-2018-\d{6}$/);
  const zip = await readFile(path.join(FIXTURES, 'valid-zip/MSD.zip'));
  const { createHash } = await import('node:crypto');
  assert.deepEqual(receipt.files, [
    { name: 'MSD.zip', bytes: zip.length, sha256: createHash('sha256').update(zip).digest('hex') },
  ]);

  await waitForState(receipt.id, ['approved', 'rejected']);
  const report = (await (await api(`/api/v1/deliveries/${receipt.id}/report`)).json()) as {
    status: string;
    files: Array<{ type: string }>;
  };
  assert.equal(report.status, 'approved', JSON.stringify(report));
  assert.deepEqual(report.files.map((f) => f.type).sort(), ['jeugd', 'sbw', 'wmo', 'wmo-kosten']);

  const mail = await t.mail.waitFor(
    (m) => m.to.includes(DEMO.carla) && m.subject.includes(receipt.receiptNumber),
    10_000,
  );
  assert.match(mail.subject, /goedgekeurd/);
  assert.match(mail.text, new RegExp(`/aanleveringen/${receipt.id}`));
  assert.doesNotMatch(mail.text, /\b\d{9}\b/);

  // In force per type and half year.
  const gemeente = await organisationByCode(t.database.db, '0363');
  const round = await t.database.db.selectFrom('rounds').select('id').executeTakeFirstOrThrow();
  const inForce = await listFilesInForce(t.database.db, [gemeente.id], round.id);
  assert.deepEqual(inForce.map((r) => r.file_type).sort(), ['jeugd', 'sbw', 'wmo', 'wmo-kosten']);
});

test('files are stored encrypted: no plaintext on disk', async () => {
  const root = path.join(t.config.dataDir, 'files');
  const plaintext = await readFile(path.join(FIXTURES, 'valid-wmo/WMO_0363_2017H2.csv'), 'utf8');
  const bsn = /;(\d{9});/.exec(plaintext)![1]!;
  const res = await api('/api/v1/deliveries', {
    method: 'POST',
    body: await form([['valid-wmo/WMO_0363_2017H2.csv', 'WMO_0363_2017H1.csv']], { halfjaar: '2017H1' }),
  });
  assert.equal(res.status, 201);
  for (const dir of await readdir(root)) {
    if (dir === 'tmp') continue;
    for (const file of await readdir(path.join(root, dir))) {
      const bytes = await readFile(path.join(root, dir, file));
      assert.equal(bytes.includes(Buffer.from(bsn)), false, `${file} holds a BSN in plaintext`);
    }
  }
});

test('the same file again for the same gemeente and half year is recognised and not stored twice', async () => {
  const before = (await t.database.db.selectFrom('delivery_files').select('id').execute()).length;
  const res = await api('/api/v1/deliveries', {
    method: 'POST',
    body: await form([['valid-zip/MSD.zip', 'MSD-opnieuw.zip']]),
  });
  assert.equal(res.status, 409);
  const problem = (await res.json()) as { title: string };
  assert.match(problem.title, /al goedgekeurd en van kracht/);
  assert.match(problem.title, /GGK-2018-\d{6}/);
  assert.equal((await t.database.db.selectFrom('delivery_files').select('id').execute()).length, before);
});

test('a rejected redelivery through the portal never replaces the approved delivery in force', async () => {
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  const page = await (await bram.get('/aanleveren')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const body = await form([['field-bsn-elfproef/WMO_0363_2017H2.csv', 'WMO_0363_2017H2.csv']], {
    _csrf: csrf,
    halfjaar: '2017H2',
  });
  const res = await fetch(`${t.url}/aanleveren`, {
    method: 'POST',
    body,
    headers: { cookie: `ggk_session=${bram.cookies.get('ggk_session')}` },
    redirect: 'manual',
  });
  assert.equal(res.status, 303, await res.clone().text());
  const id = res.headers.get('location')!.split('/').pop()!;
  const state = await waitForState(id, ['approved', 'rejected']);
  assert.equal(state.state, 'rejected');
  const receiptPage = await (await bram.get(`/aanleveringen/${id}`)).text();
  assert.match(receiptPage, /Technisch afgekeurd/);
  assert.match(receiptPage, /elfproef/);
  assert.match(
    receiptPage,
    /<li class="utrecht-unordered-list__item">\d+× Het BSN voldoet niet aan de elfproef\. <code class="utrecht-code ggk-code-secondary">field\.bsn_elfproef<\/code>/,
    'counts per kind of finding: in words, the code only as secondary text (issue 20)',
  );
  assert.doesNotMatch(receiptPage, /123456789/, 'a BSN is never shown whole');

  const gemeente = await organisationByCode(t.database.db, '0363');
  const round = await t.database.db.selectFrom('rounds').select('id').executeTakeFirstOrThrow();
  const wmo = (await listFilesInForce(t.database.db, [gemeente.id], round.id)).find(
    (r) => r.file_type === 'wmo' && r.period === '2017H2',
  );
  assert.notEqual(wmo?.delivery_id, id);

  // Without the CSRF token the portal refuses and stores nothing.
  const files = (await t.database.db.selectFrom('delivery_files').select('id').execute()).length;
  const forged = await fetch(`${t.url}/aanleveren`, {
    method: 'POST',
    body: await form([
      [
        'valid-sbw/' + (await readdir(path.join(FIXTURES, 'valid-sbw'))).find((f) => f.endsWith('.csv'))!,
        'SBW.csv',
      ],
    ]),
    headers: { cookie: `ggk_session=${bram.cookies.get('ggk_session')}` },
    redirect: 'manual',
  });
  assert.equal(forged.status, 403);
  assert.equal((await t.database.db.selectFrom('delivery_files').select('id').execute()).length, files);
});

test('a file rejected for its header says what is wrong, and counts its one record as "1 record" (issue 20)', async () => {
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  const page = await (await bram.get('/aanleveren')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const body = await form([['header-missing-column/WMO_0363_2017H2.csv', 'WMO_0363_2017H2.csv']], {
    _csrf: csrf,
    halfjaar: '2017H2',
  });
  const res = await fetch(`${t.url}/aanleveren`, {
    method: 'POST',
    body,
    headers: { cookie: `ggk_session=${bram.cookies.get('ggk_session')}` },
    redirect: 'manual',
  });
  assert.equal(res.status, 303, await res.clone().text());
  const id = res.headers.get('location')!.split('/').pop()!;
  assert.equal((await waitForState(id, ['approved', 'rejected'])).state, 'rejected');
  const html = await (await bram.get(`/aanleveringen/${id}`)).text();
  const outcome = /data-testid="file-outcome">([^<]*)</.exec(html)?.[1];
  assert.ok(outcome, html);
  assert.match(outcome, /\b1 record,/);
  assert.doesNotMatch(outcome, /\b1 records/);
  // What rejects it is said, not only "waarvan 0 met fouten".
  assert.match(
    outcome,
    /^Afgekeurd\. De verplichte kolom &quot;leveringsvorm&quot; ontbreekt in de kopregel\./,
  );
});

test('outside the window the upload is refused with the dates, and nothing is stored', async () => {
  now = new Date('2018-03-12T09:00:00Z');
  try {
    const before = (await t.database.db.selectFrom('deliveries').select('id').execute()).length;
    const res = await api('/api/v1/deliveries', {
      method: 'POST',
      body: await form([['valid-wmo/WMO_0363_2017H2.csv', 'WMO_0363_2017H2.csv']]),
    });
    assert.equal(res.status, 409);
    assert.match(
      ((await res.json()) as { title: string }).title,
      /gesloten.*12 februari 2018 tot en met 9 maart 2018/,
    );
    assert.equal((await t.database.db.selectFrom('deliveries').select('id').execute()).length, before);
  } finally {
    now = new Date('2018-02-20T09:00:00Z');
  }
});

test('another organisation cannot see the delivery or its report', async () => {
  const heerlen = await organisationByCode(t.database.db, '0917');
  const other = (
    await createApiToken(t.database.db, {
      organisationId: heerlen.id,
      name: 'x',
      roles: ['aanleveraar', 'rapportontvanger'],
      days: 30,
      createdBy: null,
      now,
    })
  ).token;
  const delivery = await t.database.db.selectFrom('deliveries').select('id').executeTakeFirstOrThrow();
  for (const p of [`/api/v1/deliveries/${delivery.id}`, `/api/v1/deliveries/${delivery.id}/report`]) {
    const res = await fetch(`${t.url}${p}`, { headers: { authorization: `Bearer ${other}` } });
    assert.equal(res.status, 404);
  }
});

test('the report downloads as JSON and CSV, each download is recorded, and the overview shows what is in force', async () => {
  const carla = new WebClient(t.url);
  await carla.loginAs(demoSubjectOf(DEMO.carla));
  const delivery = await t.database.db
    .selectFrom('deliveries')
    .select(['id', 'receipt_number'])
    .where('state', '=', 'approved')
    .orderBy('received_at')
    .executeTakeFirstOrThrow();
  const json = await carla.get(`/aanleveringen/${delivery.id}/rapport.json`);
  assert.equal(json.status, 200);
  assert.match(
    json.headers.get('content-disposition') ?? '',
    new RegExp(`technisch-rapport-${delivery.receipt_number}\\.json`),
  );
  assert.equal(((await json.json()) as { reportVersion: number }).reportVersion, 1);
  const csv = await carla.get(`/aanleveringen/${delivery.id}/rapport.csv`);
  assert.equal(csv.status, 200);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so spreadsheets read UTF-8');
  assert.match(bytes.subarray(3).toString('utf8'), /^bestand;regel;kolom;code;ernst;melding;waarde\r\n/);
  const carla_ = await userByEmail(t.database.db, DEMO.carla);
  const rows = await t.database.db
    .selectFrom('downloads')
    .selectAll()
    .where('delivery_id', '=', delivery.id)
    .where('user_id', '=', carla_.id)
    .execute();
  assert.deepEqual(
    rows
      .filter((r) => r.outcome === 'success')
      .map((r) => r.kind)
      .sort(),
    ['technical_report_csv', 'technical_report_json'],
  );

  const seen = await t.database.db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirstOrThrow();
  const page = await (await carla.get(`/aanleveringen/${delivery.id}`)).text();
  assert.match(page, /Technisch goedgekeurd/);
  assert.match(page, /bevindingen als CSV/);
  // A view of the page (its technical report) is recorded like a download: one downloads row and
  // one audit entry naming the delivery's organisation, written by one statement; the page lists it.
  const views = await t.database.db
    .selectFrom('downloads')
    .select(['user_id', 'organisation_id', 'outcome', 'error'])
    .where('delivery_id', '=', delivery.id)
    .where('kind', '=', 'technical_report_html')
    .execute();
  const full = await t.database.db
    .selectFrom('deliveries')
    .select(['organisation_id'])
    .where('id', '=', delivery.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(views, [
    { user_id: carla_.id, organisation_id: full.organisation_id, outcome: 'success', error: null },
  ]);
  const entries = await t.database.db
    .selectFrom('audit_entries')
    .select(['action', 'actor_kind', 'actor_user_id', 'organisation_id', 'subject_ids', 'details'])
    .where('seq', '>', Number(seen.seq ?? 0))
    .where('action', 'like', '%report.downloaded')
    .execute();
  assert.deepEqual(entries, [
    {
      action: 'technical_report.downloaded',
      actor_kind: 'user',
      actor_user_id: carla_.id,
      organisation_id: full.organisation_id,
      subject_ids: [delivery.id],
      details: {
        kind: 'technical_report_html',
        outcome: 'success',
        receipt_number: delivery.receipt_number,
      },
    },
  ]);
  assert.match(page, /data-testid="downloads"[^]*rapport bekeken[^]*<\/ul>/);
  const overview = await (await carla.get('/aanleveringen')).text();
  assert.match(overview, /Geldende aanleveringen/);
  assert.match(overview, new RegExp(delivery.receipt_number));
});

test('a 4-file ZIP through the portal form: receipt page, approved within seconds, and the newest approved delivery is in force', async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtemp } = await import('node:fs/promises');
  const os = await import('node:os');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ggk-generated-'));
  const generated = spawnSync(
    process.execPath,
    [
      'bin/ggk.js',
      'generate',
      '--type',
      'alle',
      '--rows',
      '500',
      '--seed',
      'portal',
      '--gemeente',
      '0363',
      '--period',
      '2017H2',
      '--out',
      dir,
      '--zip',
      'MSD.zip',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(generated.status, 0, generated.stderr);

  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  const page = await (await bram.get('/aanleveren')).text();
  assert.match(page, /Streefdatum voor pilotdeelnemers: 23 februari 2018/);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const body = new FormData();
  body.append('_csrf', csrf);
  body.append('halfjaar', '2017H2');
  body.append('bestanden', new Blob([await readFile(path.join(dir, 'MSD.zip'))]), 'MSD.zip');
  const res = await fetch(`${t.url}/aanleveren`, {
    method: 'POST',
    body,
    headers: { cookie: `ggk_session=${bram.cookies.get('ggk_session')}` },
    redirect: 'manual',
  });
  assert.equal(res.status, 303);
  const id = res.headers.get('location')!.split('/').pop()!;
  const receipt = await (await bram.get(`/aanleveringen/${id}`)).text();
  assert.match(receipt, /Ontvangstbewijs/);
  assert.match(receipt, /GGK-2018-\d{6}/);
  assert.equal((await waitForState(id, ['approved', 'rejected'])).state, 'approved');
  await t.mail.waitFor(
    (m) => m.to.includes(DEMO.bram) && /goedgekeurd/.test(m.subject) && m.text.includes(id),
    10_000,
  );

  const gemeente = await organisationByCode(t.database.db, '0363');
  const round = await t.database.db.selectFrom('rounds').select('id').executeTakeFirstOrThrow();
  const inForce = (await listFilesInForce(t.database.db, [gemeente.id], round.id)).filter(
    (r) => r.period === '2017H2',
  );
  assert.deepEqual(
    inForce.map((r) => [r.file_type, r.delivery_id]).sort(),
    [
      ['jeugd', id],
      ['sbw', id],
      ['wmo', id],
      ['wmo-kosten', id],
    ],
    'the newest approved delivery replaces the earlier approved one',
  );
});
