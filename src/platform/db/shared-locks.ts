// Locks shared by every process on one database: PostgreSQL session advisory locks, each held on a
// connection of a small pool of its own (never the application's pool: a lock holder that also
// queries could otherwise wait for a connection that lock holders hold). A process that dies loses
// its connections, and with them its locks, at once. Used for resumable uploads (upload-locker.ts).
import pg from 'pg';

const POLL_MS = 100;

export interface HeldLock {
  release(): Promise<void>;
}

export class SharedLocks {
  readonly #pool: pg.Pool;

  constructor(connection: pg.PoolConfig, options: { max?: number; applicationName?: string } = {}) {
    this.#pool = new pg.Pool({
      ...connection,
      max: options.max ?? 16,
      idleTimeoutMillis: 10_000,
      application_name: options.applicationName ?? 'ggk-lock',
    });
    this.#pool.on('error', () => undefined);
    this.#pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /**
   * Takes lock (classId, hashtext(key)), waiting up to `timeoutMs` while another holds it;
   * undefined when it stays held (or `signal` aborts). Two keys with one hash share a lock.
   */
  async tryFor(
    classId: number,
    key: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<HeldLock | undefined> {
    const deadline = Date.now() + timeoutMs;
    const client = await this.#pool.connect();
    try {
      for (;;) {
        const { rows } = await client.query<{ ok: boolean }>(
          'select pg_try_advisory_lock($1, hashtext($2)) as ok',
          [classId, key],
        );
        if (rows[0]?.ok) return heldOn(client, classId, key);
        if (signal?.aborted || Date.now() >= deadline) {
          client.release();
          return undefined;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

function heldOn(client: pg.PoolClient, classId: number, key: string): HeldLock {
  let released = false;
  return {
    async release() {
      if (released) throw new Error('Releasing an unlocked lock!');
      released = true;
      try {
        await client.query('select pg_advisory_unlock($1, hashtext($2))', [classId, key]);
        client.release();
      } catch (error) {
        // A connection that failed is dropped, and its locks with it.
        client.release(error instanceof Error ? error : true);
      }
    },
  };
}
