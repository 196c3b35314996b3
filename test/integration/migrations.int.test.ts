import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '../../src/platform/db/database.ts';
import { runMigrations } from '../../src/platform/db/migrate.ts';
import { MIGRATIONS_DIR } from '../../src/main/compose.ts';
import { createEmptyDatabase } from '../support/test-database.ts';

const cleanups: Array<() => Promise<unknown>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

test('applies every migration once, also when two processes start at the same moment', async () => {
  const empty = await createEmptyDatabase();
  cleanups.push(() => empty.drop());
  const a = connectDatabase(empty.url);
  const b = connectDatabase(empty.url);
  cleanups.push(
    () => a.close(),
    () => b.close(),
  );
  const [ra, rb] = await Promise.all([
    runMigrations(a.pool, MIGRATIONS_DIR),
    runMigrations(b.pool, MIGRATIONS_DIR),
  ]);
  assert.ok(ra.applied.length > 0 !== rb.applied.length > 0, 'exactly one of the two applied the migrations');
  const again = await runMigrations(a.pool, MIGRATIONS_DIR);
  assert.deepEqual(again.applied, []);
});

test('refuses to run when an applied migration was edited afterwards, and rolls back a failing one', async () => {
  const empty = await createEmptyDatabase();
  cleanups.push(() => empty.drop());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ggk-migrations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  const d = connectDatabase(empty.url);
  cleanups.push(() => d.close());
  await runMigrations(d.pool, dir);

  await writeFile(
    path.join(dir, '9000-add-broken.sql'),
    'create table half_done (id int);\nselect * from no_such_table;',
  );
  await assert.rejects(runMigrations(d.pool, dir), /9000-add-broken\.sql mislukt/);
  const { rows } = await d.pool.query("select to_regclass('half_done') as t");
  assert.equal(rows[0].t, null);

  await rm(path.join(dir, '9000-add-broken.sql'));
  const first = (await import('node:fs/promises')).readdir(dir).then((f) => f.sort()[0]!);
  await writeFile(path.join(dir, await first), '-- edited\n', { flag: 'a' });
  await assert.rejects(runMigrations(d.pool, dir), /is gewijzigd nadat hij is uitgevoerd/);
});
