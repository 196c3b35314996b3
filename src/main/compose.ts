// The one composition root: createRuntime wires ggk together (database, migrations, the clock, the
// demo seed, mail, the delivery store, the job queue and its workers). `ggk serve` (web.ts), `ggk
// worker` (worker.ts), the other commands and the tests (test/support/test-app.ts) all start here,
// asking only for the parts they need; nothing else builds these parts.
import { projectPath } from '../platform/files/project-root.ts';
import type { Config } from '../config/env.ts';
import { loadClassification, type MunicipalClassification } from '../modules/classification/index.ts';
import type { Spec } from '../modules/validation/index.ts';
import { findSpec } from './spec-catalogue.ts';
import { contactsMailText, findCurrentContacts } from '../modules/periods/index.ts';
import { startOutboxWorker, type OutboxWorker } from '../modules/notifications/index.ts';
import { connectDatabase, type Database } from '../platform/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../platform/db/embedded-postgres.ts';
import { runMigrations } from '../platform/db/migrate.ts';
import type { EncryptedStore } from '../platform/files/encrypted-store.ts';
import type { ObjectBackend } from '../platform/files/object-backend.ts';
import { startJobQueue, stopJobQueue, type JobQueue } from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { startMailCatcher, type MailCatcher } from '../platform/mail/mail-catcher.ts';
import { createMailer, type Mailer } from '../platform/mail/mailer.ts';
import { createClock, type Clock } from '../platform/time/clock.ts';
import type { Schema } from '../modules/database-schema.ts';
import {
  createDeliveryQueue,
  createEnqueueCheck,
  openDeliveryStore,
  openResumableBackend,
  removeInterruptedUploads,
  startDeliveryWorker,
  startRetentionWorker,
} from './deliveries.ts';
import { startReminderWorker } from './reminders.ts';
import { startAuditAnchorWorker } from './audit-anchor.ts';
import { seedDemo } from './seed-demo.ts';

export const MIGRATIONS_DIR = projectPath('migrations');

export interface RuntimeOptions {
  /** An open, migrated database to use instead of the configured one (tests). */
  database?: { database: Database<Schema>; url: string };
  /** The clock; by default the configuration's (GGK_FAKE_NOW or the real time). */
  now?: Clock;
  /** Seed the demo world into an empty database (default: no; serve follows GGK_SEED_DEMO). */
  seed?: { deliveries: boolean; openRound: boolean; reports?: boolean } | false;
  /** Mail: a mailer over GGK_SMTP_URL, or without one the built-in catcher (unless refused). */
  mail?: { catcher: boolean; outboxIntervalMs?: number } | false;
  /** The delivery store (encrypted files). Implied by jobs. */
  store?: boolean;
  /** 'send': the queue to send jobs; 'work': also this process's workers (delivery check, op-orde
   * report, retention, reminders). Default: no queue. */
  jobs?: 'send' | 'work';
}

export interface Runtime {
  config: Config;
  log: Logger;
  database: Database<Schema>;
  databaseUrl: string;
  embedded: EmbeddedPostgresHandle | undefined;
  now: Clock;
  classification: MunicipalClassification;
  mailer: Mailer | undefined;
  mailCatcher: MailCatcher | undefined;
  outbox: OutboxWorker | undefined;
  store: EncryptedStore | undefined;
  jobs: JobQueue | undefined;
  /** What the web app needs to receive deliveries, when this runtime has a store and a queue. */
  delivery:
    | {
        store: EncryptedStore;
        enqueueCheck: ReturnType<typeof createEnqueueCheck>;
        findSpec: (id: string) => Spec | undefined;
        /** GGK_STORAGE=s3: where resumable uploads keep their parts (resumable-upload.ts). */
        resumableBackend: ObjectBackend | undefined;
      }
    | undefined;
  /** Adds a part to stop on close (stopped in reverse order of adding). */
  onClose(stop: () => Promise<unknown> | unknown): void;
  close(): Promise<void>;
}

export async function createRuntime(
  config: Config,
  log: Logger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  if (options.mail && !options.mail.catcher && config.mail.smtpUrl === undefined)
    throw new Error(
      'Een losse worker heeft een mailserver nodig (GGK_SMTP_URL): de ingebouwde mailvanger draait in het webproces. Gebruik de SMTP-poort van dat proces, bijvoorbeeld smtp://127.0.0.1:2525.',
    );
  const stack: Array<() => Promise<unknown> | unknown> = [];
  const close = async () => {
    for (const stop of stack.reverse())
      await Promise.resolve(stop()).catch((error) => log.error({ err: error }, 'error during shutdown'));
    stack.length = 0;
  };
  try {
    let embedded: EmbeddedPostgresHandle | undefined;
    let database: Database<Schema>;
    let databaseUrl: string;
    if (options.database) {
      ({ database, url: databaseUrl } = options.database);
    } else {
      ({ database, databaseUrl, embedded } = await openDatabase(config, log));
      stack.push(() => embedded?.stop());
      stack.push(() => database.close());
    }
    const db = database.db;
    const now = options.now ?? createClock(config.fakeNow);
    const classification = loadClassification();

    if (options.seed) {
      const outcome = await seedDemo(db, classification, options.seed);
      log.info(
        { outcome },
        outcome === 'seeded' ? 'demo data seeded' : 'database already has data; seed skipped',
      );
    }

    let mailer: Mailer | undefined;
    let mailCatcher: MailCatcher | undefined;
    let outbox: OutboxWorker | undefined;
    if (options.mail) {
      let smtpUrl = config.mail.smtpUrl;
      if (smtpUrl === undefined) {
        const catcher = await startMailCatcher({ port: config.mail.catcherPort, now });
        mailCatcher = catcher;
        stack.push(() => catcher.stop());
        log.info({ port: catcher.port }, 'built-in mail catcher started');
        smtpUrl = catcher.smtpUrl;
      }
      const created = createMailer({ smtpUrl, from: config.mail.from, now });
      mailer = created;
      stack.push(() => created.close());
    }

    let store: EncryptedStore | undefined;
    if (options.store || options.jobs) {
      store = await openDeliveryStore(config, log);
      await removeInterruptedUploads(db, store, log);
    }

    let jobs: JobQueue | undefined;
    let delivery: Runtime['delivery'];
    if (options.jobs) {
      // The queue is needed to send check jobs even in a web-only process; only 'work' works them.
      const queue = await startJobQueue(databaseUrl, log.child({ module: 'jobs' }));
      jobs = queue;
      stack.push(() => stopJobQueue(queue));
      await createDeliveryQueue(queue);
      delivery = {
        store: store!,
        enqueueCheck: createEnqueueCheck(queue),
        findSpec,
        resumableBackend: await openResumableBackend(config),
      };
    }

    if (mailer && (options.jobs === 'work' || !options.jobs)) {
      const worker = startOutboxWorker({
        db,
        mailer,
        log: log.child({ module: 'outbox' }),
        // Under every mail: who to contact, those of the round current when the mail goes out.
        footer: async () => {
          const contacts = await findCurrentContacts(db, now());
          return contacts && contactsMailText(contacts, config.baseUrl);
        },
        clock: now,
        ...(options.mail && options.mail.outboxIntervalMs !== undefined
          ? { intervalMs: options.mail.outboxIntervalMs }
          : {}),
      });
      outbox = worker;
      // Before the queue stops (pushed earlier, so stopped later): a mail in flight is finished.
      stack.push(() => worker.stop());
    }

    if (jobs && options.jobs === 'work') {
      const wake = () => outbox?.wake();
      await startDeliveryWorker({
        boss: jobs,
        db,
        store: store!,
        classification,
        config,
        log: log.child({ module: 'deliveries' }),
        now,
        onChecked: wake,
      });
      await startRetentionWorker({
        boss: jobs,
        db,
        store: store!,
        config,
        log: log.child({ module: 'retention' }),
        now,
      });
      await startReminderWorker({
        boss: jobs,
        db,
        config,
        log: log.child({ module: 'reminders' }),
        now,
        onSent: wake,
      });
      await startAuditAnchorWorker({
        boss: jobs,
        db,
        store: store!,
        config,
        log: log.child({ module: 'audit' }),
        now,
        onSent: wake,
      });
    }

    return {
      config,
      log,
      database,
      databaseUrl,
      embedded,
      now,
      classification,
      mailer,
      mailCatcher,
      outbox,
      store,
      jobs,
      delivery,
      onClose: (stop) => stack.push(stop),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Connects to the configured database (starting the embedded one when none is configured) and migrates it. */
async function openDatabase(
  config: Config,
  log: Logger,
): Promise<{
  database: Database<Schema>;
  databaseUrl: string;
  embedded: EmbeddedPostgresHandle | undefined;
}> {
  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === undefined) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      log,
    });
    databaseUrl = embedded.url;
    log.info(
      { port: config.embeddedPostgresPort, clusterDir: embedded.clusterDir },
      'embedded PostgreSQL started',
    );
  }
  const database = connectDatabase<Schema>(databaseUrl);
  try {
    const result = await runMigrations(database.pool, MIGRATIONS_DIR);
    if (result.applied.length > 0) log.info({ applied: result.applied }, 'migrations applied');
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw error;
  }
  return { database, databaseUrl, embedded };
}
