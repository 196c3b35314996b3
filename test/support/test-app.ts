// The real app on a fresh, migrated (and optionally seeded) test database, listening on a free port.
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/env.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadClassification } from '../../src/modules/classification/index.ts';
import { seedDemo } from '../../src/main/seed-demo.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(options: { seed?: boolean; now?: () => Date } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const classification = loadClassification();
  if (options.seed ?? true) await seedDemo(database.db, classification);
  const config = loadConfig({ DATABASE_URL: database.url, NODE_ENV: 'test', GGK_PORT: '0' });
  const app = await buildApp({
    config,
    log: createLogger({ level: 'silent' }),
    db: database.db,
    pool: database.pool,
    classification,
    now: options.now ?? (() => new Date()),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
