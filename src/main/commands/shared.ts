// What every command needs first: a valid configuration and a logger. Configuration errors end the
// process with every problem listed, not with a stack trace.
// Both are imported when a command runs, not when cli.ts registers it: zod (env.ts) and pino
// (logger.ts) cost ~0.35 CPU-s to load, a third of `ggk --help`.
import type { Config } from '../../config/env.ts';
import type { Logger } from '../../platform/logging/logger.ts';

/**
 * Servers log to stdout; every other command logs to stderr, so that its stdout carries only its
 * answer (a token, a JSON report).
 */
export async function bootstrap(
  overrides: Partial<Config> = {},
  options: { logTo?: 'stdout' | 'stderr' } = {},
): Promise<{ config: Config; log: Logger }> {
  const [{ ConfigError, loadConfig }, { createLogger }] = await Promise.all([
    import('../../config/env.ts'),
    import('../../platform/logging/logger.ts'),
  ]);
  let config: Config;
  try {
    config = loadConfig(process.env, overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const destination = (options.logTo ?? 'stderr') === 'stderr' ? { destination: 'stderr' as const } : {};
  return { config, log: createLogger({ level: config.logLevel, ...destination }) };
}

/** Prints a failure as one Dutch line (plus its cause) and exits with status 1. */
export function failCommand(log: Logger, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  log.error({ err: error }, 'command failed');
  process.stderr.write(`ggk: ${message}${cause}\n`);
  process.exit(1);
}
