// The transactional outbox. A mail is queued in the transaction of the change that causes it, so it
// exists if and only if that change committed; the worker delivers it afterwards, with retries.
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { Db, Schema } from '../database-schema.ts';
import { addMailFooter } from '../i18n/index.ts';
import {
  findOutboxIdByDedupeKey,
  insertOutboxMail,
  lockNextDueMail,
  markMailAttemptFailed,
  markMailSent,
} from './outbox-repository.ts';
import { containsBsnLikeNumber, describeSendError, messageIdFor, retryDelayMs } from './outbox-rules.ts';
import * as outboxRepository from './outbox-repository.ts';

export interface MailToQueue {
  recipient: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is about, e.g. 'invitation', 'report_ready'; kept for monitoring. */
  kind: string;
  /** Mail with a key that was queued before is not queued again, e.g. `report_ready:<delivery>:<user>`. */
  dedupeKey?: string;
  /**
   * When the mail was made, on the app's clock (the servicedesk shows it beside the change that
   * caused it). Required, so no mail gets the database's real time beside a fake clock's day.
   */
  at: Date;
}

/**
 * The clock of the outbox's schedule (next_attempt_at, when a mail is due): the real time, in
 * JavaScript milliseconds, for queueing and for the worker alike. Not the database's now(): its
 * microseconds put a fresh mail after a Date taken in the same millisecond, and another host's
 * clock may run ahead of ours, so a mail queued and woken for at once was not due yet.
 */
const realTime = (): Date => new Date();

export interface EnqueueOptions {
  /** When the mail is due: the worker's scheduling clock (DeliverOptions.now), the real time by default. */
  now?: () => Date;
}

const singleAddress = /^[^\s@,;<>"]+@[^\s@,;<>"]+$/;
const kindPattern = /^[a-z][a-z0-9_]*$/;

/** `why` names the problem in the English text (error.notification.invalid_mail.<why>). */
function refuseInvalid(reason: string, why: 'recipient' | 'subject' | 'kind'): never {
  throw new AppError('notification.invalid_mail', {
    reason: why,
  });
}

/**
 * Queues a mail in the caller's transaction. Mail must carry links, never data: content with a
 * possible BSN is refused, and the caller's transaction should then roll back.
 */
export async function enqueueMail(
  db: Db,
  mail: MailToQueue,
  options: EnqueueOptions = {},
): Promise<{ id: string; queued: boolean }> {
  if (!singleAddress.test(mail.recipient))
    refuseInvalid('het adres van de ontvanger is ongeldig', 'recipient');
  if (mail.subject.trim() === '' || /[\r\n]/.test(mail.subject)) {
    refuseInvalid('het onderwerp moet één regel tekst zijn', 'subject');
  }
  if (!kindPattern.test(mail.kind)) refuseInvalid('het soort bericht is ongeldig', 'kind');
  if ([mail.subject, mail.text, mail.html ?? ''].some(containsBsnLikeNumber)) {
    throw new AppError('notification.unsafe_content');
  }

  const inserted = await insertOutboxMail(db, {
    kind: mail.kind,
    recipient: mail.recipient,
    subject: mail.subject,
    body_text: mail.text,
    body_html: mail.html ?? null,
    dedupe_key: mail.dedupeKey ?? null,
    created_at: mail.at,
    next_attempt_at: (options.now ?? realTime)(),
  });
  if (inserted) return { id: inserted.id, queued: true };
  // Only a dedupe key can make the insert do nothing, so there is one here and its row exists.
  const existing = await findOutboxIdByDedupeKey(db, mail.dedupeKey as string);
  if (existing === undefined) throw new Error('outbox: conflicting row not found');
  return { id: existing, queued: false };
}

export interface DeliverOptions {
  batchSize?: number;
  maxAttempts?: number;
  /**
   * Schedules attempts and retries: the real time (machinery, like session expiry), the same clock
   * enqueueMail gives a new mail's first attempt with.
   */
  now?: () => Date;
  /**
   * Text added under every mail as it is sent (the current round's contact details, issue 20), asked
   * once per batch and only when there is mail; undefined or a failure: the mail goes without it.
   */
  footer?: () => Promise<{ nl: string; en: string } | undefined>;
  /**
   * Stamps sent_at and failed_at, which the servicedesk shows beside the mail's created_at: the
   * app's clock (GGK_FAKE_NOW), so a mail is not "made" on a fake day and "sent" on the real one.
   * Defaults to `now`.
   */
  clock?: () => Date;
}

export interface DeliveryCounts {
  sent: number;
  /** Given up: the last allowed attempt failed. */
  failed: number;
  /** Failed, to be tried again later. */
  retried: number;
}

type Outcome = keyof DeliveryCounts | 'idle';

/**
 * Sends up to `batchSize` due mails (stopping at the first failure), each in its own transaction that holds the row lock while
 * sending (`FOR UPDATE SKIP LOCKED`), so concurrent workers never send the same mail.
 *
 * Delivery is at least once: when the process dies or the database fails after the SMTP server
 * accepted a mail but before the commit, the row is still pending and the mail goes out again.
 * SMTP has no way to make sending and committing one step. Committing right after each send keeps
 * that window to one UPDATE, and the Message-ID derived from the row id lets anyone recognise the
 * second copy as the same message.
 *
 * Takes the database (not a transaction): it opens its own transactions.
 */
export async function deliverPendingMail(
  db: Kysely<Schema>,
  mailer: Pick<Mailer, 'send' | 'from'>,
  options: DeliverOptions = {},
): Promise<DeliveryCounts> {
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 8;
  const now = options.now ?? realTime;
  const clock = options.clock ?? now;
  const counts: DeliveryCounts = { sent: 0, failed: 0, retried: 0 };
  let footer: Promise<{ nl: string; en: string } | undefined> | undefined;
  const footerOnce = () =>
    (footer ??= options.footer ? options.footer().catch(() => undefined) : Promise.resolve(undefined));

  for (let i = 0; i < batchSize; i++) {
    const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
      const mail = await lockNextDueMail(trx, now());
      if (!mail) return 'idle';
      const under = await footerOnce();
      try {
        await mailer.send({
          to: mail.recipient,
          subject: mail.subject,
          text: under ? addMailFooter(mail.body_text, under) : mail.body_text,
          ...(mail.body_html === null ? {} : { html: mail.body_html }),
          headers: { 'Message-ID': messageIdFor(mail.id, mailer.from), 'X-Ggk-Kind': mail.kind },
        });
      } catch (error) {
        const attempts = mail.attempts + 1;
        const isLast = attempts >= maxAttempts;
        const at = now();
        await markMailAttemptFailed(trx, mail.id, {
          attempts,
          lastError: describeSendError(error),
          nextAttemptAt: isLast ? at : new Date(at.getTime() + retryDelayMs(attempts)),
          failedAt: isLast ? clock() : null,
        });
        return isLast ? 'failed' : 'retried';
      }
      await markMailSent(trx, mail.id, clock());
      return 'sent';
    });
    if (outcome === 'idle') break;
    counts[outcome]++;
    // A failed send usually means the relay is down or slow (up to its timeouts): leave the rest
    // of the batch for the next round instead of spending one timeout per mail now.
    if (outcome !== 'sent') break;
  }
  return counts;
}

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function countOutbox(
  ...args: Parameters<typeof outboxRepository.countOutbox>
): ReturnType<typeof outboxRepository.countOutbox> {
  return outboxRepository.countOutbox(...args);
}
