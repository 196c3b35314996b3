// The real app in this process, built by the composition root as `ggk serve` is (createRuntime +
// startWeb), on the bench's database and a pool the caller made (so it can watch the pool's
// connections): shared by bench:pages --explain (explain-pages.ts) and --profile (profile-pages.ts).
import { loadConfig } from '../src/config/env.ts';
import { createRuntime } from '../src/main/compose.ts';
import { startWeb } from '../src/main/web.ts';
import type { Schema } from '../src/modules/database-schema.ts';
import type { Database } from '../src/platform/db/database.ts';
import { testLogger } from '../test/support/log-sink.ts';

export async function startInProcessApp(input: {
  name: string;
  databaseUrl: string;
  database: Database<Schema>;
  env: Record<string, string | undefined>;
}): Promise<{ url: string; close(): Promise<void> }> {
  const env = Object.fromEntries(
    Object.entries(input.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const config = loadConfig({
    ...env,
    DATABASE_URL: input.databaseUrl,
    GGK_PORT: '0',
    GGK_DEV_IDP_PORT: '0',
    GGK_MAIL_CATCHER_PORT: '0',
  });
  const runtime = await createRuntime(config, testLogger(input.name), {
    database: { database: input.database, url: input.databaseUrl },
    seed: false,
  });
  try {
    const { url } = await startWeb(runtime, { host: '127.0.0.1', port: 0 });
    return { url, close: () => runtime.close() };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
