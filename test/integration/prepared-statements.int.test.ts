// executePrepared (src/platform/db/database.ts): a marked statement runs as a named statement, parsed
// once per connection, in and outside a transaction; every other statement as before.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { connectDatabase, executePrepared } from '../../src/platform/db/database.ts';
import { createEmptyDatabase } from '../support/test-database.ts';

const cleanups: Array<() => Promise<unknown>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** An empty database behind a pool of one connection, so the statements it holds are all the pool's. */
async function oneConnection() {
  const empty = await createEmptyDatabase();
  cleanups.push(() => empty.drop());
  const database = connectDatabase(empty.url, { max: 1 });
  cleanups.push(() => database.close());
  return database;
}

test('runs a marked statement as one named statement per connection, with the same rows', async () => {
  const { db, pool } = await oneConnection();
  const plusOne = (n: number) => sql<{ n: number }>`select ${n}::int + 1 as n`.compile(db);

  assert.deepEqual(await executePrepared(db, plusOne(1)), [{ n: 2 }]);
  assert.deepEqual(await executePrepared(db, plusOne(41)), [{ n: 42 }]);
  assert.deepEqual(await db.transaction().execute((trx) => executePrepared(trx, plusOne(6))), [{ n: 7 }]);
  // Not marked: runs unnamed, as every statement did before.
  await sql`select ${1}::int as one`.execute(db);

  const { rows } = await pool.query<{ name: string; statement: string }>(
    'select name, statement from pg_prepared_statements',
  );
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.match(rows[0]!.name, /^ggk_[0-9a-f]{24}$/);
  assert.equal(rows[0]!.statement, plusOne(0).sql);
});

test('a marked statement whose result type a migration changed fails once, then is prepared again', async () => {
  const { db, pool } = await oneConnection();
  await pool.query('create table widened (id int primary key, label int)');
  await pool.query('insert into widened values (1, 7)');
  const read = () => sql<{ label: unknown }>`select label from widened where id = ${1}`.compile(db);
  assert.deepEqual(await executePrepared(db, read()), [{ label: 7 }]);

  // A migration run by another node while this one serves.
  await pool.query('alter table widened alter column label type text');
  await assert.rejects(executePrepared(db, read()), { code: '0A000' });
  assert.deepEqual(await executePrepared(db, read()), [{ label: '7' }]);
  assert.deepEqual(await executePrepared(db, read()), [{ label: '7' }]);
  // Inside a transaction as well, under its new name.
  assert.deepEqual(await db.transaction().execute((trx) => executePrepared(trx, read())), [{ label: '7' }]);
  const { rows } = await pool.query<{ name: string }>(
    'select name from pg_prepared_statements order by name',
  );
  assert.equal(rows.length, 2, JSON.stringify(rows));
  assert.match(rows[1]!.name, /^ggk_[0-9a-f]{24}_\d+$/);
});

test('a marked text sent with a callback (pool.query(text, values, cb)) runs unnamed and calls back', async () => {
  const { db, pool } = await oneConnection();
  const compiled = sql<{ n: number }>`select ${2}::int * 3 as n`.compile(db);
  assert.deepEqual(await executePrepared(db, compiled), [{ n: 6 }]);
  const rows = await new Promise<unknown[]>((resolve, reject) =>
    pool.query(compiled.sql, [5], (error, result) => (error ? reject(error) : resolve(result.rows))),
  );
  assert.deepEqual(rows, [{ n: 15 }]);
});
