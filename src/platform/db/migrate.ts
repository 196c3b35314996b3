// Forward-only migrations: plain SQL files `NNNN-verb-noun.sql`, applied in name order, each in its
// own transaction, under an advisory lock so that two processes starting at once do not collide.
// An applied file must not change afterwards: its checksum is kept and compared.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

const LOCK_ID = 0x67676b; // "ggk"
const namePattern = /^\d{4}-[a-z0-9-]+\.sql$/;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function runMigrations(pool: pg.Pool, directory: string): Promise<MigrationResult> {
  const files = (await readdir(directory)).filter((f) => f.endsWith('.sql')).sort();
  const badNames = files.filter((f) => !namePattern.test(f));
  if (badNames.length > 0)
    throw new Error(`Migratiebestanden met een ongeldige naam: ${badNames.join(', ')}`);

  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_ID]);
    await client.query(`create table if not exists schema_migrations (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'select name, checksum from schema_migrations',
    );
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    for (const file of files) {
      const sql = await readFile(path.join(directory, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(file);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(
            `Migratie ${file} is gewijzigd nadat hij is uitgevoerd; voeg een nieuwe migratie toe in plaats daarvan.`,
          );
        }
        continue;
      }
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (name, checksum) values ($1, $2)', [
          file,
          checksum,
        ]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`Migratie ${file} mislukt: ${(error as Error).message}`, { cause: error });
      }
      applied.push(file);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    client.release();
  }
}
