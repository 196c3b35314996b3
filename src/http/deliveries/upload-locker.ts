// The lock on a resumable (tus) upload, shared by every node: a PostgreSQL advisory lock
// (platform/db/shared-locks.ts). tus takes it for every HEAD, PATCH and DELETE of an upload, so two
// requests for one upload (on one node or on two) never act on it at once; tus's own MemoryLocker
// only knew the requests of its own process.
//
// A request that finds the upload locked waits up to `acquireTimeoutMs` (the other request may be
// just finishing) and is then refused with 423 Locked: the client asks again a moment later (the
// portal's upload.js does). Unlike tus's MemoryLocker it does not ask the holder to give the lock up:
// a holder on another node cannot be reached, and one rule on every node is easier to reason about.
// A request whose client has gone holds the upload until the server notices (its stream ends or
// times out).
import type pg from 'pg';
import type { Lock, Locker } from '@tus/server';
import { SharedLocks, type HeldLock } from '../../platform/db/shared-locks.ts';

/** The first key of every tus lock (pg_advisory_lock(int, int)): "tus" in ASCII. */
export const TUS_LOCK_CLASS = 0x747573;

export const UPLOAD_LOCKED = {
  status_code: 423,
  body: 'Deze upload wordt op dit moment al verstuurd (via een andere verbinding). Probeer het zo opnieuw.\n',
};

export interface PostgresLockerOptions {
  /** How long a request waits for a lock another request holds before it is refused. */
  acquireTimeoutMs?: number;
  /** Connections for locks at most (one per request holding or waiting for a lock). */
  max?: number;
}

export class PostgresLocker implements Locker {
  readonly #locks: SharedLocks;
  readonly #timeoutMs: number;

  constructor(connection: pg.PoolConfig, options: PostgresLockerOptions = {}) {
    this.#locks = new SharedLocks(connection, {
      ...(options.max === undefined ? {} : { max: options.max }),
      applicationName: 'ggk-tus-lock',
    });
    this.#timeoutMs = options.acquireTimeoutMs ?? 5_000;
  }

  newLock(id: string): Lock {
    let held: HeldLock | undefined;
    return {
      lock: async (signal) => {
        held = await this.#locks.tryFor(TUS_LOCK_CLASS, id, this.#timeoutMs, signal);
        if (!held) throw UPLOAD_LOCKED;
      },
      unlock: async () => {
        if (!held) throw new Error('Releasing an unlocked lock!');
        const lock = held;
        held = undefined;
        await lock.release();
      },
    };
  }

  close(): Promise<void> {
    return this.#locks.close();
  }
}
