// Attack (issue 15, finding 9): a withdrawal deleted the gemeente's deliveries but left its unfinished
// resumable (tus) uploads on disk, with their personal data, and resumable: the uploader could send the
// rest and finish them into a delivery after the withdrawal. Now a withdrawal (in the portal and from
// the CBS form) ends every unfinished upload that could become a delivery for that gemeente: its data
// and info file leave storage, HEAD and PATCH answer 404, and finishing it gives no receipt. Uploads of
// other organisations stay.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { DEMO, organisationByCode, organisationByName } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const FIXTURES = path.resolve('test/fixtures/validation');
let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let tusDir: string;
let roundId: string;

async function deliver(
  organisationId: string,
  fixture: string,
  name: string,
  fields: Record<string, string>,
) {
  const { token } = await createApiToken(t.database.db, {
    organisationId,
    name: 'test',
    roles: ['aanleveraar'],
    days: 60,
    createdBy: null,
    now,
  });
  const body = new FormData();
  for (const [k, v] of Object.entries({ halfjaar: '2017H2', ...fields })) body.append(k, v);
  body.append('bestanden', new Blob([await readFile(path.join(FIXTURES, fixture))]), name);
  const res = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 201, await res.text());
}

/** A logged-in uploader with their tus calls. */
async function uploader(email: string) {
  const client = new WebClient(t.url);
  await client.loginAs(demoSubjectOf(email));
  const csrf = await client.csrf('/aanleveren');
  const tus = (method: string, url: string, headers: Record<string, string> = {}, body?: Uint8Array) =>
    fetch(`${t.url}${url}`, {
      method,
      headers: {
        'tus-resumable': '1.0.0',
        'x-csrf-token': csrf,
        cookie: `ggk_session=${client.cookies.get('ggk_session')}`,
        ...headers,
      },
      body: body === undefined ? undefined : new Uint8Array(body),
    });
  return {
    /** Starts an upload of `size` bytes and sends the first half; returns its URL path. */
    async startHalf(name: string, size: number): Promise<string> {
      const created = await tus('POST', '/aanleveren/hervatbaar', {
        'upload-length': String(size),
        'upload-metadata': `filename ${Buffer.from(name).toString('base64')}`,
      });
      assert.equal(created.status, 201, await created.text());
      const url = new URL(created.headers.get('location')!, t.url).pathname;
      const sent = await patch(url, 0, Buffer.alloc(size / 2, 'regel;met;gegevens\n'));
      assert.equal(sent.status, 204);
      return url;
    },
    patch: (url: string, offset: number, bytes: Uint8Array) => patch(url, offset, bytes),
    async head(url: string): Promise<number> {
      const res = await tus('HEAD', url);
      return res.status;
    },
    finalise: (url: string, fields: Record<string, string> = {}) =>
      client.request('POST', '/aanleveren/afronden', {
        form: { _csrf: csrf, halfjaar: '2017H2', upload: url.split('/').pop()!, ...fields },
      }),
  };
  async function patch(url: string, offset: number, bytes: Uint8Array) {
    const res = await tus(
      'PATCH',
      url,
      { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      bytes,
    );
    await res.body?.cancel();
    return res;
  }
}

/** The upload's data and info file in the temporary folder. */
async function filesOf(url: string): Promise<string[]> {
  const id = url.split('/').pop()!;
  return (await readdir(tusDir)).filter((name) => name.startsWith(id)).sort();
}

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  tusDir = path.join(t.config.dataDir, 'hervatbaar');
  roundId = (
    await t.database.db
      .selectFrom('rounds')
      .select('id')
      .where('half_year', '=', '2017H2')
      .executeTakeFirstOrThrow()
  ).id;
  // Something to withdraw: Amsterdam's own Wmo, and Heerlen's Jeugd through its collaboration.
  const amsterdam = await organisationByCode(t.database.db, '0363');
  const zuidLimburg = await organisationByName(t.database.db, 'Jeugdhulp Regio Zuid-Limburg');
  await deliver(amsterdam.id, 'valid-wmo/WMO_0363_2017H2.csv', 'WMO_0363_2017H2.csv', {});
  await deliver(zuidLimburg.id, 'valid-jeugd/JEUGD_0363_2017H2.csv', 'JEUGD_0917_2017H2.csv', {
    gemeentecode: '0917',
  });
});
after(async () => {
  await t.close();
});

test('a withdrawal ends the unfinished resumable uploads for the gemeente: gone from disk, 404, no receipt', async () => {
  // In the delivery window: Amsterdam, the collaboration that delivers Heerlen's Jeugd, and Utrecht
  // each have an upload half way.
  let bram = await uploader(DEMO.bram);
  let eva = await uploader(DEMO.eva);
  let kim = await uploader(DEMO.kim);
  const amsterdamUpload = await bram.startHalf('SBW_0363_2017H2.csv', 4000);
  const heerlenUpload = await eva.startHalf('JEUGD_0917_2017H2.csv', 4000);
  const utrechtUpload = await kim.startHalf('WMO_0344_2017H2.csv', 4000);
  assert.equal((await filesOf(amsterdamUpload)).length, 2, 'data and info file on disk');
  assert.equal(await bram.head(amsterdamUpload), 200);

  // Amsterdam's intrekker withdraws in the portal.
  now = new Date('2018-03-15T10:00:00Z');
  const daan = new WebClient(t.url);
  await daan.loginAs(demoSubjectOf(DEMO.daan));
  const withdrawn = await daan.post('/intrekken', { bevestiging: 'Amsterdam' }, '/intrekken');
  assert.equal(withdrawn.status, 303, await withdrawn.text());
  // The sessions of February have expired: the same people log in again (an upload is the user's).
  [bram, eva, kim] = [await uploader(DEMO.bram), await uploader(DEMO.eva), await uploader(DEMO.kim)];

  assert.deepEqual(await filesOf(amsterdamUpload), [], 'the temporary data and info file are removed');
  assert.equal(await bram.head(amsterdamUpload), 404);
  assert.equal((await bram.patch(amsterdamUpload, 2000, Buffer.alloc(2000, 'x'))).status, 404);
  assert.deepEqual(await filesOf(amsterdamUpload), [], 'a PATCH afterwards writes nothing');
  // Finishing gives no receipt. (The round's delivery window has closed by now as well: withdrawing
  // opens only after it. The upload itself is gone, so no later window can take it either.)
  const finished = await bram.finalise(amsterdamUpload);
  assert.equal(finished.status, 400);
  await finished.body?.cancel();
  const amsterdam = await organisationByCode(t.database.db, '0363');
  const after = await t.database.db
    .selectFrom('deliveries')
    .select('state')
    .where('gemeente_id', '=', amsterdam.id)
    .execute();
  assert.deepEqual(
    after.map((d) => d.state),
    ['withdrawn'],
    'no delivery came from the upload',
  );

  // Other organisations' uploads stay resumable.
  assert.equal(await eva.head(heerlenUpload), 200);
  assert.equal(await kim.head(utrechtUpload), 200);

  // CBS registers Heerlen's form: the collaboration's unfinished upload (it does not yet say for which
  // member) ends too; Utrecht's stays.
  const julia = new WebClient(t.url);
  await julia.loginAs(demoSubjectOf(DEMO.julia));
  const form = await julia.post(
    '/intrekkingen/formulier',
    { gemeentecode: '0917', ronde: roundId, ontvangen: '2018-03-15', kenmerk: 'CBS-INT-2018-099' },
    '/intrekkingen',
  );
  assert.equal(form.status, 200);
  assert.match(await form.text(), /De intrekking van Heerlen is geregistreerd/);
  assert.deepEqual(await filesOf(heerlenUpload), []);
  assert.equal(await eva.head(heerlenUpload), 404);
  const evaFinished = await eva.finalise(heerlenUpload, { gemeentecode: '0917' });
  assert.equal(evaFinished.status, 400);
  await evaFinished.body?.cancel();
  assert.equal(await kim.head(utrechtUpload), 200);
  assert.equal((await filesOf(utrechtUpload)).length, 2);
});
