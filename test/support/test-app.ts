// The real app on a fresh, migrated (and optionally seeded) test database, listening on a free port,
// with the development identity provider, the built-in mail catcher and the outbox worker: the same
// parts as `ggk serve`, with a clock the test controls.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/env.ts';
import { buildApp, type AppDeps, type IdentityGateway } from '../../src/http/app.ts';
import { createEnqueueCheck, openDeliveryStore, startDeliveryWorker } from '../../src/main/deliveries.ts';
import { startJobQueue, stopJobQueue } from '../../src/platform/jobs/job-queue.ts';
import { loadClassification } from '../../src/modules/classification/index.ts';
import { startOutboxWorker } from '../../src/modules/notifications/index.ts';
import { demoIdentities } from '../../src/main/demo-data.ts';
import { connectIdentity } from '../../src/main/identity.ts';
import { seedDemo } from '../../src/main/seed-demo.ts';
import { startMailCatcher, type MailCatcher } from '../../src/platform/mail/mail-catcher.ts';
import { createMailer } from '../../src/platform/mail/mailer.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { testLogger } from './log-sink.ts';

export interface TestApp {
  app: FastifyInstance;
  url: string;
  database: TestDatabase;
  mail: MailCatcher;
  config: Config;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    seed?: boolean;
    /** Also seed the demo round's deliveries (the round monitor's demo); off, so tests start clean. */
    demoDeliveries?: boolean;
    now?: () => Date;
    env?: Record<string, string>;
    deliveries?: boolean;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const classification = loadClassification();
  if (options.seed ?? true)
    await seedDemo(database.db, classification, { deliveries: options.demoDeliveries ?? false });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ggk-test-data-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    GGK_DATA_DIR: dataDir,
    NODE_ENV: 'test',
    GGK_PORT: '0',
    GGK_DEV_IDP_PORT: '0',
    GGK_MAIL_CATCHER_PORT: '0',
    ...options.env,
  });
  const log = testLogger('test-app');
  const mail = await startMailCatcher({ port: 0 });
  const mailer = createMailer({ smtpUrl: mail.smtpUrl, from: config.mail.from });
  const outbox = startOutboxWorker({ db: database.db, mailer, log, intervalMs: 100 });
  const identity: IdentityGateway = {};
  const now = options.now ?? (() => new Date());
  let stopJobs = async () => undefined as void;
  let delivery: AppDeps['delivery'];
  if (options.deliveries) {
    const store = await openDeliveryStore(config, log);
    const boss = await startJobQueue(database.url, log);
    await startDeliveryWorker({
      boss,
      db: database.db,
      store,
      classification,
      config,
      log,
      now,
      onChecked: () => outbox.wake(),
    });
    delivery = { store, enqueueCheck: createEnqueueCheck(boss) };
    stopJobs = () => stopJobQueue(boss);
  }
  const app = await buildApp({
    config,
    log,
    db: database.db,
    pool: database.pool,
    classification,
    now,
    identity,
    ...(delivery ? { delivery } : {}),
    mailCatcher: mail,
    wakeOutbox: () => outbox.wake(),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  // The port is known only now; links in mail and the login callback use the real address.
  config.baseUrl = url;
  const running = await connectIdentity(config, log, identity, url, demoIdentities());
  return {
    app,
    url,
    database,
    mail,
    config,
    async close() {
      await running.stop();
      await app.close();
      await stopJobs();
      await outbox.stop();
      mailer.close();
      await mail.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
