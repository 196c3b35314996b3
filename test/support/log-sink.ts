// Captures what the test processes log, so that the run can check afterwards that no BSN, token or
// session ever reached a log line (test/support/log-scan.ts, run by scripts/run-tests.ts). Enabled
// by GGK_TEST_LOG_DIR, which the test runner sets: in-process test apps then log at debug level to
// a file there (instead of not at all), and `ggk` child processes have their output copied there.
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { createLogger, type Logger } from '../../src/platform/logging/logger.ts';

export const LOG_DIR_ENV = 'GGK_TEST_LOG_DIR';

function fileFor(label: string): string | undefined {
  const dir = process.env[LOG_DIR_ENV];
  if (!dir) return undefined;
  const safe = label.replace(/[^a-z0-9-]+/gi, '-').slice(0, 40);
  return path.join(dir, `${safe}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.log`);
}

/** The logger of an in-process test app: debug into the sink when there is one, else silent. */
export function testLogger(label: string): Logger {
  const file = fileFor(label);
  if (!file) return createLogger({ level: 'silent' });
  // pino's own file destination (synchronous: nothing is lost when a test process ends abruptly).
  const destination = pino.destination({ dest: file, sync: true, mkdir: true });
  return createLogger({ level: 'debug', destination: destination as unknown as NodeJS.WritableStream });
}

/** A file to copy a child process's output into, when the sink is on. */
export function childOutputSink(label: string): WriteStream | undefined {
  const file = fileFor(label);
  return file ? createWriteStream(file, { flags: 'a' }) : undefined;
}
