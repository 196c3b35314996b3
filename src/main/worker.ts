// The worker entry point: background jobs without the web server (the technical check of
// deliveries, the op-orde report, retention, reminders and the mail outbox). `ggk serve` runs the
// same jobs in its own process by default; with GGK_JOBS=false there, a separate `ggk worker` does
// them. A worker needs a real SMTP server: the built-in mail catcher lives in the web process.
import type { Config } from '../config/env.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { createRuntime } from './compose.ts';

export async function startWorker(config: Config, log: Logger): Promise<{ stop(): Promise<void> }> {
  const runtime = await createRuntime(config, log, { mail: { catcher: false }, jobs: 'work' });
  return { stop: () => runtime.close() };
}
