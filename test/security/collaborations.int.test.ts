// Attack (issue 15, finding 4; issue 18 "Collaborations"): a gemeente in two Jeugd collaborations at
// once (the demo data had four) lets two collaborations deliver, and overwrite, the same gemeente's
// Jeugd. The database refuses a second membership per domain and period, whoever writes it. And a
// Jeugd collaboration delivered an approved Wmo file for a member: registration now refuses any file
// (also inside a ZIP, also named as a Jeugd file) of a type outside the collaboration's domains for
// that member, on every way in: API, portal form and resumable upload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO, organisationByCode, organisationByName } from '../support/factories.ts';
import { addCollaborationMember } from '../../src/modules/organisations/index.ts';
import { isAppError } from '../../src/platform/errors/app-error.ts';
import { prepareDelivery } from '../../src/modules/deliveries/index.ts';
import { collaboration, gemeente, round } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.drop();
});

test('a gemeente is a member of at most one collaboration per domain and period: a database rule', async () => {
  const db = t.db;
  const sittard = await gemeente(db, '1883');
  const beek = await gemeente(db, '0888');
  const zuid = await collaboration(db, 'Jeugd Zuid', sittard.id);
  const west = await collaboration(db, 'Jeugd West', sittard.id);
  await addCollaborationMember(db, {
    collaborationId: zuid.id,
    gemeenteId: beek.id,
    domain: 'jeugd',
    validFrom: '2015-01-01',
    validTo: '2018-12-31',
  });
  // Through the service: refused in Dutch, naming the collaboration it is already in.
  await assert.rejects(
    addCollaborationMember(db, {
      collaborationId: west.id,
      gemeenteId: beek.id,
      domain: 'jeugd',
      validFrom: '2018-01-01',
    }),
    (error) =>
      isAppError(error) && error.code === 'organisation.member_overlap' && /Jeugd Zuid/.test(error.message),
  );
  // Past the service, straight into the table: refused by PostgreSQL.
  await assert.rejects(
    db
      .insertInto('collaboration_members')
      .values({ collaboration_id: west.id, gemeente_id: beek.id, domain: 'jeugd', valid_from: '2018-06-01' })
      .execute(),
    /one_collaboration_per_domain/,
  );
  // Another domain, or the next period, is fine.
  await addCollaborationMember(db, {
    collaborationId: west.id,
    gemeenteId: beek.id,
    domain: 'wmo',
    validFrom: '2015-01-01',
  });
  await addCollaborationMember(db, {
    collaborationId: west.id,
    gemeenteId: beek.id,
    domain: 'jeugd',
    validFrom: '2019-01-01',
  });
});

test('a collaboration delivers for a gemeente that was its member in the half year delivered, not on the upload day', async () => {
  const db = t.db;
  const stein = await gemeente(db, '0971');
  const schinnen = await gemeente(db, '0962');
  const lead = await db
    .selectFrom('organisations')
    .select('id')
    .where('gemeentecode', '=', '1883')
    .executeTakeFirstOrThrow();
  const jeugd = await collaboration(db, 'Jeugd Mijnstreek', lead.id);
  // Stein left at the end of 2017; Schinnen joined in 2018.
  await addCollaborationMember(db, {
    collaborationId: jeugd.id,
    gemeenteId: stein.id,
    domain: 'jeugd',
    validFrom: '2015-01-01',
    validTo: '2017-12-31',
  });
  await addCollaborationMember(db, {
    collaborationId: jeugd.id,
    gemeenteId: schinnen.id,
    domain: 'jeugd',
    validFrom: '2018-01-01',
  });
  const pilot = await round(db);
  await db
    .insertInto('round_participants')
    .values({ round_id: pilot.id, organisation_id: jeugd.id, is_pilot: false })
    .execute();
  const now = new Date('2018-02-20T09:00:00Z');
  const target = await prepareDelivery(db, {
    organisationId: jeugd.id,
    gemeentecode: '0971',
    halfYear: '2017H2',
    now,
  });
  assert.equal(target.gemeente.gemeentecode, '0971', 'Stein was a member in 2017H2');
  await assert.rejects(
    prepareDelivery(db, { organisationId: jeugd.id, gemeentecode: '0962', halfYear: '2017H2', now }),
    (error) => isAppError(error) && error.code === 'delivery.not_member',
    'Schinnen joined only in 2018',
  );
});

test('a Jeugd collaboration cannot deliver a Wmo file for a member: API, ZIP entry, portal form, resumable upload', async () => {
  const now = new Date('2018-02-20T09:00:00Z');
  const app = await startTestApp({ now: () => now, deliveries: true });
  try {
    const db = app.database.db;
    const fixtures = path.resolve('test/fixtures/validation');
    const wmo = await readFile(path.join(fixtures, 'valid-wmo/WMO_0363_2017H2.csv'));
    const jeugd = await readFile(path.join(fixtures, 'valid-jeugd/JEUGD_0363_2017H2.csv'));
    const zuidLimburg = await organisationByName(db, 'Jeugdhulp Regio Zuid-Limburg');
    const heerlen = await organisationByCode(db, '0917');
    const { token } = await createApiToken(db, {
      organisationId: zuidLimburg.id,
      name: 'test',
      roles: ['aanleveraar'],
      days: 30,
      createdBy: null,
      now,
    });
    const deliveriesOfHeerlen = async () =>
      (await db.selectFrom('deliveries').select('id').where('gemeente_id', '=', heerlen.id).execute()).length;
    const storedFiles = async () =>
      (
        await readdir(path.join(app.config.dataDir, 'files'), { recursive: true, withFileTypes: true }).catch(
          () => [],
        )
      ).filter((entry) => entry.isFile()).length;
    const api = async (name: string, bytes: Uint8Array) => {
      const body = new FormData();
      body.append('halfjaar', '2017H2');
      body.append('gemeentecode', '0917');
      body.append('bestanden', new Blob([new Uint8Array(bytes)]), name);
      return fetch(`${app.url}/api/v1/deliveries`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${token}` },
      });
    };
    const filesBefore = await storedFiles();

    // The API: a Wmo file, by its name and header.
    const refused = await api('WMO_0917_2017H2.csv', wmo);
    assert.equal(refused.status, 422);
    assert.match(refused.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = (await refused.json()) as { code: string; title: string; status: number };
    assert.equal(problem.code, 'delivery.outside_domain');
    assert.equal(problem.status, 422);
    assert.match(
      problem.title,
      /“WMO_0917_2017H2\.csv” is een Wmo-bestand\. Jeugdhulp Regio Zuid-Limburg levert voor Heerlen over 2017H2 alleen bestanden van het domein Jeugd aan: Jeugd \(kosten\)\. Een bestand van een ander domein levert de gemeente zelf aan\. Er is niets opgeslagen\./,
    );
    // Named as a Jeugd file: its header makes it Wmo, as the check would.
    const disguised = await api('JEUGD_0917_2017H2.csv', wmo);
    assert.equal(disguised.status, 422);
    assert.match(((await disguised.json()) as { title: string }).title, /is een Wmo-bestand/);
    // A ZIP with a Jeugd file and a Wmo file: the entry is named.
    const zip = zipSync({ 'JEUGD_0917_2017H2.csv': jeugd, 'WMO_0917_2017H2.csv': wmo });
    const zipped = await api('MSD.zip', zip);
    assert.equal(zipped.status, 422);
    assert.match(
      ((await zipped.json()) as { title: string }).title,
      /“MSD\.zip\/WMO_0917_2017H2\.csv” is een Wmo-bestand/,
    );
    assert.equal(await deliveriesOfHeerlen(), 0);
    assert.equal(await storedFiles(), filesBefore, 'nothing of a refused upload stays stored');

    // The portal form, as the collaboration's aanleveraar.
    const eva = new WebClient(app.url);
    await eva.loginAs(demoSubjectOf(DEMO.eva));
    const csrf = await eva.csrf('/aanleveren');
    const form = new FormData();
    form.append('_csrf', csrf);
    form.append('halfjaar', '2017H2');
    form.append('gemeentecode', '0917');
    form.append('bestanden', new Blob([new Uint8Array(wmo)]), 'WMO_0917_2017H2.csv');
    const page = await fetch(`${app.url}/aanleveren`, {
      method: 'POST',
      body: form,
      headers: { cookie: `ggk_session=${eva.cookies.get('ggk_session')}`, accept: 'text/html' },
      redirect: 'manual',
    });
    assert.equal(page.status, 400);
    assert.match(await page.text(), /is een Wmo-bestand\. Jeugdhulp Regio Zuid-Limburg levert voor Heerlen/);

    // A resumable upload, finished into a delivery.
    const tusHeaders = {
      'tus-resumable': '1.0.0',
      'x-csrf-token': csrf,
      cookie: `ggk_session=${eva.cookies.get('ggk_session')}`,
    };
    const created = await fetch(`${app.url}/aanleveren/hervatbaar`, {
      method: 'POST',
      headers: {
        ...tusHeaders,
        'upload-length': String(wmo.length),
        'upload-metadata': `filename ${Buffer.from('WMO_0917_2017H2.csv').toString('base64')}`,
      },
    });
    assert.equal(created.status, 201);
    const url = new URL(created.headers.get('location')!, app.url).pathname;
    const sent = await fetch(`${app.url}${url}`, {
      method: 'PATCH',
      headers: { ...tusHeaders, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: new Uint8Array(wmo),
    });
    assert.equal(sent.status, 204);
    const finished = await eva.request('POST', '/aanleveren/afronden', {
      form: { _csrf: csrf, halfjaar: '2017H2', gemeentecode: '0917', upload: url.split('/').pop()! },
    });
    assert.equal(finished.status, 400);
    assert.match(await finished.text(), /is een Wmo-bestand/);
    assert.equal(await deliveriesOfHeerlen(), 0);
    assert.equal(await storedFiles(), filesBefore);

    // Its own domain still goes through.
    const allowed = await api('JEUGD_0917_2017H2.csv', jeugd);
    assert.equal(allowed.status, 201, await allowed.text());
    assert.equal(await deliveriesOfHeerlen(), 1);
  } finally {
    await app.close();
  }
});
