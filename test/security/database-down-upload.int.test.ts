// Issue 15, finding 8: with the database gone in the middle of an upload, the answer is 503 with
// Retry-After (not 500), nothing is acknowledged, and the bytes already stored for the upload are
// removed. For real: the first file of a streamed upload is stored, then the test database stops
// accepting connections and its sessions are terminated, then the second file arrives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { deliveryToken } from '../support/factories.ts';
import { SERVER_URL } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let token: string;
before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  token = await deliveryToken(t.database.db, now, '0363');
});
after(async () => {
  await admin(`alter database ${t.database.name} allow_connections true`);
  await t.close();
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Every stored (.enc) and half-written (.partial) file of the delivery store. */
async function filesOnDisk(): Promise<string[]> {
  const root = path.join(t.config.dataDir, 'files');
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((name) => /\.(enc|partial)$/.test(name));
}

async function until(condition: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the database gone mid-upload: 503 with Retry-After, and the stored bytes are removed', async () => {
  const B = 'grens';
  const part = (name: string) =>
    `--${B}\r\ncontent-disposition: form-data; name="bestanden"; filename="${name}"\r\ncontent-type: text/csv\r\n\r\n`;
  const line = 'regel;0363;2017H2;gewone inhoud\n'.repeat(4096);
  let resume!: () => void;
  const resumed = new Promise<void>((r) => (resume = r));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const enc = (s: string) => new TextEncoder().encode(s);
      controller.enqueue(enc(`--${B}\r\ncontent-disposition: form-data; name="halfjaar"\r\n\r\n2017H2\r\n`));
      controller.enqueue(
        enc(`${part('WMO_0363_2017H2.csv')}${line}\r\n${part('JEUGD_0363_2017H2.csv')}${line}`),
      );
      await resumed;
      controller.enqueue(enc(`${line}\r\n--${B}--\r\n`));
      controller.close();
    },
  });
  const response = fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${B}` },
    body,
    duplex: 'half',
  } as RequestInit);

  // The first file is stored (encrypted, on disk, with its pending record); the second is under way.
  await until(async () => (await filesOnDisk()).some((f) => f.endsWith('.enc')));
  await admin(`alter database ${t.database.name} allow_connections false`);
  await admin(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${t.database.name}' and pid <> pg_backend_pid()`,
  );
  resume();

  const res = await response;
  const problem = (await res.json()) as { status: number; title: string };
  assert.equal(res.status, 503, JSON.stringify(problem));
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After says when to try again');
  assert.match(problem.title, /niets ontvangen/);
  assert.deepEqual(await filesOnDisk(), [], 'no stored or half-written file is left');

  await admin(`alter database ${t.database.name} allow_connections true`);
  const deliveries = await t.database.db.selectFrom('deliveries').select('id').execute();
  assert.equal(deliveries.length, 0, 'nothing was acknowledged');
});
