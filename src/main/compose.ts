// The one place that wires ggk together: configuration, logging, the database (embedded or from
// DATABASE_URL), migrations, the job queue and the web app. Entry points call into here.
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/env.ts';
import { connectDatabase, type Database } from '../platform/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../platform/db/embedded-postgres.ts';
import { runMigrations } from '../platform/db/migrate.ts';
import type { Logger } from '../platform/logging/logger.ts';
import type { Schema } from '../modules/database-schema.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Runtime {
  config: Config;
  log: Logger;
  database: Database<Schema>;
  databaseUrl: string;
  embedded: EmbeddedPostgresHandle | undefined;
  close(): Promise<void>;
}

/** Connects to the configured database (starting the embedded one when none is configured) and migrates it. */
export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
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
  return {
    config,
    log,
    database,
    databaseUrl,
    embedded,
    async close() {
      await database.close();
      await embedded?.stop();
    },
  };
}
