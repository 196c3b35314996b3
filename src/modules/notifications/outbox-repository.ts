// SQL of the outbox table (migrations/0003-create-outbox.sql).
import type { Db, OutboxTable } from '../database-schema.ts';

export type { OutboxTable };

export interface PendingMailRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  attempts: number;
}

/** Inserts a mail; undefined when a row with the same dedupe key exists (nothing is inserted). */
export async function insertOutboxMail(
  db: Db,
  values: {
    kind: string;
    recipient: string;
    subject: string;
    body_text: string;
    body_html: string | null;
    dedupe_key: string | null;
    created_at: Date;
    next_attempt_at: Date;
  },
): Promise<{ id: string } | undefined> {
  return db
    .insertInto('outbox')
    .values(values)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function findOutboxIdByDedupeKey(db: Db, dedupeKey: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Locks the pending mail that has been due longest, skipping rows another worker holds: whoever
 * holds the lock is the only one sending that mail until its transaction ends.
 */
export async function lockNextDueMail(db: Db, now: Date): Promise<PendingMailRow | undefined> {
  return db
    .selectFrom('outbox')
    .select(['id', 'kind', 'recipient', 'subject', 'body_text', 'body_html', 'attempts'])
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('created_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function markMailSent(db: Db, id: string, sentAt: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ sent_at: sentAt, attempts: (eb) => eb('attempts', '+', 1), last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markMailAttemptFailed(
  db: Db,
  id: string,
  values: { attempts: number; lastError: string; nextAttemptAt: Date; failedAt: Date | null },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      attempts: values.attempts,
      last_error: values.lastError,
      next_attempt_at: values.nextAttemptAt,
      failed_at: values.failedAt,
    })
    .where('id', '=', id)
    .execute();
}

export interface OutboxStatus {
  pending: number;
  failed: number;
  oldestPendingSince: Date | null;
}

/** Counts for the monitoring page. */
export async function countOutbox(db: Db): Promise<OutboxStatus> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('sent_at', 'is', null), w('failed_at', 'is', null)]))
        .as('pending'),
      eb.fn.countAll<number>().filterWhere('failed_at', 'is not', null).as('failed'),
      eb.fn
        .min<Date | null>('created_at')
        .filterWhere((w) => w.and([w('sent_at', 'is', null), w('failed_at', 'is', null)]))
        .as('oldestPendingSince'),
    ])
    .executeTakeFirstOrThrow();
  return {
    pending: Number(row.pending),
    failed: Number(row.failed),
    oldestPendingSince: row.oldestPendingSince,
  };
}
