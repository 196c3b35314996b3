// The web entry point: the runtime (database, migrations, demo seed, mail, the delivery store, the job
// queue and, when this process runs jobs, the workers; see compose.ts), then the web app: listen, and
// connect the eHerkenning broker (or start the dev IdP). The tests start the same web app on their
// own runtime through startWeb.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/env.ts';
import { buildApp, type IdentityGateway } from '../http/app.ts';
import type { Logger } from '../platform/logging/logger.ts';
import type { MailCatcher } from '../platform/mail/mail-catcher.ts';
import { listLegalSubjects } from '../modules/organisations/index.ts';
import { createRuntime, type Runtime } from './compose.ts';
import { DEMO_STAFF_ORGANISATIONS, demoIdentities } from './demo-data.ts';
import { connectIdentity } from './identity.ts';

export interface RunningServer {
  url: string;
  runtime: Runtime;
  app: FastifyInstance;
  mailCatcher: MailCatcher | undefined;
  identityIssuer: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const runtime = await createRuntime(config, log, {
    seed: config.seedDemo
      ? { deliveries: config.seedDemoDeliveries, openRound: config.seedDemoOpenRound }
      : false,
    mail: { catcher: true },
    jobs: config.runJobs ? 'work' : 'send',
  });
  try {
    return await startWeb(runtime, { host: config.host, port: config.port });
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** The web app on a runtime: listens, then connects the identity broker; stopping it closes the runtime. */
export async function startWeb(
  runtime: Runtime,
  listen: { host: string; port: number },
): Promise<RunningServer> {
  const { config, log } = runtime;
  const identity: IdentityGateway = {};
  const outbox = runtime.outbox;
  const app = await buildApp({
    config,
    log,
    db: runtime.database.db,
    pool: runtime.database.pool,
    classification: runtime.classification,
    now: runtime.now,
    identity,
    ...(runtime.mailCatcher ? { mailCatcher: runtime.mailCatcher } : {}),
    ...(outbox ? { wakeOutbox: () => outbox.wake() } : {}),
    ...(runtime.delivery ? { delivery: runtime.delivery } : {}),
  });
  await app.listen(listen);
  runtime.onClose(() => app.close());
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const url = listen.port === 0 ? config.baseUrl.replace(/:0$/, `:${port}`) : config.baseUrl;
  // With port 0 the address is known only now; links in mail and the login callback need it.
  config.baseUrl = url;
  // The dev IdP names the organisations on its picker and offers a new employee for each of them.
  const running = await connectIdentity(config, log, identity, url, demoIdentities(), async () => [
    ...(await listLegalSubjects(runtime.database.db)),
    ...DEMO_STAFF_ORGANISATIONS,
  ]);
  runtime.onClose(() => running.stop());
  return {
    url,
    runtime,
    app,
    mailCatcher: runtime.mailCatcher,
    identityIssuer: running.issuer,
    stop: () => runtime.close(),
  };
}
