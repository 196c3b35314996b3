// The web entry point: open the runtime (database, migrations), seed the demo world into an empty
// database, start the job queue when this process runs jobs, and listen.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/env.ts';
import { buildApp } from '../http/app.ts';
import { loadClassification } from '../modules/classification/index.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { startJobQueue, stopJobQueue, type JobQueue } from '../platform/jobs/job-queue.ts';
import { openRuntime, type Runtime } from './compose.ts';
import { seedDemo } from './seed-demo.ts';

export interface RunningServer {
  url: string;
  runtime: Runtime;
  app: FastifyInstance;
  stop(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const runtime = await openRuntime(config, log);
  let jobs: JobQueue | undefined;
  try {
    const classification = loadClassification();
    if (config.seedDemo) {
      const outcome = await seedDemo(runtime.database.db, classification);
      log.info(
        { outcome },
        outcome === 'seeded' ? 'demo data seeded' : 'database already has data; seed skipped',
      );
    }
    if (config.runJobs) jobs = await startJobQueue(runtime.databaseUrl, log.child({ module: 'jobs' }));
    const app = await buildApp({
      config,
      log,
      db: runtime.database.db,
      pool: runtime.database.pool,
      classification,
      now: () => new Date(),
    });
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.port === 0 ? config.baseUrl.replace(/:0$/, `:${port}`) : config.baseUrl;
    let stopped = false;
    return {
      url,
      runtime,
      app,
      async stop() {
        if (stopped) return;
        stopped = true;
        await app.close();
        if (jobs) await stopJobQueue(jobs);
        await runtime.close();
      },
    };
  } catch (error) {
    if (jobs) await stopJobQueue(jobs).catch(() => undefined);
    await runtime.close();
    throw error;
  }
}
