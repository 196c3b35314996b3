import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { connectDatabase } from '../../platform/db/database.ts';
import { createLogger, type Logger } from '../../platform/logging/logger.ts';
import { createMailer, type Mailer } from '../../platform/mail/mailer.ts';
import { startMailCatcher, type MailCatcher } from '../../platform/mail/mail-catcher.ts';
import type { Schema } from '../database-schema.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import {
  countOutbox,
  deliverPendingMail,
  enqueueMail,
  startOutboxWorker,
  type MailToQueue,
} from './index.ts';

const FROM = 'ggk <noreply@ggk.localhost>';
let t: TestDatabase;
let catcher: MailCatcher;
let mailer: Mailer;

before(async () => {
  t = await createTestDatabase();
  catcher = await startMailCatcher({ port: 0 });
  mailer = createMailer({ smtpUrl: catcher.smtpUrl, from: FROM });
});
after(async () => {
  mailer.close();
  await catcher.stop();
  await t.drop();
});
beforeEach(async () => {
  catcher.clear();
  // Every test starts with an empty outbox, so one test's pending mail cannot be sent by another.
  await sql`delete from outbox`.execute(t.db);
});

function aMail(overrides: Partial<MailToQueue> = {}): MailToQueue {
  return {
    recipient: 'anne@gemeente.example',
    subject: 'Uw technisch rapport is klaar',
    text: 'Bekijk het rapport op https://ggk.example/aanleveringen/0f1e2d3c-aaaa-bbbb-cccc-dddddddddddd',
    kind: 'report_ready',
    at: new Date(),
    ...overrides,
  };
}

interface OutboxRow {
  id: string;
  attempts: number;
  next_attempt_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

async function outboxRow(id: string): Promise<OutboxRow> {
  const { rows } = await sql<OutboxRow>`
    select id, attempts, next_attempt_at, sent_at, failed_at, last_error from outbox where id = ${id}
  `.execute(t.db);
  assert.ok(rows[0], `outbox row ${id}`);
  return rows[0];
}

async function deadMailer(): Promise<{ mailer: Mailer; revive(): Promise<MailCatcher> }> {
  const gone = await startMailCatcher({ port: 0 });
  await gone.stop();
  return {
    mailer: createMailer({ smtpUrl: gone.smtpUrl, from: FROM }),
    revive: () => startMailCatcher({ port: gone.port }),
  };
}

test('mail queued in a transaction that rolls back is never sent', async () => {
  await assert.rejects(
    t.db.transaction().execute(async (trx) => {
      await enqueueMail(trx, aMail());
      throw new Error('the change failed');
    }),
    /the change failed/,
  );
  assert.deepEqual(await deliverPendingMail(t.db, mailer), { sent: 0, failed: 0, retried: 0 });
  assert.equal(catcher.messages().length, 0);
});

test('queued mail is delivered once, with a Message-ID derived from its outbox id', async () => {
  const { id, queued } = await t.db.transaction().execute((trx) => enqueueMail(trx, aMail()));
  assert.equal(queued, true);

  assert.deepEqual(await deliverPendingMail(t.db, mailer), { sent: 1, failed: 0, retried: 0 });
  assert.deepEqual(await deliverPendingMail(t.db, mailer), { sent: 0, failed: 0, retried: 0 });

  const caught = catcher.messages();
  assert.equal(caught.length, 1);
  assert.equal(caught[0]?.messageId, `<${id}.outbox@ggk.localhost>`);
  assert.deepEqual(caught[0]?.to, ['anne@gemeente.example']);
  assert.equal(caught[0]?.subject, 'Uw technisch rapport is klaar');
  const row = await outboxRow(id);
  assert.ok(row.sent_at instanceof Date);
  assert.equal(row.attempts, 1);
  assert.equal(row.last_error, null);
});

test('a queued mail is due at once on the clock the worker schedules with, not on the database clock', async () => {
  // The worker's clock a minute behind the database's (another host's clock, or the microseconds
  // of now() against a Date of the same millisecond, CI4 and CI7): the mail is due all the same.
  const queuedAt = new Date(Date.now() - 60_000);
  const { id } = await enqueueMail(t.db, aMail(), { now: () => queuedAt });
  assert.equal((await outboxRow(id)).next_attempt_at.getTime(), queuedAt.getTime());
  assert.deepEqual(await deliverPendingMail(t.db, mailer, { now: () => queuedAt }), {
    sent: 1,
    failed: 0,
    retried: 0,
  });
});

test('when the SMTP server is down the mail is retried after a backoff, and sent once it is back', async () => {
  const down = await deadMailer();
  const t0 = new Date();
  const at = (seconds: number) => () => new Date(t0.getTime() + seconds * 1000);
  const { id } = await enqueueMail(t.db, aMail(), { now: at(0) });

  assert.deepEqual(await deliverPendingMail(t.db, down.mailer, { now: at(0) }), {
    sent: 0,
    failed: 0,
    retried: 1,
  });
  let row = await outboxRow(id);
  assert.equal(row.attempts, 1);
  assert.equal(row.next_attempt_at.getTime(), t0.getTime() + 60_000);
  assert.match(row.last_error ?? '', /ECONNREFUSED/);
  assert.doesNotMatch(row.last_error ?? '', /rapport/);

  // Not due yet: nothing is tried.
  assert.deepEqual(await deliverPendingMail(t.db, down.mailer, { now: at(59) }), {
    sent: 0,
    failed: 0,
    retried: 0,
  });

  const back = await down.revive();
  try {
    assert.deepEqual(await deliverPendingMail(t.db, down.mailer, { now: at(60) }), {
      sent: 1,
      failed: 0,
      retried: 0,
    });
    assert.equal(back.messages().length, 1);
    assert.equal(back.messages()[0]?.messageId, `<${id}.outbox@ggk.localhost>`);
    row = await outboxRow(id);
    assert.ok(row.sent_at);
    assert.equal(row.attempts, 2);
    assert.equal(row.last_error, null);
  } finally {
    down.mailer.close();
    await back.stop();
  }
});

test('after the last allowed attempt the mail is marked failed and no longer tried', async () => {
  const down = await deadMailer();
  try {
    const t0 = Date.now();
    const at = (seconds: number) => () => new Date(t0 + seconds * 1000);
    const { id } = await enqueueMail(t.db, aMail(), { now: at(0) });
    const options = { maxAttempts: 2 };
    assert.equal((await deliverPendingMail(t.db, down.mailer, { ...options, now: at(0) })).retried, 1);
    assert.equal((await deliverPendingMail(t.db, down.mailer, { ...options, now: at(3600) })).failed, 1);
    const row = await outboxRow(id);
    assert.equal(row.attempts, 2);
    assert.ok(row.failed_at);
    assert.equal(row.sent_at, null);
    assert.deepEqual(await deliverPendingMail(t.db, mailer, { now: at(99_999) }), {
      sent: 0,
      failed: 0,
      retried: 0,
    });
    const status = await countOutbox(t.db);
    assert.equal(status.failed, 1);
    assert.equal(status.pending, 0);
  } finally {
    down.mailer.close();
  }
});

test('two workers on separate pools racing over the outbox send every mail exactly once', async () => {
  const ids = new Set<string>();
  await t.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 24; i++) {
      ids.add((await enqueueMail(trx, aMail({ recipient: `user${i}@gemeente.example` }))).id);
    }
  });
  const other = connectDatabase<Schema>(t.url, { max: 2 });
  const otherMailer = createMailer({ smtpUrl: catcher.smtpUrl, from: FROM });
  try {
    const [a, b] = await Promise.all([
      deliverPendingMail(t.db, mailer, { batchSize: 50 }),
      deliverPendingMail(other.db, otherMailer, { batchSize: 50 }),
    ]);
    assert.equal(a.sent + b.sent, 24);
    assert.ok(a.sent > 0 && b.sent > 0, `both workers sent mail (${a.sent} and ${b.sent})`);
  } finally {
    otherMailer.close();
    await other.close();
  }
  const messageIds = catcher.messages().map((m) => m.messageId);
  assert.equal(messageIds.length, 24);
  assert.deepEqual(new Set(messageIds), new Set([...ids].map((id) => `<${id}.outbox@ggk.localhost>`)));
  assert.equal((await countOutbox(t.db)).pending, 0);
});

test('a mail with a dedupe key is queued only once', async () => {
  const first = await t.db
    .transaction()
    .execute((trx) => enqueueMail(trx, aMail({ dedupeKey: 'report_ready:d1:u1' })));
  const second = await t.db.transaction().execute(async (trx) => {
    const again = await enqueueMail(trx, aMail({ dedupeKey: 'report_ready:d1:u1' }));
    // The conflict is no error: the caller's transaction goes on and commits.
    await enqueueMail(trx, aMail({ dedupeKey: 'report_ready:d1:u2' }));
    return again;
  });
  assert.deepEqual(second, { id: first.id, queued: false });
  assert.equal((await deliverPendingMail(t.db, mailer)).sent, 2);
  assert.equal(catcher.messages().length, 2);
});

test('a subject or body with a possible BSN is refused and nothing is queued', async () => {
  for (const mail of [
    aMail({ text: 'Het BSN 111222333 is afgekeurd.' }),
    aMail({ subject: 'Rapport voor 123456782' }),
    aMail({ html: '<p>111222333</p>' }),
  ]) {
    await assert.rejects(enqueueMail(t.db, mail), { code: 'notification.unsafe_content' });
  }
  assert.equal((await countOutbox(t.db)).pending, 0);
});

test('a malformed recipient or a subject over two lines is refused', async () => {
  for (const mail of [
    aMail({ recipient: 'anne@gemeente.example, bert@gemeente.example' }),
    aMail({ recipient: 'geen adres' }),
    aMail({ subject: 'Onderwerp\nBcc: iedereen@example.nl' }),
  ]) {
    await assert.rejects(enqueueMail(t.db, mail), { code: 'notification.invalid_mail' });
  }
});

function captureLog(): { log: Logger; lines: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines: () => chunks.join('') };
}

test('the outbox worker delivers queued mail when woken, logs no address or body, and stops cleanly', async () => {
  const { log, lines } = captureLog();
  const worker = startOutboxWorker({ db: t.db, mailer, log, intervalMs: 60_000 });
  try {
    const { id } = await enqueueMail(t.db, aMail({ kind: 'invitation', subject: 'Uitnodiging voor ggk' }));
    worker.wake();
    const mail = await catcher.waitFor((m) => m.messageId === `<${id}.outbox@ggk.localhost>`, 5_000);
    assert.equal(mail.subject, 'Uitnodiging voor ggk');
  } finally {
    await worker.stop();
  }
  assert.match(lines(), /outbox: mail delivered/);
  assert.doesNotMatch(lines(), /gemeente\.example|Uitnodiging|rapport/);

  const { id } = await enqueueMail(t.db, aMail());
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await outboxRow(id)).sent_at, null, 'a stopped worker sends nothing');
});

test('the outbox worker survives an unreachable database and still stops cleanly', async () => {
  const { log, lines } = captureLog();
  const broken = connectDatabase<Schema>(t.url.replace(/\/[^/]+$/, '/ggk_no_such_database'), { max: 1 });
  const worker = startOutboxWorker({ db: broken.db, mailer, log, intervalMs: 20 });
  try {
    for (let i = 0; i < 100 && !lines().includes('delivery round failed'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(lines(), /outbox: delivery round failed/);
  } finally {
    await worker.stop();
    await broken.close();
  }
});
