// Several nodes behind a load balancer (issue 19): one PostgreSQL database, two `ggk serve` processes
// (web only) and one `ggk worker`, with HAProxy in front, round-robin and no sticky sessions. One
// development identity provider plays the eHerkenning broker both nodes use. Through the balancer:
// a login started on one node finishes on the other and its session and CSRF token work on both; an
// API upload gets its receipt and its check result; the rate limits are one budget (the upload limit
// runs out at the same count as on one node, not twice it); a resumable (tus) upload started on one
// node is continued and finished on the other (both nodes use one GGK_DATA_DIR: the temporary files
// are on that shared folder, not in the database or the object store); and with one node killed the
// other serves on. HAProxy adds X-GGK-Node (the server that answered) to every answer, and a request
// with that header is sent to the node it names, so a test can move a client from node to node.
// HAProxy passes the client's address in X-Forwarded-For, which the nodes believe from it alone
// (GGK_TRUSTED_PROXIES): per-address limits count per client, not for everyone behind the balancer.
// A second pair of nodes, c and d, shares NO folder: each has its own GGK_DATA_DIR, and both use the
// S3 store of S3_ENDPOINT (GGK_STORAGE=s3) and a database of their own. There a tus upload started on
// node c is continued on node d and finished, its receipt's SHA-256 is the file's, and the bucket
// holds ciphertext only (the parts under <prefix>hervatbaar/, gone after the finish); and a PATCH on
// node d while a PATCH of the same upload is under way on node c is refused (423: the lock is
// PostgreSQL's, shared), while c's finishes.
// Without HAProxy (/usr/sbin/haproxy, or GGK_HAPROXY) every test here is SKIPPED, and says so loudly;
// without S3_ENDPOINT (../shared/tools/start-s3.sh, as .ci/run starts it) the c/d tests are.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { sql } from 'kysely';
import { TUS_LOCK_CLASS } from '../../src/http/deliveries/upload-locker.ts';
import { createS3Client } from '../../src/platform/files/object-backend-s3.ts';
import path from 'node:path';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { findGemeenteByCode } from '../../src/modules/organisations/index.ts';
import type { Schema } from '../../src/modules/database-schema.ts';
import { demoIdentities, demoSubjectOf } from '../../src/main/demo-data.ts';
import { LOGIN_LIMIT, UPLOAD_LIMIT } from '../../src/http/rate-limits.ts';
import { connectDatabase, type Database } from '../../src/platform/db/database.ts';
import { startMailCatcher, type MailCatcher } from '../../src/platform/mail/mail-catcher.ts';
import {
  startDevIdentityProvider,
  type DevIdentityProvider,
} from '../../src/platform/oidc/dev-identity-provider.ts';
import { loginThroughDevIdp } from '../../src/platform/oidc/dev-login-driver.ts';
import { cleanEnv, startServe, type ServeProcess } from '../support/ggk-process.ts';
import {
  exited,
  freePort,
  generateWmo,
  makeDataDir,
  startWorker,
  uploadDelivery,
  waitForDeliveryState,
  type WorkerProcess,
} from '../support/delivery-api.ts';
import { HAPROXY, haproxyInstalled, startHaproxy } from '../support/haproxy.ts';
import { createEmptyDatabase } from '../support/test-database.ts';
import { DEMO } from '../support/factories.ts';
import { WebClient } from '../support/web-client.ts';

const skip = haproxyInstalled()
  ? false
  : `HAProxy not found at ${HAPROXY}: the multi-node tests did NOT run (apt-get install haproxy, as .ci/run does)`;
if (skip) process.stderr.write(`\n*** SKIPPED: ${skip} ***\n\n`);
const skipS3 =
  skip ||
  (process.env.S3_ENDPOINT
    ? false
    : 'S3_ENDPOINT is not set: the multi-node tests on S3 without a shared folder did NOT run (start ../shared/tools/start-s3.sh, as .ci/run does)');
if (skipS3 && !skip) process.stderr.write(`\n*** SKIPPED: ${skipS3} ***\n\n`);

/** Inside the 2018 pilot round's delivery window. */
const FAKE_NOW = '2018-02-20T09:00:00Z';

interface Node {
  name: 'a' | 'b';
  port: number;
  process: ServeProcess;
}

let lb: string;
/** The balancer of nodes c and d (S3, no shared folder), its port chosen before the broker starts. */
let lbS3: string;
let idpIssuer: string;
let idpClientSecret: string;
let mailUrl: string;
const nodes: Node[] = [];
let worker: WorkerProcess | undefined;
let database: Database<Schema>;
let env: NodeJS.ProcessEnv;
let dataDir: string;
const cleanups: Array<() => Promise<unknown>> = [];

before(async () => {
  if (skip) return;
  const empty = await createEmptyDatabase();
  cleanups.push(() => empty.drop());
  dataDir = await makeDataDir('ggk-multi-node-');
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const mail: MailCatcher = await startMailCatcher({ port: 0 });
  cleanups.push(() => mail.stop());
  const [lbPort, portA, portB] = [await freePort(), await freePort(), await freePort()];
  lb = `http://127.0.0.1:${lbPort}`;
  lbS3 = `http://127.0.0.1:${await freePort()}`;
  mailUrl = mail.smtpUrl;

  // The broker: one for every node, as eHerkenning is; it sends the browser back to the balancer.
  const clientSecret = randomBytes(24).toString('base64url');
  const idp: DevIdentityProvider = await startDevIdentityProvider({
    port: 0,
    identities: demoIdentities(),
    clients: [
      {
        clientId: 'ggk',
        clientSecret,
        redirectUris: [`${lb}/inloggen/callback`, `${lbS3}/inloggen/callback`],
        postLogoutRedirectUris: [`${lb}/uitgelogd`, `${lbS3}/uitgelogd`],
      },
    ],
    claims: {
      actingSubject: 'sub',
      legalSubject: 'urn:etoegang:core:LegalSubjectID',
      levelOfAssurance: 'acr',
    },
  });
  cleanups.push(() => idp.stop());
  idpIssuer = idp.issuer;
  idpClientSecret = clientSecret;

  env = cleanEnv({
    DATABASE_URL: empty.url,
    GGK_DATA_DIR: dataDir,
    GGK_BASE_URL: lb,
    GGK_OIDC_ISSUER: idp.issuer,
    GGK_OIDC_CLIENT_SECRET: clientSecret,
    GGK_SMTP_URL: mail.smtpUrl,
    GGK_JOBS: 'false',
    GGK_FAKE_NOW: FAKE_NOW,
    GGK_MASTER_KEY: randomBytes(32).toString('hex'),
    GGK_LOG_LEVEL: 'warn',
    // The balancer's address: from it X-Forwarded-For names the client.
    GGK_TRUSTED_PROXIES: '127.0.0.1',
  });
  cleanups.push(async () => {
    for (const p of [...nodes.map((n) => n.process), worker]) p?.child.kill('SIGKILL');
  });
  // One after the other: the first migrates and seeds, the second finds that done.
  nodes.push({ name: 'a', port: portA, process: await startServe({ ...env, GGK_PORT: String(portA) }) });
  nodes.push({ name: 'b', port: portB, process: await startServe({ ...env, GGK_PORT: String(portB) }) });
  worker = await startWorker(env);

  const balancer = await startHaproxy({ dir: dataDir, port: lbPort, nodes });
  cleanups.push(() => balancer.stop());

  database = connectDatabase<Schema>(empty.url, { max: 2 });
  cleanups.push(() => database.close());
});

after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function apiToken(code = '0363'): Promise<string> {
  const gemeente = await findGemeenteByCode(database.db, code);
  const created = await createApiToken(database.db, {
    organisationId: gemeente!.id,
    name: 'multi-node',
    roles: ['aanleveraar'],
    days: 30,
    createdBy: null,
    now: new Date(FAKE_NOW),
  });
  return created.token;
}

/** The WebClient through the balancer, on the node named (or round-robin without one). */
function on(
  client: WebClient,
  node: string | undefined,
  method: string,
  pathname: string,
  form?: Record<string, string | string[]>,
) {
  return client.request(method, pathname, {
    headers: node ? { 'x-ggk-node': node } : {},
    ...(form ? { form } : {}),
  });
}

function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m, 'a CSRF token on the page');
  return m[1]!;
}

/** Bram logged in through balancer `url`; his session cookie and a CSRF token. */
async function loginBram(url: string): Promise<{ client: WebClient; csrf: string; cookie: string }> {
  const client = new WebClient(url);
  const begin = await on(client, undefined, 'GET', '/inloggen/start');
  const callback = await loginThroughDevIdp(begin.headers.get('location')!, demoSubjectOf(DEMO.bram));
  await (await on(client, undefined, 'GET', `${callback.pathname}${callback.search}`)).body?.cancel();
  const csrf = csrfOf(await (await on(client, undefined, 'GET', '/aanleveren')).text());
  return { client, csrf, cookie: `ggk_session=${client.cookies.get('ggk_session')}` };
}

/** A tus request through balancer `url` to the node named, as Bram. */
function tusOn(
  url: string,
  bram: { csrf: string; cookie: string },
  node: string,
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: Buffer | ReadableStream<Uint8Array>,
) {
  return fetch(`${url}${pathname}`, {
    method,
    headers: {
      'x-ggk-node': node,
      'tus-resumable': '1.0.0',
      'x-csrf-token': bram.csrf,
      cookie: bram.cookie,
      ...headers,
    },
    body: body === undefined ? undefined : body instanceof Buffer ? new Uint8Array(body) : body,
    ...(body !== undefined && !(body instanceof Buffer) ? { duplex: 'half' } : {}),
  } as RequestInit);
}

test('round-robin: consecutive requests are answered by both nodes in turn', { skip }, async () => {
  const servedBy: string[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${lb}/health/live`);
    assert.equal(res.status, 200);
    await res.body?.cancel();
    servedBy.push(res.headers.get('x-ggk-node') ?? '?');
  }
  for (let i = 1; i < servedBy.length; i++) assert.notEqual(servedBy[i], servedBy[i - 1], servedBy.join(','));
});

test(
  'a login started on one node finishes on the other; session and CSRF hold on both',
  { skip },
  async () => {
    const bram = new WebClient(lb);
    const begin = await on(bram, 'a', 'GET', '/inloggen/start');
    assert.equal(begin.headers.get('x-ggk-node'), 'a');
    assert.equal(begin.status, 303);
    const callback = await loginThroughDevIdp(begin.headers.get('location')!, demoSubjectOf(DEMO.bram));
    assert.equal(callback.origin, lb, 'the broker sends the browser back to the balancer');
    const landed = await on(bram, 'b', 'GET', `${callback.pathname}${callback.search}`);
    assert.equal(landed.headers.get('x-ggk-node'), 'b');
    assert.equal(landed.status, 303, await landed.text());
    assert.ok(bram.cookies.get('ggk_session'), 'node b made the session of the login node a started');

    for (const node of ['a', 'b'] as const) {
      const page = await on(bram, node, 'GET', '/aanleveren');
      assert.equal(page.status, 200, `the session is known on node ${node}`);
      assert.equal(page.headers.get('x-ggk-node'), node);
      await page.body?.cancel();
    }

    // The CSRF token read from a page of node b is the one node a checks; a wrong one is refused there.
    const token = csrfOf(await (await on(bram, 'b', 'GET', '/aanleveren')).text());
    const forged = await on(bram, 'a', 'POST', '/uitloggen', { _csrf: `${token}x` });
    assert.equal(forged.status, 403);
    await forged.body?.cancel();
    const logout = await on(bram, 'a', 'POST', '/uitloggen', { _csrf: token });
    assert.equal(logout.headers.get('x-ggk-node'), 'a');
    assert.ok([302, 303].includes(logout.status), `logout answered ${logout.status}`);
    await logout.body?.cancel();
    // Logged out on node a is logged out on node b.
    const elsewhere = await fetch(`${lb}/aanleveren`, {
      headers: { 'x-ggk-node': 'b', cookie: `ggk_session=${bram.cookies.get('ggk_session') ?? 'gone'}` },
      redirect: 'manual',
    });
    assert.notEqual(elsewhere.status, 200);
    await elsewhere.body?.cancel();
  },
);

test('an API upload through the balancer gets a receipt and its check result', { skip }, async () => {
  const token = await apiToken('0363');
  const wmo = await generateWmo(env, { rows: 200, outDir: dataDir, seed: 'multi-node' });
  const res = await uploadDelivery({
    url: lb,
    token,
    fields: { halfjaar: '2017H2', gemeentecode: '0363' },
    files: [{ name: path.basename(wmo), source: { path: wmo } }],
  });
  assert.equal(res.status, 201, res.body);
  const receipt = JSON.parse(res.body) as { id: string; receiptNumber: string };
  assert.match(receipt.receiptNumber, /^GGK-2018-\d{6}$/);
  const final = await waitForDeliveryState(lb, token, receipt.id, ['approved', 'rejected'], {
    timeoutMs: 120_000,
    intervalMs: 300,
  });
  assert.equal(final.state, 'approved');
});

test(
  'the rate limits are one budget across the nodes: the upload limit ends at the same count',
  { skip },
  async () => {
    const token = await apiToken('0599');
    const servedBy = new Set<string>();
    const statuses: number[] = [];
    for (let i = 0; i <= UPLOAD_LIMIT.max; i++) {
      const res = await fetch(`${lb}/api/v1/deliveries`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      await res.body?.cancel();
      statuses.push(res.status);
      servedBy.add(res.headers.get('x-ggk-node') ?? '?');
    }
    assert.deepEqual([...servedBy].sort(), ['a', 'b'], 'both nodes counted');
    assert.ok(!statuses.slice(0, UPLOAD_LIMIT.max).includes(429), statuses.join(','));
    // Per-node budgets would allow 2 × 30 here.
    assert.equal(statuses[UPLOAD_LIMIT.max], 429, statuses.join(','));
  },
);

test(
  'behind the balancer each client address has its own login budget, one across the nodes',
  { skip },
  async () => {
    const start = (client: string) =>
      fetch(`${lb}/inloggen/start`, { headers: { 'x-forwarded-for': client }, redirect: 'manual' }).then(
        async (res) => {
          await res.body?.cancel();
          return { status: res.status, node: res.headers.get('x-ggk-node') ?? '?' };
        },
      );
    const answers = [];
    for (let i = 0; i <= LOGIN_LIMIT.max; i++) answers.push(await start('198.51.100.7'));
    assert.deepEqual([...new Set(answers.map((a) => a.node))].sort(), ['a', 'b']);
    const statuses = answers.map((a) => a.status);
    assert.ok(!statuses.slice(0, LOGIN_LIMIT.max).includes(429), statuses.join(','));
    assert.equal(statuses[LOGIN_LIMIT.max], 429, 'the address has spent its budget on both nodes together');
    // Another client behind the same balancer is not held back by the first one's budget.
    assert.equal((await start('198.51.100.8')).status, 303);
    assert.equal((await start('198.51.100.8')).status, 303);
  },
);

test('a resumable upload started on one node is continued and finished on the other', { skip }, async () => {
  const bram = new WebClient(lb);
  const begin = await on(bram, undefined, 'GET', '/inloggen/start');
  const callback = await loginThroughDevIdp(begin.headers.get('location')!, demoSubjectOf(DEMO.bram));
  await (await on(bram, undefined, 'GET', `${callback.pathname}${callback.search}`)).body?.cancel();
  const csrf = csrfOf(await (await on(bram, undefined, 'GET', '/aanleveren')).text());
  const wmo = await generateWmo(env, { rows: 3_000, outDir: dataDir, seed: 'multi-node-tus' });
  const data = await readFile(wmo);
  const tus = (
    node: 'a' | 'b',
    method: string,
    pathname: string,
    headers: Record<string, string>,
    body?: Buffer,
  ) =>
    fetch(`${lb}${pathname}`, {
      method,
      headers: {
        'x-ggk-node': node,
        'tus-resumable': '1.0.0',
        'x-csrf-token': csrf,
        cookie: `ggk_session=${bram.cookies.get('ggk_session')}`,
        ...headers,
      },
      body: body === undefined ? undefined : new Uint8Array(body),
    });

  const created = await tus('a', 'POST', '/aanleveren/hervatbaar', {
    'upload-length': String(data.length),
    'upload-metadata': `filename ${Buffer.from(path.basename(wmo)).toString('base64')}`,
  });
  assert.equal(created.status, 201, await created.text());
  const url = new URL(created.headers.get('location')!, lb).pathname;
  const id = url.split('/').pop()!;
  const half = Math.floor(data.length / 2) + 7;
  const first = await tus(
    'a',
    'PATCH',
    url,
    { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    data.subarray(0, half),
  );
  assert.equal(first.status, 204, await first.text());

  // Node b picks it up where node a left it.
  const head = await tus('b', 'HEAD', url, {});
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('x-ggk-node'), 'b');
  assert.equal(head.headers.get('upload-offset'), String(half));
  const rest = await tus(
    'b',
    'PATCH',
    url,
    { 'upload-offset': String(half), 'content-type': 'application/offset+octet-stream' },
    data.subarray(half),
  );
  assert.equal(rest.status, 204, await rest.text());
  assert.equal(rest.headers.get('upload-offset'), String(data.length));

  const finished = await on(bram, 'a', 'POST', '/aanleveren/afronden', {
    _csrf: csrf,
    halfjaar: '2017H2',
    upload: [id],
  });
  assert.equal(finished.status, 303, await finished.text());
  const deliveryId = finished.headers.get('location')!.split('/').pop()!;
  const row = await database.db
    .selectFrom('delivery_files')
    .select(['sha256', 'bytes'])
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirstOrThrow();
  assert.equal(
    row.sha256,
    createHash('sha256').update(data).digest('hex'),
    'the stored file is the original',
  );
  assert.equal(Number(row.bytes), data.length);
});

test('with one web node killed, the other serves on: pages, uploads and checks', { skip }, async () => {
  const token = await apiToken('0518');
  const a = nodes.find((n) => n.name === 'a')!;
  a.process.child.kill('SIGKILL');
  await exited(a.process.child);

  // At once, before the health check has noticed: a refused connection is sent to node b.
  const servedBy = new Set<string>();
  for (let i = 0; i < 10; i++) {
    const res = await fetch(`${lb}/health/ready`);
    assert.equal(res.status, 200, `request ${i + 1} after the kill`);
    servedBy.add(res.headers.get('x-ggk-node') ?? '?');
    await res.body?.cancel();
  }
  assert.deepEqual([...servedBy], ['b']);

  const wmo = await generateWmo(env, {
    rows: 100,
    outDir: dataDir,
    seed: 'multi-node-kill',
    gemeente: '0518',
  });
  const res = await uploadDelivery({
    url: lb,
    token,
    fields: { halfjaar: '2017H2', gemeentecode: '0518' },
    files: [{ name: path.basename(wmo), source: { path: wmo } }],
  });
  assert.equal(res.status, 201, res.body);
  const receipt = JSON.parse(res.body) as { id: string };
  const final = await waitForDeliveryState(lb, token, receipt.id, ['approved', 'rejected'], {
    timeoutMs: 120_000,
    intervalMs: 300,
  });
  assert.equal(final.state, 'approved');
});

describe('two nodes without a shared folder, on S3', { skip: skipS3 }, () => {
  const endpoint = process.env.S3_ENDPOINT!;
  const bucket = process.env.S3_BUCKET ?? 'ggk-test';
  const prefix = `multi-node-${randomBytes(4).toString('hex')}/`;
  const s3 = () => createS3Client({ endpoint, bucket, region: 'us-east-1', forcePathStyle: true });
  const s3Nodes: Array<{ name: string; port: number; process: ServeProcess }> = [];
  let s3Env: NodeJS.ProcessEnv;
  let s3Database: Database<Schema>;
  const dataDirs: string[] = [];
  const local: Array<() => Promise<unknown>> = [];

  before(async () => {
    const empty = await createEmptyDatabase();
    local.push(() => empty.drop());
    s3Env = cleanEnv({
      DATABASE_URL: empty.url,
      GGK_BASE_URL: lbS3,
      GGK_OIDC_ISSUER: idpIssuer,
      GGK_OIDC_CLIENT_SECRET: idpClientSecret,
      GGK_SMTP_URL: mailUrl,
      GGK_JOBS: 'false',
      GGK_FAKE_NOW: FAKE_NOW,
      GGK_MASTER_KEY: randomBytes(32).toString('hex'),
      GGK_LOG_LEVEL: 'warn',
      GGK_TRUSTED_PROXIES: '127.0.0.1',
      GGK_STORAGE: 's3',
      GGK_S3_ENDPOINT: endpoint,
      GGK_S3_BUCKET: bucket,
      GGK_S3_FORCE_PATH_STYLE: 'true',
      GGK_S3_PREFIX: prefix,
    });
    local.push(async () => {
      for (const n of s3Nodes) n.process.child.kill('SIGKILL');
    });
    // Each node its own data folder: nothing of an upload may be on a disk the other cannot see.
    for (const name of ['c', 'd']) {
      const dir = await makeDataDir(`ggk-multi-node-${name}-`);
      dataDirs.push(dir);
      local.push(() => rm(dir, { recursive: true, force: true }));
      const port = await freePort();
      s3Nodes.push({
        name,
        port,
        process: await startServe({ ...s3Env, GGK_DATA_DIR: dir, GGK_PORT: String(port) }, 240_000),
      });
    }
    const balancer = await startHaproxy({
      dir: dataDirs[0]!,
      port: Number(new URL(lbS3).port),
      nodes: s3Nodes,
    });
    local.push(() => balancer.stop());
    s3Database = connectDatabase<Schema>(empty.url, { max: 2 });
    local.push(() => s3Database.close());
  });

  after(async () => {
    for (const c of local.reverse()) await c();
  });

  async function objectsUnder(sub: string): Promise<string[]> {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}${sub}` }));
    return (page.Contents ?? []).map((o) => o.Key!).sort();
  }

  async function objectBytes(key: string): Promise<Buffer> {
    const response = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await response.Body!.transformToByteArray());
  }

  test('a tus upload started on node c is continued on node d and finished; only ciphertext in the bucket', async () => {
    const bram = await loginBram(lbS3);
    const wmo = await generateWmo(s3Env, { rows: 3_000, outDir: dataDirs[0]!, seed: 'multi-node-s3-tus' });
    const data = await readFile(wmo);
    const created = await tusOn(lbS3, bram, 'c', 'POST', '/aanleveren/hervatbaar', {
      'upload-length': String(data.length),
      'upload-metadata': `filename ${Buffer.from(path.basename(wmo)).toString('base64')}`,
    });
    assert.equal(created.status, 201, await created.text());
    assert.equal(created.headers.get('x-ggk-node'), 'c');
    const url = new URL(created.headers.get('location')!, lbS3).pathname;
    const id = url.split('/').pop()!;
    const half = Math.floor(data.length / 2) + 7;
    const octets = { 'content-type': 'application/offset+octet-stream' };
    const first = await tusOn(
      lbS3,
      bram,
      'c',
      'PATCH',
      url,
      { 'upload-offset': '0', ...octets },
      data.subarray(0, half),
    );
    assert.equal(first.status, 204, await first.text());

    // Node d knows how far node c got, from the database; the bytes are in the bucket, not on c's disk.
    const head = await tusOn(lbS3, bram, 'd', 'HEAD', url, {});
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('x-ggk-node'), 'd');
    assert.equal(head.headers.get('upload-offset'), String(half));
    const rest = await tusOn(
      lbS3,
      bram,
      'd',
      'PATCH',
      url,
      { 'upload-offset': String(half), ...octets },
      data.subarray(half),
    );
    assert.equal(rest.status, 204, await rest.text());
    assert.equal(rest.headers.get('upload-offset'), String(data.length));

    const parts = await objectsUnder('hervatbaar/');
    assert.equal(parts.length, 2, `one part per PATCH: ${parts.join(', ')}`);
    const plainSnippet = data.subarray(data.length - 200, data.length - 150);
    for (const key of parts) {
      const raw = await objectBytes(key);
      assert.equal(raw.subarray(0, 4).toString('ascii'), 'GGKT', key);
      assert.equal(raw.indexOf(plainSnippet), -1, `no plaintext in ${key}`);
      assert.equal(raw.indexOf(data.subarray(0, 40)), -1, `no plaintext in ${key}`);
    }
    for (const dir of dataDirs)
      assert.deepEqual(
        await readdir(path.join(dir, 'hervatbaar')).catch(() => []),
        [],
        `nothing in ${dir}/hervatbaar`,
      );

    const finished = await on(bram.client, 'd', 'POST', '/aanleveren/afronden', {
      _csrf: bram.csrf,
      halfjaar: '2017H2',
      upload: [id],
    });
    assert.equal(finished.status, 303, await finished.text());
    const deliveryId = finished.headers.get('location')!.split('/').pop()!;
    const row = await s3Database.db
      .selectFrom('delivery_files')
      .select(['sha256', 'bytes', 'stored_file_id'])
      .where('delivery_id', '=', deliveryId)
      .executeTakeFirstOrThrow();
    assert.equal(
      row.sha256,
      createHash('sha256').update(data).digest('hex'),
      'the stored file is the original',
    );
    assert.equal(Number(row.bytes), data.length);
    // The parts are gone; the delivered file is one object in the bucket, ciphertext too.
    assert.deepEqual(await objectsUnder('hervatbaar/'), []);
    const stored = await objectBytes(`${prefix}${row.stored_file_id}.enc`);
    assert.equal(stored.length, data.length + 33);
    assert.equal(stored.indexOf(plainSnippet), -1, 'no plaintext in the delivered object');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from tus_uploads`.execute(
      s3Database.db,
    );
    assert.equal(rows[0]!.n, 0, 'no upload row left');
  });

  test('a PATCH on node d while node c writes the same upload is refused; node c finishes', async () => {
    const bram = await loginBram(lbS3);
    const data = randomBytes(64 * 1024);
    const created = await tusOn(lbS3, bram, 'c', 'POST', '/aanleveren/hervatbaar', {
      'upload-length': String(data.length),
      'upload-metadata': `filename ${Buffer.from('wmo.csv').toString('base64')}`,
    });
    assert.equal(created.status, 201, await created.text());
    const url = new URL(created.headers.get('location')!, lbS3).pathname;

    // Node c gets the first half and then waits for the rest: its request holds the upload.
    let feed!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (feed = c) });
    feed.enqueue(new Uint8Array(data.subarray(0, data.length / 2)));
    const octets = { 'content-type': 'application/offset+octet-stream' };
    const onC = tusOn(
      lbS3,
      bram,
      'c',
      'PATCH',
      url,
      { 'upload-offset': '0', 'content-length': String(data.length), ...octets },
      body,
    );
    // Until PostgreSQL shows the lock held (no timing guess).
    for (;;) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_locks
         where locktype = 'advisory' and classid = ${TUS_LOCK_CLASS} and objsubid = 2 and granted
           and database = (select oid from pg_database where datname = current_database())`.execute(
        s3Database.db,
      );
      if (rows[0]!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const onD = await tusOn(lbS3, bram, 'd', 'PATCH', url, { 'upload-offset': '0', ...octets }, data);
    assert.equal(onD.headers.get('x-ggk-node'), 'd');
    assert.equal(onD.status, 423, await onD.text());

    feed.enqueue(new Uint8Array(data.subarray(data.length / 2)));
    feed.close();
    const fromC = await onC;
    assert.equal(fromC.status, 204, await fromC.text());
    assert.equal(fromC.headers.get('upload-offset'), String(data.length));
    const head = await tusOn(lbS3, bram, 'd', 'HEAD', url, {});
    assert.equal(head.headers.get('upload-offset'), String(data.length), 'node d wrote nothing');

    // Cancelled on node d: the upload and its part leave the bucket.
    const cancelled = await tusOn(lbS3, bram, 'd', 'DELETE', url, {});
    assert.equal(cancelled.status, 204, await cancelled.text());
    assert.deepEqual(await objectsUnder('hervatbaar/'), []);
  });
});
