// One pg pool and the Kysely instance over it. Repositories use Kysely; migrations use raw SQL.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type CompiledQuery, type Transaction } from 'kysely';

export type { Transaction };

// timestamptz -> Date (pg default), date -> 'YYYY-MM-DD' string: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown: the connection was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '3D000', // invalid_catalog_name: the database is gone
  '53300', // too_many_connections
]);
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not currently accepting connections|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * True when an error means the database cannot be reached (refused, terminated, gone, timed out),
 * not that a query was wrong: the server's fault and temporary, answered with 503 and Retry-After.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 4) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

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
    // How long a query waits for a free connection (and for a new one to open). On the closing day
    // uploads queue here behind the receipt counter and the audit chain: 5 s made a burst of
    // identical uploads on a loaded machine answer 503 instead of waiting its turn for a clear
    // refusal. A server that refuses connections still fails at once (ECONNREFUSED).
    connectionTimeoutMillis: 30_000,
    application_name: 'ggk',
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // The pool listens for errors only on idle clients: a connection the server ends while a client is
  // checked out (the database stopped mid-request) would otherwise be an uncaughtException. Its
  // query still fails (and is answered 503); the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  pool.on('connect', (client) => {
    // Kysely sends every statement as client.query(text, values): a text marked by executePrepared
    // goes as a named statement instead (pg parses it once per connection, then only binds it).
    // A call with a callback (pool.query(text, values, cb)) is passed on as it came.
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const text = args[0];
      const name =
        typeof text === 'string' && !args.some((arg) => typeof arg === 'function')
          ? preparedNames.get(text)
          : undefined;
      if (name === undefined) return query(...args);
      return (query({ name, text, values: args[1] ?? [] }) as Promise<unknown>).catch((error: unknown) => {
        renameIfOutdated(text as string, name, error);
        throw error;
      });
    };
  });
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

/** The texts executePrepared has marked, with their statement names. */
const preparedNames = new Map<string, string>();
let renamedStatements = 0;

/**
 * A migration that changes the type of a column a marked statement returns, while this server runs,
 * makes PostgreSQL refuse the statement each connection prepared before it ("cached plan must not
 * change result type", 0A000), for as long as the connection lives. The text gets a new name, so each
 * connection prepares it again on its next use: only the statements already under way fail.
 */
function renameIfOutdated(text: string, name: string, error: unknown): void {
  if ((error as { code?: unknown }).code !== '0A000' || preparedNames.get(text) !== name) return;
  renamedStatements += 1;
  preparedNames.set(text, `${statementName(text)}_${renamedStatements}`);
}

function statementName(text: string): string {
  return `ggk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
}
/**
 * Every connection keeps each named statement for as long as it lives: a bound, should a caller's
 * text ever vary (a list of varying length), after which further texts run unnamed as before.
 */
const MAX_PREPARED_TEXTS = 100;

/**
 * Runs a compiled query as a named (prepared) statement: each pool connection parses and analyses
 * it once, and PostgreSQL may keep its plan (after five runs a generic one, when that is not costlier
 * than planning for the values). For the statements every page view sends: parse and plan were about
 * half of the database's CPU per view of the delivery page (issue 21: 5.0 → 2.4 CPU-ms a view, A/B).
 * Only for statements whose text is fixed, and that name their columns: a prepared `select *` whose
 * result columns change under it (a migration adding a column while the server runs) fails once, and
 * is then prepared again (renameIfOutdated).
 */
export async function executePrepared<R>(
  db: Pick<Kysely<never>, 'executeQuery'>,
  query: CompiledQuery<R>,
): Promise<R[]> {
  if (!preparedNames.has(query.sql) && preparedNames.size < MAX_PREPARED_TEXTS)
    preparedNames.set(query.sql, statementName(query.sql));
  return (await db.executeQuery(query)).rows;
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

/**
 * Waits for the advisory lock `key` and holds it until the transaction ends, so two processes doing
 * the same once-only work (seeding an empty database) do it one after the other.
 */
export async function lockTransaction<S>(trx: Transaction<S>, key: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}
