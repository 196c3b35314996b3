// The loop that empties the outbox: one deliverPendingMail round every `intervalMs`, at once again
// while rounds come back full, and at once when woken. Several workers (processes) may run side
// by side; the row locks keep them from sending a mail twice.
import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { Schema } from '../database-schema.ts';
import { deliverPendingMail } from './outbox-service.ts';

export interface OutboxWorkerOptions {
  db: Kysely<Schema>;
  mailer: Pick<Mailer, 'send' | 'from'>;
  log: Logger;
  intervalMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** Text under every mail as it is sent (deliverPendingMail's footer). */
  footer?: () => Promise<{ nl: string; en: string } | undefined>;
  /** The app's clock, for the sent and failed times shown to people (scheduling stays on real time). */
  clock?: () => Date;
}

export interface OutboxWorker {
  /** Start a round now instead of at the next tick, e.g. right after a transaction queued mail. */
  wake(): void;
  /** Resolves once the round in progress (if any) has finished; nothing is sent after that. */
  stop(): Promise<void>;
}

// While the database is unreachable, wait longer between rounds (up to this) and log less.
const MAX_ERROR_WAIT_MS = 30_000;

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, mailer } = options;
  const intervalMs = options.intervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 20;
  const log = options.log.child({ module: 'notifications' });
  let isStopping = false;
  let isWoken = false;
  let interrupt: (() => void) | undefined;

  function pause(ms: number): Promise<void> {
    if (isWoken || isStopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        interrupt = undefined;
        resolve();
      }
      interrupt = done;
    });
  }

  async function run(): Promise<void> {
    let consecutiveErrors = 0;
    while (!isStopping) {
      isWoken = false;
      let wait = intervalMs;
      try {
        const counts = await deliverPendingMail(db, mailer, {
          batchSize,
          ...(options.footer ? { footer: options.footer } : {}),
          ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
          ...(options.clock === undefined ? {} : { clock: options.clock }),
        });
        consecutiveErrors = 0;
        // Counts only: addresses and bodies never reach the log; last_error is in the table.
        if (counts.failed > 0 || counts.retried > 0) log.warn(counts, 'outbox: mail not delivered');
        else if (counts.sent > 0) log.info(counts, 'outbox: mail delivered');
        if (counts.sent === batchSize) wait = 0;
      } catch (error) {
        consecutiveErrors++;
        wait = Math.min(intervalMs * 2 ** consecutiveErrors, MAX_ERROR_WAIT_MS);
        if ((consecutiveErrors & (consecutiveErrors - 1)) === 0) {
          log.error({ err: error, consecutiveErrors }, 'outbox: delivery round failed');
        }
      }
      if (wait > 0) await pause(wait);
    }
  }

  const running = run();

  return {
    wake() {
      isWoken = true;
      interrupt?.();
    },
    async stop() {
      isStopping = true;
      interrupt?.();
      await running;
    },
  };
}
