// Withdrawal and the audit trail end to end on the real parts (PostgreSQL, pg-boss check job,
// encrypted store, dev identity provider, mail catcher): refused outside the window and for a
// delegerende gemeente, done inside the window after typing the gemeente's name (twice: once),
// registered by CBS from the paper form; afterwards the stored bytes are gone and their keys
// destroyed. Every action leaves an audit entry; the trail is whole; retention purges with `ggk purge`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { verifyAuditChain } from '../../src/modules/audit/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { openDeliveryStore } from '../../src/main/deliveries.ts';
import { StoredFileNotFoundError } from '../../src/platform/files/encrypted-store.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { GGK_BIN, cleanEnv } from '../support/ggk-process.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO, userByEmail } from '../support/factories.ts';

const FIXTURES = path.resolve('test/fixtures/validation');
let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

async function organisationId(where: { code?: string; name?: string }) {
  let q = t.database.db.selectFrom('organisations').select('id');
  q = where.code ? q.where('gemeentecode', '=', where.code) : q.where('name', '=', where.name!);
  return (await q.executeTakeFirstOrThrow()).id;
}

async function upload(token: string, fixture: string, name: string, fields: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries({ halfjaar: '2017H2', ...fields })) body.append(k, v);
  body.append('bestanden', new Blob([await readFile(path.join(FIXTURES, fixture))]), name);
  const res = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

async function waitUntilChecked(id: string) {
  for (let i = 0; i < 150; i++) {
    const row = await t.database.db
      .selectFrom('deliveries')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (row.state === 'approved' || row.state === 'rejected') return row.state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`delivery ${id} was not checked`);
}

async function auditActions(filter: { subject?: string; organisationId?: string } = {}) {
  let q = t.database.db
    .selectFrom('audit_entries')
    .select(['action', 'actor_kind', 'actor_user_id', 'details']);
  if (filter.organisationId) q = q.where('organisation_id', '=', filter.organisationId);
  const rows = await q.orderBy('seq').execute();
  return filter.subject
    ? (
        await t.database.db
          .selectFrom('audit_entries')
          .select('action')
          .where((eb) => eb(eb.val(filter.subject!), '=', eb.fn.any('subject_ids')))
          .orderBy('seq')
          .execute()
      ).map((r) => r.action)
    : rows.map((r) => r.action);
}

async function login(email: string) {
  const c = new WebClient(t.url);
  const res = await c.loginAs(demoSubjectOf(email));
  assert.equal(res.status, 303, `login of ${email}`);
  return c;
}

async function snapshot(gemeenteId: string) {
  const deliveries = await t.database.db
    .selectFrom('deliveries')
    .select(['id', 'state', 'withdrawn_at'])
    .where('gemeente_id', '=', gemeenteId)
    .orderBy('id')
    .execute();
  const keys = await t.database.db
    .selectFrom('delivery_files as f')
    .innerJoin('deliveries as d', 'd.id', 'f.delivery_id')
    .select(['f.stored_file_id', 'f.wrapped_key'])
    .where('d.gemeente_id', '=', gemeenteId)
    .orderBy('f.stored_file_id')
    .execute();
  const withdrawals = await t.database.db.selectFrom('withdrawals').select('id').execute();
  return { deliveries, keys, withdrawals: withdrawals.length };
}

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  ids.amsterdam = await organisationId({ code: '0363' });
  ids.heerlen = await organisationId({ code: '0917' });
  ids.sittard = await organisationId({ code: '1883' });
  ids.zuidLimburg = await organisationId({ name: 'Jeugdhulp Regio Zuid-Limburg' });
  ids.round = (
    await t.database.db
      .selectFrom('rounds')
      .select('id')
      .where('half_year', '=', '2017H2')
      .executeTakeFirstOrThrow()
  ).id;
  for (const [key, org] of [
    ['amsterdam', ids.amsterdam],
    ['zuidLimburg', ids.zuidLimburg],
    ['sittard', ids.sittard],
  ] as const) {
    tokens[key] = (
      await createApiToken(t.database.db, {
        organisationId: org,
        name: 'test',
        roles: ['aanleveraar'],
        days: 60,
        createdBy: null,
        now,
      })
    ).token;
  }
  // In the delivery window: Amsterdam delivers two files, the samenwerkingsverband one for Heerlen,
  // Sittard-Geleen one of its own.
  ids.wmo = await upload(tokens.amsterdam!, 'valid-wmo/WMO_0363_2017H2.csv', 'WMO_0363_2017H2.csv');
  ids.sbw = await upload(tokens.amsterdam!, 'valid-sbw/SBW_0363_2017H2.csv', 'SBW_0363_2017H2.csv');
  ids.heerlenJeugd = await upload(
    tokens.zuidLimburg!,
    'valid-jeugd/JEUGD_0363_2017H2.csv',
    'JEUGD_0917_2017H2.csv',
    {
      gemeentecode: '0917',
    },
  );
  ids.sittardWmo = await upload(tokens.sittard!, 'valid-wmo/WMO_0363_2017H2.csv', 'WMO_1883_2017H2.csv');
  for (const id of [ids.wmo, ids.sbw, ids.heerlenJeugd, ids.sittardWmo]) await waitUntilChecked(id!);
});
after(async () => {
  await t.close();
});

test('uploads, checks and report downloads each leave an audit entry with actor and checksums', async () => {
  assert.equal(await waitUntilChecked(ids.wmo!), 'approved');
  const carla = await login(DEMO.carla);
  assert.equal((await carla.get(`/aanleveringen/${ids.wmo}/rapport.json`)).status, 200);
  const mine = ['delivery.received', 'delivery.checked', 'technical_report.downloaded'];
  assert.deepEqual(
    (await auditActions({ subject: ids.wmo! })).filter((a) => mine.includes(a)),
    mine,
  );
  const received = await t.database.db
    .selectFrom('audit_entries')
    .select(['actor_kind', 'actor_token_id', 'details', 'organisation_id'])
    .where('action', '=', 'delivery.received')
    .where((eb) => eb(eb.val(ids.wmo!), '=', eb.fn.any('subject_ids')))
    .executeTakeFirstOrThrow();
  assert.equal(received.actor_kind, 'api_token');
  assert.equal(received.organisation_id, ids.amsterdam);
  const sha = await t.database.db
    .selectFrom('delivery_files')
    .select('sha256')
    .where('delivery_id', '=', ids.wmo!)
    .executeTakeFirstOrThrow();
  assert.deepEqual((received.details as { sha256: string[] }).sha256, [sha.sha256]);
  // No personal data in the trail: no BSN of the delivered file appears in any entry.
  const plaintext = await readFile(path.join(FIXTURES, 'valid-wmo/WMO_0363_2017H2.csv'), 'utf8');
  const bsn = /;(\d{9});/.exec(plaintext)![1]!;
  const all = JSON.stringify(await t.database.db.selectFrom('audit_entries').selectAll().execute());
  assert.equal(all.includes(bsn), false);
});

test('outside the withdrawal window the intrekker is refused in Dutch and nothing changes', async () => {
  now = new Date('2018-03-10T10:00:00Z');
  const daan = await login(DEMO.daan);
  const page = await (await daan.get('/intrekken')).text();
  assert.match(page, /Intrekken kan alleen in de intrekkingsperiode/);
  assert.match(page, /12 maart 2018 tot en met 23 maart 2018/);
  const before = await snapshot(ids.amsterdam!);
  const res = await daan.post('/intrekken', { bevestiging: 'Amsterdam' }, '/intrekken');
  assert.equal(res.status, 400);
  assert.match(await res.text(), /Intrekken kan alleen in de intrekkingsperiode/);
  // In English: the same refusal with the window in English dates, on the page and after posting.
  daan.cookies.set('ggk_taal', 'en');
  const english = await (await daan.get('/intrekken')).text();
  assert.match(
    english,
    /Withdrawing is only possible in the withdrawal window of .*: 12 March 2018 up to and including 23 March 2018\./,
  );
  const refused = await daan.post('/intrekken', { bevestiging: 'Amsterdam' }, '/intrekken');
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /Withdrawing is only possible in the withdrawal window/);
  assert.deepEqual(await snapshot(ids.amsterdam!), before);
});

test('a delegerende gemeente is sent to the CBS form and nothing changes', async () => {
  now = new Date('2018-03-15T10:00:00Z');
  const gijs = await login(DEMO.gijs);
  const page = await (await gijs.get('/intrekken')).text();
  assert.match(page, /delegerende gemeente kan niet in het portaal intrekken/);
  assert.match(page, /intrekkingsformulier van CBS/);
  assert.match(page, /Jeugdhulp Regio Zuid-Limburg/);
  const before = await snapshot(ids.heerlen!);
  const res = await gijs.post('/intrekken', { bevestiging: 'Heerlen' }, '/intrekken');
  assert.equal(res.status, 400);
  gijs.cookies.set('ggk_taal', 'en');
  const english = await (await gijs.get('/intrekken')).text();
  assert.match(
    english,
    /Heerlen delivers \(partly\) through Jeugdhulp Regio Zuid-Limburg\. A delegating municipality/,
  );
  assert.doesNotMatch(english, /delegerende gemeente kan niet/);
  assert.deepEqual(await snapshot(ids.heerlen!), before);
});

test('inside the window: the confirmation names what goes, a wrong name changes nothing, a double click withdraws once', async () => {
  now = new Date('2018-03-15T11:00:00Z');
  const store = await openDeliveryStore(t.config, createLogger({ level: 'silent' }));
  const files = await t.database.db
    .selectFrom('delivery_files')
    .select(['stored_file_id', 'wrapped_key', 'bytes', 'sha256', 'name'])
    .where('delivery_id', 'in', [ids.wmo!, ids.sbw!])
    .execute();
  assert.equal(files.length, 2);
  // Readable before.
  const readable = await store.verify({
    fileId: files[0]!.stored_file_id,
    wrappedKey: files[0]!.wrapped_key!,
  });
  assert.equal(readable.sha256, files[0]!.sha256);

  // The op-orde report of the approved delivery (the content-report job) exists before.
  const contentReports = () =>
    t.database.db
      .selectFrom('content_reports')
      .select('delivery_id')
      .where('delivery_id', 'in', [ids.wmo!, ids.sbw!])
      .execute();
  for (let i = 0; i < 100 && (await contentReports()).length === 0; i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.ok((await contentReports()).length > 0, 'an op-orde report to delete');

  const daan = await login(DEMO.daan);
  const page = await (await daan.get('/intrekken')).text();
  for (const f of files) {
    assert.ok(page.includes(f.sha256), 'the page names every file by its checksum');
    assert.ok(page.includes(f.name));
  }
  assert.match(page, /Typ ter bevestiging de naam van uw gemeente: Amsterdam/);

  const before = await snapshot(ids.amsterdam!);
  const wrong = await daan.post('/intrekken', { bevestiging: 'Amstelveen' }, '/intrekken');
  assert.equal(wrong.status, 400);
  assert.match(await wrong.text(), /Typ ter bevestiging de naam van uw gemeente precies/);
  assert.deepEqual(await snapshot(ids.amsterdam!), before);

  const csrf = await daan.csrf('/intrekken');
  const post = () =>
    daan.request('POST', '/intrekken', {
      form: { _csrf: csrf, bevestiging: ' amsterdam ', reden: 'Geen toestemming van het college' },
    });
  const [first, second] = await Promise.all([post(), post()]);
  assert.equal(first.status, 303);
  assert.equal(second.status, 303);
  const result = await (await daan.get('/intrekken?melding=ingetrokken')).text();
  assert.match(result, /Deze aanlevering is ingetrokken/);
  assert.match(result, /Geen toestemming van het college/);
  assert.ok(result.includes(files[0]!.sha256), 'what remains: the checksums');

  const withdrawals = await t.database.db.selectFrom('withdrawals').selectAll().execute();
  assert.equal(withdrawals.length, 1);
  assert.equal(withdrawals[0]!.channel, 'portal');
  const rows = await t.database.db
    .selectFrom('deliveries')
    .select(['state', 'report', 'withdrawal_id'])
    .where('gemeente_id', '=', ids.amsterdam!)
    .execute();
  assert.ok(
    rows.every((r) => r.state === 'withdrawn' && r.report === null && r.withdrawal_id === withdrawals[0]!.id),
  );
  assert.deepEqual(await contentReports(), [], 'op-orde report contents deleted');
  assert.equal(
    (
      await t.database.db
        .selectFrom('delivery_report_files')
        .select('name')
        .where('delivery_id', 'in', [ids.wmo!, ids.sbw!])
        .execute()
    ).length,
    0,
  );

  // The bytes: no key in the database, no file on disk, and the old key (as a backup would hold it)
  // finds nothing to decrypt.
  const after = await t.database.db
    .selectFrom('delivery_files')
    .select(['wrapped_key', 'destroyed_at', 'sha256'])
    .where('delivery_id', 'in', [ids.wmo!, ids.sbw!])
    .execute();
  assert.ok(
    after.every((f) => f.wrapped_key === null && f.destroyed_at !== null && /^[0-9a-f]{64}$/.test(f.sha256)),
  );
  const onDisk = await store.listStoredFileIds();
  for (const f of files) {
    assert.equal(onDisk.includes(f.stored_file_id), false);
    await assert.rejects(
      store.verify({ fileId: f.stored_file_id, wrappedKey: f.wrapped_key! }),
      StoredFileNotFoundError,
    );
  }
  const plaintext = await readFile(path.join(FIXTURES, 'valid-wmo/WMO_0363_2017H2.csv'));
  const line = plaintext.subarray(0, 40);
  const root = path.join(t.config.dataDir, 'files');
  for (const dir of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (dir.isFile())
      assert.equal((await readFile(path.join(dir.parentPath, dir.name))).includes(line), false);
  }

  // The API and the report routes say withdrawn.
  const api = (await (
    await fetch(`${t.url}/api/v1/deliveries/${ids.wmo}`, {
      headers: { authorization: `Bearer ${tokens.amsterdam}` },
    })
  ).json()) as { state: string };
  assert.equal(api.state, 'withdrawn');
  const gone = await fetch(`${t.url}/api/v1/deliveries/${ids.wmo}/report`, {
    headers: { authorization: `Bearer ${tokens.amsterdam}` },
  });
  assert.equal(gone.status, 410);
  assert.match(((await gone.json()) as { title: string }).title, /ingetrokken/);
  // The pages say one thing: withdrawn, when, by whom, erased; no check "running", no report "following".
  const bram = await login('bram.jansen@amsterdam.example');
  const detail = await (await bram.get(`/aanleveringen/${ids.wmo}`)).text();
  assert.match(detail, /data-testid="erased"[\s\S]*Ingetrokken op [^,]+, in het portaal door Daan Visser\./);
  assert.doesNotMatch(detail, /controle loopt|Pagina vernieuwen|\(ingetrokken\)/);
  const contentPage = await (await bram.get(`/aanleveringen/${ids.wmo}/op-orde`)).text();
  assert.match(contentPage, /Ingetrokken op/);
  assert.doesNotMatch(contentPage, /enkele seconden/);
  const pdf = await bram.get(`/aanleveringen/${ids.wmo}/op-orde.pdf`);
  assert.equal(pdf.status, 410);
  const refused = await t.database.db
    .selectFrom('downloads')
    .select(['kind', 'error'])
    .where('delivery_id', '=', ids.wmo!)
    .where('outcome', '=', 'error')
    .execute();
  assert.ok(refused.some((r) => r.kind === 'content_report_pdf' && r.error === 'rapport verwijderd'));

  // A confirmation by mail, with a link and nothing else.
  const mail = await t.mail.waitFor(
    (m) => m.to.includes(DEMO.daan) && m.subject.startsWith('Intrekking verwerkt'),
    10_000,
  );
  assert.match(mail.text, /\/intrekken/);
  assert.match(
    mail.text,
    /^Beste .*,\n\nDe aanlevering van Amsterdam voor .* is ingetrokken in het portaal, op /,
  );
  assert.match(mail.text, /definitief verwijderd \(\d+ aanlevering(en)?\)/);
  // The same in English below the Dutch, in one message.
  const english = mail.text.split('---------- English ----------')[1] ?? '';
  assert.match(
    english,
    /Dear .*,\n\nThe delivery of Amsterdam for .* has been withdrawn in the portal, on \d+ \w+ \d{4}/,
  );
  assert.match(english, /deleted for good \(\d+ deliver(y|ies)\)/);
  assert.match(english, /\/intrekken\n\nThis e-mail deliberately contains no data from the files\./);
  assert.doesNotMatch(mail.text, /\b\d{9}\b/);
  assert.ok(!mail.text.includes(files[0]!.sha256));

  // Recorded once: the withdrawal and each delivery, by Daan.
  const entries = await t.database.db
    .selectFrom('audit_entries')
    .select(['action', 'actor_user_id', 'subject_ids'])
    .where('action', 'in', ['withdrawal.registered', 'delivery.withdrawn'])
    .execute();
  assert.equal(entries.filter((e) => e.action === 'withdrawal.registered').length, 1);
  assert.deepEqual(
    entries
      .filter((e) => e.action === 'delivery.withdrawn')
      .map((e) => e.subject_ids[0])
      .sort(),
    [ids.wmo!, ids.sbw!].sort(),
  );
});

test('CBS registers a form withdrawal for the delegerende gemeente: refused outside the window, done inside it', async () => {
  now = new Date('2018-03-26T10:00:00Z');
  const julia = await login(DEMO.julia);
  const before = await snapshot(ids.heerlen!);
  const late = await julia.post(
    '/intrekkingen/formulier',
    { gemeentecode: '0917', ronde: ids.round!, ontvangen: '2018-03-26', kenmerk: 'CBS-INT-2018-017' },
    '/intrekkingen',
  );
  assert.equal(late.status, 400);
  assert.match(
    await late.text(),
    /buiten de dagen waarop CBS het intrekkingsformulier voor .* aanneemt: 1 maart 2018 tot en met 23 maart 2018/,
  );
  assert.deepEqual(await snapshot(ids.heerlen!), before);

  const done = await julia.post(
    '/intrekkingen/formulier',
    { gemeentecode: '0917', ronde: ids.round!, ontvangen: '2018-03-22', kenmerk: 'CBS-INT-2018-017' },
    '/intrekkingen',
  );
  assert.equal(done.status, 200);
  const html = await done.text();
  assert.match(html, /De intrekking van Heerlen is geregistreerd; 1 aanlevering is definitief verwijderd/);
  assert.match(html, /CBS-formulier/);
  const row = await t.database.db
    .selectFrom('deliveries')
    .select(['state'])
    .where('id', '=', ids.heerlenJeugd!)
    .executeTakeFirstOrThrow();
  assert.equal(row.state, 'withdrawn');
  // CBS's own confirmation links to a page CBS may open (the overview), not the intrekker's page.
  const cbsMail = await t.mail.waitFor(
    (m) => m.to.includes(DEMO.julia) && m.subject.startsWith('Intrekking verwerkt'),
    10_000,
  );
  const cbsLink = /https?:\/\/[^\s]+\/intrekking[a-z]*/.exec(cbsMail.text)?.[0] ?? '';
  assert.match(cbsLink, /\/intrekkingen$/);
  assert.equal((await julia.get(new URL(cbsLink).pathname)).status, 200);
  const again = await julia.post(
    '/intrekkingen/formulier',
    { gemeentecode: '0917', ronde: ids.round!, ontvangen: '2018-03-22', kenmerk: 'CBS-INT-2018-017' },
    '/intrekkingen',
  );
  assert.match(await again.text(), /was al ingetrokken; er is niets gewijzigd/);

  // The operator sees both withdrawals, and the trail of them.
  const ivo = await login(DEMO.ivo);
  const overview = await (await ivo.get('/intrekkingen')).text();
  assert.match(overview, /Amsterdam \(0363\)/);
  assert.match(overview, /Heerlen \(0917\)/);
  const trail = await (await ivo.get('/beheer/audit?actie=withdrawal.registered')).text();
  assert.equal(
    (trail.match(/<code class="utrecht-code ggk-code-secondary">withdrawal\.registered<\/code>/g) ?? [])
      .length,
    2,
  );
  const csv = await ivo.get('/beheer/audit.csv?actie=withdrawal.registered');
  assert.equal(csv.status, 200);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM for Excel');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith('volgnummer;tijdstip;handeling'));
  assert.equal(text.trim().split('\r\n').length, 3);
  assert.match(text, /cbs_form/);
});

test('user administration, tokens and logout are recorded; a gebruikersbeheerder sees only their own organisation', async () => {
  now = new Date('2018-03-26T11:00:00Z');
  const anne = await login(DEMO.anne);
  const daanId = (await userByEmail(t.database.db, DEMO.daan)).id;
  const from = '/organisatie/gebruikers';
  assert.equal(
    (
      await anne.post(
        '/organisatie/gebruikers/uitnodigen',
        {
          naam: 'Kees Brouwer',
          email: 'kees.brouwer@amsterdam.example',
          rollen: 'aanleveraar',
          persoonlijk: 'ja',
        },
        from,
      )
    ).status,
    303,
  );
  assert.equal(
    (
      await anne.post(
        '/organisatie/gebruikers/rol-toekennen',
        { gebruiker: daanId, rol: 'rapportontvanger' },
        from,
      )
    ).status,
    303,
  );
  assert.equal(
    (
      await anne.post(
        '/organisatie/gebruikers/rol-intrekken',
        { gebruiker: daanId, rol: 'rapportontvanger' },
        from,
      )
    ).status,
    303,
  );
  assert.equal(
    (await anne.post('/organisatie/gebruikers/uitschakelen', { gebruiker: daanId }, from)).status,
    303,
  );
  const created = await anne.post(
    '/organisatie/api-tokens',
    { naam: 'Pakket', rollen: 'aanleveraar', dagen: '30' },
    '/organisatie/api-tokens',
  );
  assert.equal(created.status, 201);
  const tokenId = (
    await t.database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('name', '=', 'Pakket')
      .executeTakeFirstOrThrow()
  ).id;
  assert.equal(
    (await anne.post('/organisatie/api-tokens/intrekken', { token: tokenId }, '/organisatie/api-tokens'))
      .status,
    303,
  );

  const own = await (await anne.get('/organisatie/audit')).text();
  for (const action of [
    'user.invited',
    'user.role_granted',
    'user.role_revoked',
    'user.disabled',
    'token.created',
    'token.revoked',
    'withdrawal.registered',
    'auth.login',
  ])
    assert.ok(own.includes(`>${action}</code>`), `${action} on the gebruikersbeheerder's page`);
  assert.ok(!own.includes('Heerlen'), "not another organisation's entries");
  assert.equal((await anne.post('/uitloggen', {}, '/account')).status, 303);

  const annes = await t.database.db
    .selectFrom('audit_entries as a')
    .innerJoin('users as u', 'u.id', 'a.actor_user_id')
    .select('a.action')
    .where('u.email', '=', DEMO.anne)
    .orderBy('a.seq')
    .execute();
  assert.deepEqual(
    annes.map((a) => a.action),
    [
      'auth.login',
      'user.invited',
      'user.role_granted',
      'user.role_revoked',
      'user.disabled',
      'token.created',
      'token.revoked',
      'auth.logout',
    ],
  );
});

test('retention: `ggk purge` deletes the files of a round closed longer ago, with an audit entry; the trail stays whole', async () => {
  const file = await t.database.db
    .selectFrom('delivery_files')
    .select(['stored_file_id'])
    .where('delivery_id', '=', ids.sittardWmo!)
    .executeTakeFirstOrThrow();
  const run = () =>
    spawnSync(process.execPath, [GGK_BIN, 'purge'], {
      env: cleanEnv({
        DATABASE_URL: t.database.url,
        GGK_DATA_DIR: t.config.dataDir,
        GGK_FAKE_NOW: '2018-05-01T00:00:00Z',
        GGK_RETENTION_DAYS: '30',
        GGK_LOG_LEVEL: 'silent',
      }),
      encoding: 'utf8',
    });
  const first = run();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /Bewaartermijn: 30 dagen/);
  assert.match(first.stdout, /1 aanlevering verwijderd, 1 bestand vernietigd/);
  const row = await t.database.db
    .selectFrom('deliveries')
    .select(['state', 'report', 'purged_at'])
    .where('id', '=', ids.sittardWmo!)
    .executeTakeFirstOrThrow();
  assert.ok(row.purged_at !== null && row.report === null);
  const store = await openDeliveryStore(t.config, createLogger({ level: 'silent' }));
  assert.equal((await store.listStoredFileIds()).includes(file.stored_file_id), false);
  const purgedTrail = await auditActions({ subject: ids.sittardWmo! });
  assert.equal(purgedTrail.at(-1), 'delivery.purged');
  assert.ok(purgedTrail.includes('delivery.received'));

  const verification = await verifyAuditChain(t.database.db);
  assert.equal(verification.ok, true);
});
