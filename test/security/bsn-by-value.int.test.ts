// Attack (issue 15, finding 3): masking depended on the column name, so a valid BSN delivered in
// productcategorie, a date column or volume was echoed in full into the stored report, the report
// page, its JSON and CSV and the API. BSNs are masked by value now, and free text people type
// (feedback, a CBS form's reference and notes) is stored masked; audit details too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { maskBsnRuns } from '../../src/platform/privacy/bsn-runs.ts';
import { isValidBsn } from '../../src/modules/validation/generate/index.ts';
import { deliveryToken } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

// Three elfproef-valid numbers, each in a column that is not the BSN column.
const IN_PRODUCTCATEGORIE = '123456782';
const IN_STARTDATUM = '111222333';
const IN_VOLUME = '232262536';
const TYPED = '100000009';
const ALL = [IN_PRODUCTCATEGORIE, IN_STARTDATUM, IN_VOLUME, TYPED];
const masked = (bsn: string) => `${bsn.slice(0, 5)}****`;

let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
});
after(async () => {
  await t.close();
});

function assertNoBsn(text: string, where: string) {
  for (const bsn of ALL) assert.ok(!text.includes(bsn), `${where} shows BSN ${bsn} in full`);
}

test('a BSN in any column is masked in the stored report, the API, JSON, CSV and HTML; typed text is stored masked', async () => {
  for (const bsn of ALL) assert.ok(isValidBsn(bsn), `${bsn} passes the elfproef`);
  const original = await readFile(
    path.resolve('test/fixtures/validation/field-code-unknown/WMO_0363_2017H2.csv'),
    'utf8',
  );
  const [header, first, second, third] = original.split('\n');
  const put = (line: string, column: string, value: string) => {
    const names = header!.split(';');
    const cells = line.split(';');
    cells[names.indexOf(column)] = value;
    return cells.join(';');
  };
  const csv = [
    header,
    put(first!, 'productcategorie', IN_PRODUCTCATEGORIE),
    put(second!, 'startdatum', IN_STARTDATUM),
    put(third!, 'volume', IN_VOLUME),
    '',
  ].join('\n');
  const token = await deliveryToken(t.database.db, now);
  const body = new FormData();
  body.append('halfjaar', '2017H2');
  body.append('bestanden', new Blob([csv]), 'WMO_0363_2017H2.csv');
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${t.url}${p}`, { ...init, headers: { authorization: `Bearer ${token}` } });
  const res = await api('/api/v1/deliveries', { method: 'POST', body });
  assert.equal(res.status, 201, await res.clone().text());
  const { id } = (await res.json()) as { id: string };
  let state = '';
  for (let i = 0; i < 300 && !['approved', 'rejected'].includes(state); i++) {
    state = ((await (await api(`/api/v1/deliveries/${id}`)).json()) as { state: string }).state;
    if (!['approved', 'rejected'].includes(state)) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(state, 'rejected');

  const stored = await t.database.db
    .selectFrom('deliveries')
    .select('report')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const storedText = JSON.stringify(stored.report);
  assertNoBsn(storedText, 'the stored report');
  for (const bsn of [IN_PRODUCTCATEGORIE, IN_STARTDATUM])
    assert.ok(storedText.includes(masked(bsn)), `the stored report shows ${masked(bsn)}`);
  assertNoBsn(await (await api(`/api/v1/deliveries/${id}/report`)).text(), 'the API report');

  const carla = new WebClient(t.url);
  await carla.loginAs(demoSubjectOf('carla.bakker@amsterdam.example'));
  for (const page of [
    `/aanleveringen/${id}`,
    ...['json', 'csv'].map((f) => `/aanleveringen/${id}/rapport.${f}`),
  ]) {
    const answer = await carla.get(page);
    assert.equal(answer.status, 200, page);
    const text = await answer.text();
    assertNoBsn(text, page);
    assert.ok(text.includes(masked(IN_PRODUCTCATEGORIE)), `${page} shows the masked value`);
  }

  // Free text: feedback, and a CBS form withdrawal's reference and notes (also in the audit trail).
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf('bram.jansen@amsterdam.example'));
  const feedback = await bram.post(
    '/feedback',
    { waardering: '4', toelichting: `Het bestand van client ${TYPED} ging mis` },
    '/feedback',
  );
  assert.equal(feedback.status, 303);
  const note = await t.database.db.selectFrom('pilot_feedback').select('body').executeTakeFirstOrThrow();
  assert.equal(note.body, `Het bestand van client ${masked(TYPED)} ging mis`);

  now = new Date('2018-03-13T10:00:00Z');
  const round = await t.database.db
    .selectFrom('rounds')
    .select('id')
    .where('half_year', '=', '2017H2')
    .executeTakeFirstOrThrow();
  const julia = new WebClient(t.url);
  await julia.loginAs(demoSubjectOf('julia.vandijk@cbs.example'));
  const withdrawn = await julia.post(
    '/intrekkingen/formulier',
    {
      gemeentecode: '0363',
      ronde: round.id,
      ontvangen: '2018-03-13',
      kenmerk: `F-${TYPED}`,
      reden: `Op verzoek, betreft ${TYPED}`,
    },
    '/intrekkingen',
  );
  assert.ok([200, 303].includes(withdrawn.status), String(withdrawn.status));
  const withdrawal = await t.database.db
    .selectFrom('withdrawals')
    .select(['reason', 'form_reference'])
    .executeTakeFirstOrThrow();
  assert.deepEqual(withdrawal, {
    reason: `Op verzoek, betreft ${masked(TYPED)}`,
    form_reference: `F-${masked(TYPED)}`,
  });
  const audit = await t.database.db.selectFrom('audit_entries').select('details').execute();
  assertNoBsn(JSON.stringify(audit), 'the audit trail');
  assert.ok(JSON.stringify(audit).includes(`F-${masked(TYPED)}`));
  const mails = await t.database.db.selectFrom('outbox').select(['subject', 'body_text']).execute();
  assertNoBsn(JSON.stringify(mails), 'the outbox');
});

test('the database masks free text exactly as the services do (mask_bsn_runs and maskBsnRuns agree)', async () => {
  const sha = createHash('sha256').update('x').digest('hex');
  const inputs = [
    '',
    TYPED,
    `BSN${TYPED}, ${IN_VOLUME}.`,
    `${TYPED}${TYPED}`,
    `1${TYPED}`,
    '123456789 000000000 1234567820',
    // A checksum with an elfproef-valid run inside: left alone by both (a hexadecimal token of 32+).
    `checksum ab${TYPED}${'c'.repeat(32)} en ${TYPED}`,
    `AB${TYPED}${'C'.repeat(21)} is korter dan 32`,
    `${sha} ${sha.toUpperCase()}`,
    `regel 1: ${IN_STARTDATUM}\nregel 2: ${IN_PRODUCTCATEGORIE}x${TYPED}`,
  ];
  for (const input of inputs) {
    const { rows } = await sql<{ masked: string }>`select mask_bsn_runs(${input}) as masked`.execute(
      t.database.db,
    );
    assert.equal(rows[0]!.masked, maskBsnRuns(input), JSON.stringify(input));
  }
  assert.equal(maskBsnRuns(inputs[6]!).endsWith(`en ${masked(TYPED)}`), true);
});
