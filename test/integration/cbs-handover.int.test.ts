// The hand-over to CBS, rule by rule of the contract (cbs-handover.md), on the real parts: uploads
// through the API, the check job, the encrypted store, PostgreSQL with the feed trigger.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { createApiToken, createCbsToken, revokeCbsToken } from '../../src/modules/auth/index.ts';
import { withdrawInPortal } from '../../src/modules/withdrawals/index.ts';
import { openFileForCbs, readOfferedFile } from '../../src/modules/handover/index.ts';
import { unfinishedUploadsOf } from '../../src/http/deliveries/resumable-upload.ts';
import { listFilesInForce } from '../../src/modules/deliveries/index.ts';
import { openDeliveryStore } from '../../src/main/deliveries.ts';
import { testLogger } from '../support/log-sink.ts';
import { WebClient } from '../support/web-client.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { generatedFile, getFeed, uploadFiles, waitUntilChecked } from '../support/handover.ts';
import { zipDeliveryChunks } from '../../src/modules/validation/generate/index.ts';
import { DEMO, organisationByCode, userByEmail } from '../support/factories.ts';

let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let cbs: string;
let cbsTokenId: string;
let amsterdamToken: string;
let amsterdamId: string;
const files = new Map<string, Uint8Array>();

function sha(bytes: Uint8Array) {
  return createHash('sha256').update(bytes).digest('hex');
}

async function deliver(gemeenteFiles: Array<{ name: string; bytes: Uint8Array<ArrayBuffer> }>) {
  const id = await uploadFiles(t.url, amsterdamToken, gemeenteFiles);
  for (const f of gemeenteFiles) files.set(sha(f.bytes), f.bytes);
  return id;
}

function asZipInput(file: { name: string; bytes: Uint8Array }) {
  return { name: file.name, chunks: () => [file.bytes] };
}

function cbsFetch(path: string, init: RequestInit = {}) {
  return fetch(`${t.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${cbs}`, ...(init.headers as Record<string, string>) },
  });
}

async function readAll(after?: string, limit = 2) {
  const items: Array<Record<string, unknown> & { cursor: string; kind: string; deliveryId: string }> = [];
  let cursor = after;
  for (;;) {
    const page = await getFeed(t.url, cbs, cursor, limit);
    items.push(...page.items);
    if (page.items.length === 0) return { items, next: page.next };
    cursor = page.next;
  }
}

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  amsterdamId = (await organisationByCode(t.database.db, '0363')).id;
  amsterdamToken = (
    await createApiToken(t.database.db, {
      organisationId: amsterdamId,
      name: 'pakket',
      roles: ['aanleveraar', 'rapportontvanger'],
      days: 60,
      createdBy: null,
      now,
    })
  ).token;
  const made = await createCbsToken(t.database.db, { name: 'cbs', days: 30, createdBy: null, now });
  cbs = made.token;
  cbsTokenId = made.row.id;
});
after(async () => {
  await t.close();
});

test('only the CBS channel: no token 401, an organisation token 403, a revoked CBS token 401', async () => {
  const anonymous = await fetch(`${t.url}/api/v1/cbs/handovers`);
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  const problem = (await anonymous.json()) as Record<string, unknown>;
  assert.equal(problem.type, 'urn:ggk:error:auth.unauthenticated');
  assert.equal(typeof problem.detail, 'string');
  assert.equal(anonymous.headers.get('api-version'), '1.0.0');
  const organisation = await fetch(`${t.url}/api/v1/cbs/handovers`, {
    headers: { authorization: `Bearer ${amsterdamToken}` },
  });
  assert.equal(organisation.status, 403);
  // And the CBS token opens nothing else.
  const other = await cbsFetch('/api/v1/organisatie');
  assert.equal(other.status, 403);
  const revoked = await createCbsToken(t.database.db, { name: 'oud', days: 30, createdBy: null, now });
  await revokeCbsToken(t.database.db, { tokenId: revoked.row.id, now, revokedBy: null });
  const res = await fetch(`${t.url}/api/v1/cbs/handovers`, {
    headers: { authorization: `Bearer ${revoked.token}` },
  });
  assert.equal(res.status, 401);
});

test('the feed pages without skips or repeats while new deliveries arrive between pages', async () => {
  const first = [
    await deliver([generatedFile('wmo', '0363', 1)]),
    await deliver([generatedFile('sbw', '0363', 2)]),
    await deliver([generatedFile('jeugd', '0363', 3), generatedFile('wmo-kosten', '0363', 4)]),
  ];
  await waitUntilChecked(t.database.db, first);
  const page1 = await getFeed(t.url, cbs, undefined, 2);
  assert.equal(page1.items.length, 2);
  // A new delivery arrives while CBS is between pages.
  const late = await deliver([generatedFile('wmo', '0363', 5)]);
  await waitUntilChecked(t.database.db, [late]);
  const rest = await readAll(page1.next, 2);
  const seen = [...page1.items, ...rest.items].map((i) => i.deliveryId);
  // The feed is in the order deliveries were checked, and the checks of the first three run side by
  // side: any order among them, but each once, and the late one after them all.
  assert.deepEqual([...seen.slice(0, 3)].sort(), [...first].sort());
  assert.equal(seen[3], late);
  assert.equal(seen.length, 4);
  assert.equal(new Set(seen).size, seen.length);
  // An empty page answers the cursor passed.
  assert.equal(rest.next, rest.items.at(-1)!.cursor);
  const empty = await getFeed(t.url, cbs, rest.next);
  assert.deepEqual(empty, { items: [], next: rest.next });
  // The third delivery lists both files with their types and checksums.
  const third = [...page1.items, ...rest.items].find((i) => i.deliveryId === first[2]);
  assert.ok(third);
  assert.deepEqual(
    (third.files as Array<{ type: string }>).map((f) => f.type),
    ['JEUGD', 'WMOKOSTEN'],
  );
  assert.match(String(page1.items[0]!.receivedAt), /^2018-02-20T10:00:00\+01:00$/);
  assert.deepEqual(page1.items[0]!.deliveredBy, { kind: 'gemeente', name: 'Amsterdam' });
});

test('a delivery that commits late never lands behind a cursor already handed out', async () => {
  const id = await deliver([generatedFile('wmo', '0363', 6)]);
  const other = await deliver([generatedFile('sbw', '0363', 7)]);
  await waitUntilChecked(t.database.db, [id, other]);
  // Make both re-enter as if just checked: the feed item of `id` is made in a transaction that stays
  // open while `other` commits first and CBS reads past it.
  await sql`delete from cbs_handover_feed where delivery_id in (${id}::uuid, ${other}::uuid)`.execute(
    t.database.db,
  );
  const before = await readAll();
  const slow = await t.database.pool.connect();
  try {
    await slow.query('begin');
    await slow.query("update deliveries set checked_at = checked_at + interval '1 second' where id = $1", [
      id,
    ]);
    await sql`update deliveries set checked_at = checked_at + interval '1 second' where id = ${other}::uuid`.execute(
      t.database.db,
    );
    const mid = await readAll(before.next);
    assert.deepEqual(
      mid.items.map((i) => i.deliveryId),
      [other],
    );
    await slow.query('commit');
    const late = await readAll(mid.next);
    assert.deepEqual(
      late.items.map((i) => i.deliveryId),
      [id],
    );
  } finally {
    slow.release();
  }
});

test('a malformed or unknown cursor is a 400 problem', async () => {
  for (const after of ['nonsense!', Buffer.from('ggk1:999999').toString('base64url'), 'Z2drMTowMQ']) {
    const res = await cbsFetch(`/api/v1/cbs/handovers?after=${encodeURIComponent(after)}`);
    assert.equal(res.status, 400, after);
    const body = (await res.json()) as { type: string; status: number };
    assert.match(body.type, /^urn:ggk:error:/);
    assert.equal(body.status, 400);
  }
  assert.equal((await cbsFetch('/api/v1/cbs/handovers?limit=501')).status, 400);
  assert.equal((await cbsFetch('/api/v1/cbs/handovers?limit=0')).status, 400);
});

test('files stream decrypted with Repr-Digest and Content-Length; a range is 206; unknown is 404', async () => {
  const { items } = await readAll();
  const file = (
    items.find((i) => i.kind === 'delivery')!.files as Array<{
      fileId: string;
      sha256: string;
      bytes: number;
    }>
  )[0]!;
  const res = await cbsFetch(`/api/v1/cbs/files/${file.fileId}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/csv');
  const body = new Uint8Array(await res.arrayBuffer());
  assert.equal(sha(body), file.sha256);
  assert.equal(Number(res.headers.get('content-length')), file.bytes);
  assert.equal(
    res.headers.get('repr-digest'),
    `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
  );
  const part = await cbsFetch(`/api/v1/cbs/files/${file.fileId}`, { headers: { range: 'bytes=10-99' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 10-99/${file.bytes}`);
  assert.deepEqual(new Uint8Array(await part.arrayBuffer()), body.subarray(10, 100));
  const tail = await cbsFetch(`/api/v1/cbs/files/${file.fileId}`, { headers: { range: 'bytes=100-' } });
  assert.equal(tail.status, 206);
  assert.deepEqual(new Uint8Array(await tail.arrayBuffer()), body.subarray(100));
  const outside = await cbsFetch(`/api/v1/cbs/files/${file.fileId}`, {
    headers: { range: `bytes=${file.bytes + 5}-` },
  });
  assert.equal(outside.status, 416);
  await outside.body?.cancel();
  assert.equal((await cbsFetch('/api/v1/cbs/files/00000000-0000-4000-8000-000000000000')).status, 404);
  assert.equal((await cbsFetch('/api/v1/cbs/files/not-a-uuid')).status, 404);
  const fetches = await sql<{ n: number }>`select count(*)::int as n from cbs_file_fetches`.execute(
    t.database.db,
  );
  assert.ok(fetches.rows[0]!.n >= 3);
  const audited = await t.database.db
    .selectFrom('audit_entries')
    .select('action')
    .where('action', '=', 'cbs.file_fetched')
    .execute();
  assert.equal(audited.length, fetches.rows[0]!.n);
});

test('acknowledgement: a wrong checksum records nothing, the right one records once, a repeat answers the same', async () => {
  const { items } = await readAll();
  const item = items.find((i) => i.kind === 'delivery')!;
  const listed = item.files as Array<{ fileId: string; sha256: string }>;
  const path = `/api/v1/cbs/handovers/${item.deliveryId}/receipt`;
  const post = (body: unknown) =>
    cbsFetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const wrong = await post({ files: listed.map((f) => ({ fileId: f.fileId, sha256: '0'.repeat(64) })) });
  assert.equal(wrong.status, 409);
  assert.equal(((await wrong.json()) as { type: string }).type, 'urn:ggk:error:cbs.checksum_mismatch');
  assert.equal((await post({ files: [] })).status, 409);
  const none = await sql`select 1 from cbs_receipts where delivery_id = ${item.deliveryId}::uuid`.execute(
    t.database.db,
  );
  assert.equal(none.rows.length, 0);
  const right = { files: listed.map((f) => ({ fileId: f.fileId, sha256: f.sha256 })) };
  const first = await post(right);
  assert.equal(first.status, 200);
  const answer = (await first.json()) as { deliveryId: string; receivedAt: string };
  assert.equal(answer.deliveryId, item.deliveryId);
  assert.match(answer.receivedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  now = new Date(now.getTime() + 60_000);
  const again = await post(right);
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), answer);
  const entries = await t.database.db
    .selectFrom('audit_entries')
    .select('action')
    .where('action', '=', 'cbs.receipt_recorded')
    .execute();
  assert.equal(entries.length, 1);
  assert.equal((await post({ files: 'x' })).status, 400);
  // The gemeente sees it on the delivery's timeline.
  const carla = new WebClient(t.url);
  assert.equal((await carla.loginAs(demoSubjectOf('carla.bakker@amsterdam.example'))).status, 303);
  const page = await (await carla.get(`/aanleveringen/${item.deliveryId}`)).text();
  assert.match(page, /data-testid="received-by-cbs">Ontvangen door CBS op /);
  assert.equal(
    (
      await cbsFetch('/api/v1/cbs/handovers/00000000-0000-4000-8000-000000000000/receipt', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(right),
      })
    ).status,
    404,
  );
});

test("CBS's verdict overrides ggk's: a rejected file stops being in force and its recipients get a link", async () => {
  const { items } = await readAll();
  const item = items.find((i) => i.kind === 'delivery' && (i.files as unknown[]).length === 2)!;
  const [jeugd, kosten] = item.files as Array<{ fileId: string; type: string }>;
  const round = await t.database.db
    .selectFrom('rounds')
    .select('id')
    .where('half_year', '=', '2017H2')
    .executeTakeFirstOrThrow();
  const inForce = async () =>
    (await listFilesInForce(t.database.db, [amsterdamId], round.id))
      .filter((f) => f.delivery_id === item.deliveryId)
      .map((f) => f.file_type)
      .sort();
  assert.deepEqual(await inForce(), ['jeugd', 'wmo-kosten']);
  const mailsBefore = await t.database.db
    .selectFrom('outbox')
    .select('id')
    .where('kind', '=', 'cbs_rejected')
    .execute();
  const verdict = (body: unknown) =>
    cbsFetch(`/api/v1/cbs/deliveries/${item.deliveryId}/verdict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const res = await verdict({
    files: [
      { fileId: jeugd!.fileId, verdict: 'approved' },
      {
        fileId: kosten!.fileId,
        verdict: 'rejected',
        findings: [{ code: 'CBS-17', message: 'Totaal wijkt af', line: 12 }],
      },
    ],
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.deepEqual(await inForce(), ['jeugd']);
  const mails = await t.database.db
    .selectFrom('outbox')
    .select(['recipient', 'body_text as text'])
    .where('kind', '=', 'cbs_rejected')
    .execute();
  assert.ok(mails.length > mailsBefore.length);
  for (const m of mails) {
    assert.match(m.text, new RegExp(`/aanleveringen/${item.deliveryId}`));
    assert.doesNotMatch(m.text, /Totaal wijkt af/);
  }
  // An unknown file, or a file of another delivery: refused, nothing changes.
  assert.equal(
    (await verdict({ files: [{ fileId: '00000000-0000-4000-8000-000000000000', verdict: 'rejected' }] }))
      .status,
    400,
  );
  assert.equal((await verdict({ files: [{ fileId: jeugd!.fileId, verdict: 'maybe' }] })).status, 400);
  assert.deepEqual(await inForce(), ['jeugd']);
  const carla = new WebClient(t.url);
  assert.equal((await carla.loginAs(demoSubjectOf('carla.bakker@amsterdam.example'))).status, 303);
  const page = await (await carla.get(`/aanleveringen/${item.deliveryId}`)).text();
  assert.match(page, /Oordeel van CBS/);
  // Both files in the hand-over's order, the rejected one with CBS's finding, its line and code.
  assert.match(
    /data-testid="cbs-verdicts">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '',
    /goedgekeurd door CBS[\s\S]*afgekeurd door CBS[\s\S]*Totaal wijkt af \(regel 12\)[\s\S]*CBS-17/,
  );
  const audited = await t.database.db
    .selectFrom('audit_entries')
    .select('action')
    .where('action', '=', 'cbs.verdict_recorded')
    .execute();
  assert.equal(audited.length, 1);
});

test("CBS's own op-orde rapport: a PDF is stored and placed (201), anything else is 415", async () => {
  const { items } = await readAll();
  const item = items.find((i) => i.kind === 'delivery')!;
  const put = (type: string, body: Uint8Array<ArrayBuffer>) =>
    cbsFetch(`/api/v1/cbs/deliveries/${item.deliveryId}/content-report`, {
      method: 'PUT',
      headers: { 'content-type': type },
      body,
    });
  const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'));
  const res = await put('application/pdf', pdf);
  assert.equal(res.status, 201, await res.clone().text());
  const body = (await res.json()) as { sha256: string; state: string };
  assert.equal(body.sha256, sha(pdf));
  assert.equal(body.state, 'placed');
  assert.equal((await put('text/plain', pdf)).status, 415);
  assert.equal((await put('application/pdf', new Uint8Array(Buffer.from('not a pdf at all')))).status, 415);
  const stored = await sql<{
    sha256: string;
  }>`select sha256 from cbs_content_reports where delivery_id = ${item.deliveryId}::uuid`.execute(
    t.database.db,
  );
  assert.deepEqual(stored.rows, [{ sha256: sha(pdf) }]);
  const mails = await t.database.db
    .selectFrom('outbox')
    .select('body_text')
    .where('kind', '=', 'cbs_content_report')
    .execute();
  assert.ok(mails.length > 0);
  assert.equal((await put('application/pdf', pdf)).status, 201);
});

test('a ZIP delivery is handed over per approved entry, each served unpacked with its own SHA-256', async () => {
  const wmo = generatedFile('wmo', '0363', 30);
  const sbw = generatedFile('sbw', '0363', 31);
  const zip = new Uint8Array(Buffer.concat([...zipDeliveryChunks([wmo, sbw].map(asZipInput))]));
  const id = await deliver([{ name: 'MSD.zip', bytes: zip }]);
  await waitUntilChecked(t.database.db, [id]);
  const item = (await readAll()).items.find((i) => i.deliveryId === id);
  assert.ok(item, 'the ZIP delivery is in the feed');
  const listed = item.files as Array<{
    fileId: string;
    name: string;
    type: string;
    bytes: number;
    sha256: string;
  }>;
  assert.deepEqual(
    listed.map((f) => [f.name, f.type, f.bytes, f.sha256]).sort(),
    [
      [sbw.name, 'SBW', sbw.bytes.length, sha(sbw.bytes)],
      [wmo.name, 'WMO', wmo.bytes.length, sha(wmo.bytes)],
    ].sort(),
  );
  for (const f of listed) {
    const res = await cbsFetch(`/api/v1/cbs/files/${f.fileId}`);
    assert.equal(res.status, 200);
    assert.equal(Number(res.headers.get('content-length')), f.bytes);
    assert.equal(
      res.headers.get('repr-digest'),
      `sha-256=:${Buffer.from(f.sha256, 'hex').toString('base64')}:`,
    );
    const body = new Uint8Array(await res.arrayBuffer());
    assert.equal(sha(body), f.sha256);
    const part = await cbsFetch(`/api/v1/cbs/files/${f.fileId}`, { headers: { range: 'bytes=7-' } });
    assert.equal(part.status, 206);
    assert.deepEqual(new Uint8Array(await part.arrayBuffer()), body.subarray(7));
  }
  const receipt = await cbsFetch(`/api/v1/cbs/handovers/${id}/receipt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files: listed.map((f) => ({ fileId: f.fileId, sha256: f.sha256 })) }),
  });
  assert.equal(receipt.status, 200, await receipt.clone().text());
  // CBS rejects one entry: it stops counting, the other stays in force.
  const rejected = listed.find((f) => f.type === 'SBW')!;
  const verdict = await cbsFetch(`/api/v1/cbs/deliveries/${id}/verdict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files: [{ fileId: rejected.fileId, verdict: 'rejected' }] }),
  });
  assert.equal(verdict.status, 200, await verdict.clone().text());
  const statuses = await sql<{ name: string; status: string }>`
    select name, status from delivery_report_files where delivery_id = ${id}::uuid order by name`.execute(
    t.database.db,
  );
  assert.deepEqual(statuses.rows, [
    { name: `MSD.zip/${sbw.name}`, status: 'rejected' },
    { name: `MSD.zip/${wmo.name}`, status: 'approved' },
  ]);
});

test('a withdrawal after hand-over appears in the feed and its files are gone (410)', async () => {
  const { next, items } = await readAll();
  const delivered = items.filter((i) => i.kind === 'delivery');
  now = new Date('2018-03-13T09:00:00Z');
  const store = await openDeliveryStore(t.config, testLogger('withdraw'));
  // CBS asks for a file just before the withdrawal and reads it just after (the race CI found): the
  // fetch was allowed, the bytes are gone, and the answer is the erased file's 410, not a 500.
  const racing = (delivered[0]!.files as Array<{ fileId: string }>)[0]!.fileId;
  const opened = await openFileForCbs(t.database.db, {
    fileId: racing,
    tokenId: cbsTokenId,
    now,
    rangeOf: () => null,
  });
  const intrekker = await userByEmail(t.database.db, DEMO.daan);
  await withdrawInPortal(t.database.db, store, {
    userId: intrekker.id,
    organisationId: amsterdamId,
    confirmName: 'Amsterdam',
    now,
    baseUrl: t.url,
    unfinishedUploads: unfinishedUploadsOf(t.config.dataDir, store),
  });
  await assert.rejects(readOfferedFile(t.database.db, store, opened), (error: unknown) => {
    assert.equal((error as { code?: string }).code, 'cbs.file_gone');
    return true;
  });
  const after = await readAll(next);
  assert.deepEqual(
    after.items.map((i) => [i.kind, i.deliveryId]).sort(),
    delivered.map((i) => ['withdrawal', i.deliveryId]).sort(),
  );
  const w = after.items.find((i) => i.deliveryId === delivered[0]!.deliveryId)!;
  assert.equal(typeof w.withdrawalId, 'string');
  assert.deepEqual(
    w.fileIds,
    (delivered[0]!.files as Array<{ fileId: string }>).map((f) => f.fileId),
  );
  const fileId = (delivered[0]!.files as Array<{ fileId: string }>)[0]!.fileId;
  const gone = await cbsFetch(`/api/v1/cbs/files/${fileId}`);
  assert.equal(gone.status, 410);
  assert.equal(((await gone.json()) as { type: string }).type, 'urn:ggk:error:cbs.file_gone');
  // Every offered file, an entry of a ZIP too.
  for (const d of delivered)
    for (const f of d.files as Array<{ fileId: string }>) {
      const res = await cbsFetch(`/api/v1/cbs/files/${f.fileId}`);
      assert.equal(res.status, 410);
      await res.body?.cancel();
    }
  // A verdict for a withdrawn delivery: 410.
  const late = await cbsFetch(`/api/v1/cbs/deliveries/${w.deliveryId}/verdict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files: [{ fileId: (w.fileIds as string[])[0], verdict: 'approved' }] }),
  });
  assert.equal(late.status, 410);
  // CBS confirms the erasure, once; a repeat answers the same; an unknown withdrawal is 404.
  const erased = (id: string, erasedAt = '2018-03-13T09:30:00+01:00') =>
    cbsFetch(`/api/v1/cbs/withdrawals/${id}/erased`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ erasedAt }),
    });
  const first = await erased(String(w.withdrawalId));
  assert.equal(first.status, 200, await first.clone().text());
  const answer = await first.json();
  assert.deepEqual(await (await erased(String(w.withdrawalId), '2018-03-13T09:45:00+01:00')).json(), answer);
  assert.equal((await erased('00000000-0000-4000-8000-000000000000')).status, 404);
  assert.equal((await erased(String(w.withdrawalId), 'gisteren')).status, 400);
  const confirmations = await t.database.db
    .selectFrom('audit_entries')
    .select('action')
    .where('action', '=', 'cbs.erasure_confirmed')
    .execute();
  assert.equal(confirmations.length, 1);
});
