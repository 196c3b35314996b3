// The restore drill (issue 19, "Restorable"), on the real processes and with the operator's own
// commands: deliveries go in through the API of `ggk serve` and are checked; the backup is taken
// with the command blocks of docs/operations.md ("Backups", run as written, read from the page, so
// the page cannot drift from what was rehearsed); the database is dropped and the objects deleted;
// the restore blocks of the same page bring both back into a NEW database and an EMPTY folder or
// bucket. Then every delivered file is decrypted from the restored store with its restored wrapped
// key and must have the SHA-256 the client computed before sending it; `ggk audit verify --expect`
// with the head noted before the backup passes; the restored node is ready and knows the
// deliveries (and the client's token). On file storage always; on S3 when S3_ENDPOINT is set (and
// the AWS CLI the page uses is installed), SKIPPED loudly otherwise.
// pg_dump and pg_restore are the ones of the server's major version (/usr/lib/postgresql/<n>/bin).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { createEncryptedStore } from '../../src/platform/files/encrypted-store.ts';
import { createFileBackend, type ObjectBackend } from '../../src/platform/files/object-backend.ts';
import { createS3Backend, createS3Client } from '../../src/platform/files/object-backend-s3.ts';
import { MasterKey } from '../../src/platform/files/master-key.ts';
import { cleanEnv, GGK_BIN, startServe, type ServeProcess } from '../support/ggk-process.ts';
import { createEmptyDatabase, SERVER_URL } from '../support/test-database.ts';
import {
  createToken,
  getDelivery,
  makeDataDir,
  uploadDelivery,
  waitForDeliveryState,
} from '../support/delivery-api.ts';

const FIXTURES = path.resolve('test/fixtures/validation');
const OPERATIONS = path.resolve('docs/operations.md');
const endpoint = process.env.S3_ENDPOINT;
const bucket = process.env.S3_BUCKET ?? 'ggk-test';

const cleanups: Array<() => Promise<unknown>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** The `sh` blocks of docs/operations.md marked `<!-- restore-drill: NAME -->`, by name. */
async function documentedBlocks(): Promise<Map<string, string>> {
  const page = await readFile(OPERATIONS, 'utf8');
  const blocks = new Map<string, string>();
  for (const m of page.matchAll(/<!-- restore-drill: ([a-z0-9 ]+) -->\s*```sh\n([\s\S]*?)```/g))
    blocks.set(m[1]!, m[2]!.replace(/^ +/gm, ''));
  return blocks;
}

/** The bin folder of the PostgreSQL client tools of the server's own major version. */
async function postgresBin(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    const bin = `/usr/lib/postgresql/${Math.floor(Number(rows[0]!.v) / 10_000)}/bin`;
    return existsSync(path.join(bin, 'pg_dump')) && existsSync(path.join(bin, 'pg_restore'))
      ? bin
      : undefined;
  } finally {
    await client.end();
  }
}

const pgBin = await postgresBin();
const hasAwsCli = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
const skipAll = pgBin
  ? false
  : "no pg_dump/pg_restore of the PostgreSQL server's version under /usr/lib/postgresql: the restore drill did NOT run";
const skipS3 =
  skipAll ||
  (!endpoint
    ? 'S3_ENDPOINT is not set: the restore drill on S3 did NOT run (start ../shared/tools/start-s3.sh, as .ci/run does)'
    : !hasAwsCli
      ? 'the AWS CLI (aws) that docs/operations.md uses for the object copy is not installed: the restore drill on S3 did NOT run'
      : false);
for (const skip of [skipAll, skipS3]) if (skip) process.stderr.write(`\n*** SKIPPED: ${skip} ***\n\n`);

/** Runs one documented block in bash (-e, -u, pipefail) with `env`; fails the test with its output. */
function runDocumented(blocks: Map<string, string>, name: string, env: NodeJS.ProcessEnv): string {
  const script = blocks.get(name);
  assert.ok(script, `docs/operations.md has a block marked "restore-drill: ${name}"`);
  const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { env, encoding: 'utf8' });
  assert.equal(run.status, 0, `"${name}" (${script.trim()}) failed:\n${run.stderr}${run.stdout}`);
  return run.stdout;
}

function ggk(env: NodeJS.ProcessEnv, args: string[]): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [GGK_BIN, ...args], { env, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

interface Storage {
  kind: 'file' | 's3';
  /** GGK_* settings of the object store. */
  env(dataDir: string): Record<string, string>;
  backend(dataDir: string): ObjectBackend;
  /** The disaster: every object gone. */
  destroy(dataDir: string): Promise<void>;
  /** What is stored, to show the destruction happened. */
  objectCount(dataDir: string): Promise<number>;
}

const fileStorage: Storage = {
  kind: 'file',
  env: () => ({}),
  backend: (dataDir) => createFileBackend(path.join(dataDir, 'files')),
  destroy: (dataDir) => rm(dataDir, { recursive: true, force: true }),
  async objectCount(dataDir) {
    const files = path.join(dataDir, 'files');
    let n = 0;
    for (const shard of await readdir(files).catch(() => []))
      if (shard !== 'tmp') n += (await readdir(path.join(files, shard)).catch(() => [])).length;
    return n;
  },
};

function s3Storage(): Storage {
  const prefix = `drill-${randomBytes(4).toString('hex')}/`;
  const options = {
    endpoint,
    bucket,
    region: process.env.AWS_REGION ?? 'us-east-1',
    forcePathStyle: true,
    prefix,
  };
  let client: S3Client | undefined;
  const keys = async () => {
    client ??= createS3Client(options);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    return (listed.Contents ?? []).map((o) => o.Key!);
  };
  const destroy = async () => {
    // One at a time: Swift's S3 API wants a Content-MD5 on batch deletes that the SDK no longer sends.
    for (const key of await keys()) await client!.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  };
  cleanups.push(destroy);
  return {
    kind: 's3',
    env: () => ({
      GGK_STORAGE: 's3',
      GGK_S3_ENDPOINT: endpoint!,
      GGK_S3_BUCKET: bucket,
      GGK_S3_REGION: options.region,
      GGK_S3_FORCE_PATH_STYLE: 'true',
      GGK_S3_PREFIX: prefix,
    }),
    backend: () => createS3Backend(options),
    destroy,
    objectCount: async () => (await keys()).length,
  };
}

interface Sent {
  id: string;
  receiptNumber: string;
  files: Array<{ name: string; sha256: string }>;
}

async function drill(storage: Storage): Promise<void> {
  const blocks = await documentedBlocks();
  const masterKeyHex = randomBytes(32).toString('hex');
  const backup = await makeDataDir('ggk-backup-');
  cleanups.push(() => rm(backup, { recursive: true, force: true }));
  const environment = (databaseUrl: string, dataDir: string): NodeJS.ProcessEnv => {
    const env = cleanEnv({
      DATABASE_URL: databaseUrl,
      GGK_DATA_DIR: dataDir,
      GGK_MASTER_KEY: masterKeyHex,
      GGK_FAKE_NOW: '2018-02-20T09:00:00Z',
      GGK_LOG_LEVEL: 'warn',
      ...storage.env(dataDir),
    });
    // The operator's shell: the server's pg_dump/pg_restore first, the project's pinned node for npx.
    env.PATH = [pgBin, path.resolve('node_modules/.bin'), process.env.PATH].join(path.delimiter);
    env.BACKUP = backup;
    env.AWS_DEFAULT_REGION ??= process.env.AWS_REGION ?? 'us-east-1';
    return env;
  };

  // 1. Deliver: three files in two deliveries, checked by the node's own worker.
  const original = await createEmptyDatabase();
  cleanups.push(() => original.drop());
  const originalData = await makeDataDir();
  cleanups.push(() => rm(originalData, { recursive: true, force: true }));
  const before = environment(original.url, originalData);
  let serve: ServeProcess = await startServe(before);
  cleanups.push(async () => serve.child.kill('SIGKILL'));
  const token = createToken(before);
  const deliveries: Array<Array<{ name: string; fixture: string }>> = [
    [{ name: 'WMO_0363_2017H2.csv', fixture: 'valid-wmo/WMO_0363_2017H2.csv' }],
    [
      { name: 'SBW_0363_2017H2.csv', fixture: 'valid-sbw/SBW_0363_2017H2.csv' },
      { name: 'JEUGD_0363_2017H2.csv', fixture: 'valid-jeugd/JEUGD_0363_2017H2.csv' },
    ],
  ];
  const sent: Sent[] = [];
  for (const files of deliveries) {
    const response = await uploadDelivery({
      url: serve.url,
      token,
      fields: { halfjaar: '2017H2' },
      files: files.map((f) => ({ name: f.name, source: { path: path.join(FIXTURES, f.fixture) } })),
    });
    assert.equal(response.status, 201, response.body);
    const receipt = JSON.parse(response.body) as { id: string; receiptNumber: string };
    sent.push({
      ...receipt,
      files: await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          sha256: createHash('sha256')
            .update(await readFile(path.join(FIXTURES, f.fixture)))
            .digest('hex'),
        })),
      ),
    });
  }
  for (const d of sent) {
    const checked = await waitForDeliveryState(serve.url, token, d.id, ['approved', 'rejected']);
    assert.equal(checked.state, 'approved', d.receiptNumber);
  }
  assert.equal(await storage.objectCount(originalData), 3);

  // The anchor kept outside: the audit trail's head as `ggk audit verify` prints it.
  const head = ggk(before, ['audit', 'verify']);
  assert.equal(head.status, 0, head.out);
  const anchor = /Laatste hash: ([0-9a-f]{64})/.exec(head.out)?.[1];
  assert.ok(anchor, head.out);

  // 2. Back up, as docs/operations.md says, while the node runs.
  runDocumented(blocks, 'backup', before);
  runDocumented(blocks, `backup ${storage.kind}`, before);
  await serve.stop();

  // 3. Destroy database and objects.
  await original.drop();
  await storage.destroy(originalData);
  assert.equal(await storage.objectCount(originalData), 0, 'every object is gone');
  const probe = new pg.Client({ connectionString: original.url });
  probe.on('error', () => undefined);
  await assert.rejects(probe.connect(), 'the database is gone');

  // 4. Restore into a fresh database and an empty data folder (or the emptied bucket).
  const restored = await createEmptyDatabase();
  cleanups.push(() => restored.drop());
  const restoredData = await makeDataDir();
  cleanups.push(() => rm(restoredData, { recursive: true, force: true }));
  const restoredEnv = environment(restored.url, restoredData);
  runDocumented(blocks, 'restore', restoredEnv);
  runDocumented(blocks, `restore ${storage.kind}`, restoredEnv);
  const verified = runDocumented(blocks, 'verify', { ...restoredEnv, AUDIT_ANCHOR: anchor });
  assert.match(verified, /Het bewaarde anker staat ongewijzigd in de audittrail/);
  assert.match(verified, /De audittrail is in orde\./);

  // 5. Every delivered file decrypts from the restored store with its restored key, with the
  //    SHA-256 the client computed; nothing more and nothing less is stored.
  const sql = new pg.Pool({ connectionString: restored.url, max: 2 });
  // A connection the server ends (the drop at the end terminates what is left) must not become an
  // uncaught 'error' event: CI once saw "terminating connection due to administrator command" after
  // the S3 drill had passed, which failed the file.
  sql.on('error', () => undefined);
  cleanups.push(() => sql.end());
  const { rows } = await sql.query<{
    receipt_number: string;
    name: string;
    stored_file_id: string;
    wrapped_key: string;
    sha256: string;
  }>(
    `select d.receipt_number, f.name, f.stored_file_id, f.wrapped_key, f.sha256
       from delivery_files f join deliveries d on d.id = f.delivery_id`,
  );
  const store = createEncryptedStore({
    backend: storage.backend(restoredData),
    masterKey: new MasterKey(Buffer.from(masterKeyHex, 'hex')),
  });
  const wanted = sent.flatMap((d) => d.files.map((f) => `${d.receiptNumber} ${f.name} ${f.sha256}`)).sort();
  const decrypted: string[] = [];
  for (const row of rows) {
    const { sha256 } = await store.verify({ fileId: row.stored_file_id, wrappedKey: row.wrapped_key });
    assert.equal(sha256, row.sha256, `${row.name}: decrypted SHA-256 as recorded`);
    decrypted.push(`${row.receipt_number} ${row.name} ${sha256}`);
  }
  assert.deepEqual(decrypted.sort(), wanted);
  assert.equal(await storage.objectCount(restoredData), wanted.length);

  // 6. The restored node starts, is ready, and answers the client as before the disaster.
  serve = await startServe(restoredEnv);
  const ready = await fetch(`${serve.url}/health/ready`);
  assert.equal(ready.status, 200, await ready.text());
  for (const d of sent) assert.equal((await getDelivery(serve.url, token, d.id)).state, 'approved');
  await serve.stop();
}

test(
  'restore drill on file storage: backup, destroy, restore as docs/operations.md says; every file intact, audit anchored',
  {
    skip: skipAll,
  },
  async () => {
    await drill(fileStorage);
  },
);

test('restore drill on S3: the same with the bucket copied by the AWS CLI', { skip: skipS3 }, async () => {
  await drill(s3Storage());
});
