// The web entry point: open the runtime (database, migrations), seed the demo world into an empty
// database, start mail (SMTP or the built-in catcher) and, when this process runs jobs, the job
// queue and the outbox worker; listen; then connect the eHerkenning broker (or start the dev IdP).
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/env.ts';
import { buildApp, type IdentityGateway } from '../http/app.ts';
import { loadClassification } from '../modules/classification/index.ts';
import { startOutboxWorker, type OutboxWorker } from '../modules/notifications/index.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { startJobQueue, stopJobQueue, type JobQueue } from '../platform/jobs/job-queue.ts';
import { startMailCatcher, type MailCatcher } from '../platform/mail/mail-catcher.ts';
import { createMailer, type Mailer } from '../platform/mail/mailer.ts';
import { openRuntime, type Runtime } from './compose.ts';
import { demoIdentities } from './demo-data.ts';
import { connectIdentity, type RunningIdentity } from './identity.ts';
import {
  createDeliveryQueue,
  createEnqueueCheck,
  openDeliveryStore,
  removeInterruptedUploads,
  startDeliveryWorker,
  startRetentionWorker,
} from './deliveries.ts';
import { seedDemo } from './seed-demo.ts';
import { startReminderWorker } from './reminders.ts';

export interface RunningServer {
  url: string;
  runtime: Runtime;
  app: FastifyInstance;
  mailCatcher: MailCatcher | undefined;
  identityIssuer: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  // GGK_FAKE_NOW (tests and demos): a clock that starts at the fake instant and runs on from there.
  const startedAt = Date.now();
  const now = () =>
    config.fakeNow ? new Date(config.fakeNow.getTime() + (Date.now() - startedAt)) : new Date();
  const runtime = await openRuntime(config, log);
  const stack: Array<() => Promise<unknown> | unknown> = [() => runtime.close()];
  const unwind = async () => {
    for (const stop of stack.reverse())
      await Promise.resolve(stop()).catch((error) => log.error({ err: error }, 'error during shutdown'));
    stack.length = 0;
  };
  try {
    const classification = loadClassification();
    if (config.seedDemo) {
      const outcome = await seedDemo(runtime.database.db, classification, {
        deliveries: config.seedDemoDeliveries,
      });
      log.info(
        { outcome },
        outcome === 'seeded' ? 'demo data seeded' : 'database already has data; seed skipped',
      );
    }

    let mailCatcher: MailCatcher | undefined;
    if (config.mail.smtpUrl === undefined) {
      mailCatcher = await startMailCatcher({ port: config.mail.catcherPort });
      stack.push(() => mailCatcher?.stop());
      log.info({ port: mailCatcher.port }, 'built-in mail catcher started');
    }
    const mailer: Mailer = createMailer({
      smtpUrl: config.mail.smtpUrl ?? mailCatcher!.smtpUrl,
      from: config.mail.from,
    });
    stack.push(() => mailer.close());

    const store = await openDeliveryStore(config, log);
    await removeInterruptedUploads(runtime.database.db, store, log);
    // The queue is needed to send check jobs even in a web-only process; only a jobs process works them.
    const jobs: JobQueue = await startJobQueue(runtime.databaseUrl, log.child({ module: 'jobs' }));
    stack.push(() => stopJobQueue(jobs));
    await createDeliveryQueue(jobs);
    let outbox: OutboxWorker | undefined;
    if (config.runJobs) {
      outbox = startOutboxWorker({ db: runtime.database.db, mailer, log: log.child({ module: 'outbox' }) });
      stack.push(() => outbox?.stop());
      await startDeliveryWorker({
        boss: jobs,
        db: runtime.database.db,
        store,
        classification,
        config,
        log: log.child({ module: 'deliveries' }),
        now,
        onChecked: () => outbox?.wake(),
      });
      await startRetentionWorker({
        boss: jobs,
        db: runtime.database.db,
        store,
        config,
        log: log.child({ module: 'retention' }),
        now,
      });
      await startReminderWorker({
        boss: jobs,
        db: runtime.database.db,
        config,
        log: log.child({ module: 'reminders' }),
        now,
        onSent: () => outbox?.wake(),
      });
    }

    const identity: IdentityGateway = {};
    const app = await buildApp({
      config,
      log,
      db: runtime.database.db,
      pool: runtime.database.pool,
      classification,
      now,
      identity,
      ...(mailCatcher ? { mailCatcher } : {}),
      ...(outbox ? { wakeOutbox: () => outbox.wake() } : {}),
      delivery: { store, enqueueCheck: createEnqueueCheck(jobs) },
    });
    await app.listen({ host: config.host, port: config.port });
    stack.push(() => app.close());
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.port === 0 ? config.baseUrl.replace(/:0$/, `:${port}`) : config.baseUrl;
    // With port 0 the address is known only now; links in mail and the login callback need it.
    config.baseUrl = url;
    const running: RunningIdentity = await connectIdentity(config, log, identity, url, demoIdentities());
    stack.push(() => running.stop());
    return {
      url,
      runtime,
      app,
      mailCatcher,
      identityIssuer: running.issuer,
      stop: unwind,
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}
