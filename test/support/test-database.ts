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

export async function createEmptyDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `ggk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
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
  const empty = await createEmptyDatabase();
  const database = connectDatabase<Schema>(empty.url, { max: 5 });
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
