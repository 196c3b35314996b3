// The worker entry point: background jobs without the web server (the technical check of
// deliveries, and the mail outbox). `ggk serve` runs the same jobs in its own process by default;
// with GGK_JOBS=false there, a separate `ggk worker` does them.
import type { Config } from '../config/env.ts';
import { loadClassification } from '../modules/classification/index.ts';
import { startOutboxWorker } from '../modules/notifications/index.ts';
import { startJobQueue, stopJobQueue } from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { createMailer } from '../platform/mail/mailer.ts';
import { openRuntime } from './compose.ts';
import { openDeliveryStore, startDeliveryWorker, startRetentionWorker } from './deliveries.ts';
import { startReminderWorker } from './reminders.ts';

export async function startWorker(config: Config, log: Logger): Promise<{ stop(): Promise<void> }> {
  // GGK_FAKE_NOW (tests and demos): a clock that starts at the fake instant and runs on from there.
  const startedAt = Date.now();
  const now = () =>
    config.fakeNow ? new Date(config.fakeNow.getTime() + (Date.now() - startedAt)) : new Date();
  if (config.mail.smtpUrl === undefined) {
    throw new Error(
      'Een losse worker heeft een mailserver nodig (GGK_SMTP_URL): de ingebouwde mailvanger draait in het webproces. Gebruik de SMTP-poort van dat proces, bijvoorbeeld smtp://127.0.0.1:2525.',
    );
  }
  const runtime = await openRuntime(config, log);
  const store = await openDeliveryStore(config, log);
  const boss = await startJobQueue(runtime.databaseUrl, log.child({ module: 'jobs' }));
  const mailer = createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from });
  const outbox = startOutboxWorker({ db: runtime.database.db, mailer, log: log.child({ module: 'outbox' }) });
  await startDeliveryWorker({
    boss,
    db: runtime.database.db,
    store,
    classification: loadClassification(),
    config,
    log: log.child({ module: 'deliveries' }),
    now,
    onChecked: () => outbox.wake(),
  });
  await startRetentionWorker({
    boss,
    db: runtime.database.db,
    store,
    config,
    log: log.child({ module: 'retention' }),
    now,
  });
  await startReminderWorker({
    boss,
    db: runtime.database.db,
    config,
    log: log.child({ module: 'reminders' }),
    now,
    onSent: () => outbox.wake(),
  });
  return {
    async stop() {
      await stopJobQueue(boss);
      await outbox.stop();
      mailer.close();
      await runtime.close();
    },
  };
}
