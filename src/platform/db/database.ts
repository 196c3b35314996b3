// One pg pool and the Kysely instance over it. Repositories use Kysely; migrations use raw SQL.
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';

export type { Transaction };

// timestamptz -> Date (pg default), date -> 'YYYY-MM-DD' string: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

export interface Database<Schema> {
  pool: pg.Pool;
  db: Kysely<Schema>;
  close(): Promise<void>;
}

export function connectDatabase<Schema>(
  connectionString: string,
  options: { max?: number } = {},
): Database<Schema> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    application_name: 'ggk',
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    pool,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      // Kysely ends the pool only when it has used it; /health and migrations use the pool directly.
      if (!pool.ending) await pool.end();
    },
  };
}

/** True when the database answers within the timeout. Used by /health. */
export async function isDatabaseReachable(pool: pg.Pool, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    await Promise.race([pool.query('select 1'), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` in the caller's transaction when `db` is one, else in a new transaction. */
export function inTransaction<S, T>(
  db: Kysely<S> | Transaction<S>,
  fn: (trx: Transaction<S>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<S>) : db.transaction().execute(fn);
}
