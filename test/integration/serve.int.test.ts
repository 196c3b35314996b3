// `ggk serve` as a new user runs it: on a configured PostgreSQL, and with no configuration at all
// (the embedded PostgreSQL), twice, the second start reusing the data. Every port is a free one
// (cleanEnv), so this runs beside `npm start`.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createEmptyDatabase } from '../support/test-database.ts';
import { cleanEnv, startServe } from '../support/ggk-process.ts';
import { freePort } from '../support/delivery-api.ts';

const cleanups: Array<() => Promise<unknown>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function countRows(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

test('with DATABASE_URL: migrates and seeds an empty database, and leaves a seeded one alone', async () => {
  const database = await createEmptyDatabase();
  cleanups.push(() => database.drop());
  const env = cleanEnv({
    DATABASE_URL: database.url,
    GGK_JOBS: 'false',
    GGK_LOG_LEVEL: 'info',
  });

  const first = await startServe(env);
  assert.equal((await fetch(`${first.url}/health`)).status, 200);
  assert.match(await (await fetch(first.url)).text(), /Aanlevering 2e halfjaar 2017/);
  assert.equal(await first.stop(), 0);
  assert.match(first.output(), /demo data seeded/);
  const organisations = await countRows(database.url, 'organisations');
  const users = await countRows(database.url, 'users');
  assert.equal(organisations, 382);

  const second = await startServe(env);
  assert.equal((await fetch(`${second.url}/health`)).status, 200);
  assert.equal(await second.stop(), 0);
  assert.match(second.output(), /seed skipped/);
  assert.equal(await countRows(database.url, 'organisations'), organisations);
  assert.equal(await countRows(database.url, 'users'), users);
});

test('without any configuration: starts an embedded PostgreSQL in the data folder and reuses it', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ggk-embedded-'));
  await chmod(dataDir, 0o755); // as a folder made by `git clone` would be
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const pgPort = String(await freePort());
  const env = cleanEnv({
    GGK_DATA_DIR: dataDir,
    GGK_EMBEDDED_PG_PORT: pgPort,
    GGK_LOG_LEVEL: 'info',
  });

  const first = await startServe(env, 180_000);
  try {
    const health = await fetch(`${first.url}/health`);
    assert.equal(health.status, 200);
    assert.match(await (await fetch(first.url)).text(), /12 februari 2018 tot en met 9 maart 2018/);
  } finally {
    assert.equal(await first.stop(), 0);
  }
  assert.match(first.output(), /initialising embedded PostgreSQL/);
  assert.match(first.output(), /demo data seeded/);
  await stat(path.join(dataDir, 'pg', 'PG_VERSION'));

  const second = await startServe(env, 180_000);
  try {
    assert.equal((await fetch(`${second.url}/health`)).status, 200);
  } finally {
    assert.equal(await second.stop(), 0);
  }
  assert.doesNotMatch(second.output(), /initialising embedded PostgreSQL/);
  assert.match(second.output(), /seed skipped/);
});

test('a configuration problem is reported in Dutch with a hint, every problem at once', async () => {
  const { spawnSync } = await import('node:child_process');
  const { GGK_BIN } = await import('../support/ggk-process.ts');
  const result = spawnSync(process.execPath, [GGK_BIN, 'serve'], {
    env: cleanEnv({ GGK_PORT: 'tachtig', GGK_LOG_LEVEL: 'luid', DATABASE_URL: 'mysql://x' }),
    encoding: 'utf8',
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /De configuratie klopt niet/);
  assert.match(result.stderr, /GGK_PORT/);
  assert.match(result.stderr, /GGK_LOG_LEVEL/);
  assert.match(result.stderr, /DATABASE_URL/);
});
