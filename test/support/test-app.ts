// The real app on a fresh, migrated (and optionally seeded) test database, listening on a free port,
// with the development identity provider, the built-in mail catcher and the outbox worker: built by
// the same composition root as `ggk serve` (createRuntime + startWeb), with a clock the test controls.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/env.ts';
import { createRuntime } from '../../src/main/compose.ts';
import { startWeb } from '../../src/main/web.ts';
import type { MailCatcher } from '../../src/platform/mail/mail-catcher.ts';
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
    /** With demoDeliveries: the approved ones get their op-orde report, as `npm start` seeds them. */
    demoReports?: boolean;
    /** Also seed the demo's round open today (off: tests keep to the 2018 round unless they ask). */
    openRound?: boolean;
    now?: () => Date;
    env?: Record<string, string>;
    deliveries?: boolean;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
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
  const runtime = await createRuntime(config, log, {
    database: { database, url: database.url },
    ...(options.now ? { now: options.now } : {}),
    seed:
      (options.seed ?? true)
        ? {
            deliveries: options.demoDeliveries ?? false,
            openRound: options.openRound ?? false,
            reports: options.demoReports ?? false,
          }
        : false,
    mail: { catcher: true, outboxIntervalMs: 100 },
    // Without deliveries no job queue is started (pg-boss costs every test app a second or two).
    ...(options.deliveries ? { jobs: 'work' as const } : {}),
  });
  const { app, url } = await startWeb(runtime, { host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    database,
    mail: runtime.mailCatcher!,
    config,
    async close() {
      await runtime.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
