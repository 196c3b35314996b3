// A fresh, migrated database per test file on the machine's real PostgreSQL (TEST_DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/postgres), dropped again afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from '../../src/platform/db/database.ts';
import { runMigrations } from '../../src/platform/db/migrate.ts';
import { MIGRATIONS_DIR } from '../../src/main/compose.ts';
import type { Schema } from '../../src/modules/database-schema.ts';

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database<Schema> {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The test runner (scripts/run-tests.ts) migrates one database per run and names it here: a test
 * database is a copy of it, which takes a fraction of running the 50-odd migrations again in each of
 * the 70 integration and browser test files. Unset (a test file run on its own), each migrates.
 */
const TEMPLATE = process.env.GGK_TEST_TEMPLATE_DATABASE;
if (TEMPLATE !== undefined && !/^ggk_test_[a-z0-9_]+$/.test(TEMPLATE))
  throw new Error(`GGK_TEST_TEMPLATE_DATABASE is geen testdatabase: ${TEMPLATE}`);

export async function createEmptyDatabase(
  options: { template?: string } = {},
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `ggk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${options.template ? ` template ${options.template}` : ''}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(SERVER_URL, name),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyDatabase(TEMPLATE ? { template: TEMPLATE } : {});
  const database = connectDatabase<Schema>(empty.url, { max: 5 });
  // On a copy of the run's migrated template this finds nothing to do (and checks the checksums).
  await runMigrations(database.pool, MIGRATIONS_DIR);
  return {
    ...database,
    url: empty.url,
    name: empty.name,
    async drop() {
      await database.close();
      await empty.drop();
    },
  };
}
