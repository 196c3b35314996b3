// Runs the real `ggk` command (bin/ggk.js) as a child process, as a user would.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { childOutputSink } from './log-sink.ts';

export const GGK_BIN = fileURLToPath(new URL('../../bin/ggk.js', import.meta.url));

/**
 * The environment of this process without anything that would configure ggk, except that every
 * server ggk may start listens on a free port (0), so a test never collides with `npm start` or
 * another test; `extra` may say otherwise.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('GGK_') && k !== 'DATABASE_URL') env[k] = v;
  return {
    ...env,
    NODE_ENV: 'test',
    GGK_PORT: '0',
    GGK_DEV_IDP_PORT: '0',
    GGK_MAIL_CATCHER_PORT: '0',
    ...extra,
  };
}

export interface GgkProcess {
  child: ChildProcessWithoutNullStreams;
  /** What the ready line matched (for serve: the URL). */
  ready: RegExpExecArray;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `ggk <args>` and resolves once its output matches `readyLine`; rejects if it exits first. */
export function startGgk(
  args: string[],
  readyLine: RegExp,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  bin = GGK_BIN,
): Promise<GgkProcess> {
  const sink = childOutputSink(`ggk-${args[0] ?? ''}`);
  // With the log sink on, a process the test quietened to warnings logs its requests too, so the
  // scan at the end of the run sees them.
  if (sink && ['warn', 'error'].includes(env.GGK_LOG_LEVEL ?? '')) env = { ...env, GGK_LOG_LEVEL: 'info' };
  const child = spawn(process.execPath, [bin, ...args], { env });
  if (sink) {
    child.stdout.on('data', (d: Buffer) => sink.write(d));
    child.stderr.on('data', (d: Buffer) => sink.write(d));
    child.once('close', () => sink.end());
  }
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ggk ${args[0]} did not start in time:\n${out}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`ggk ${args[0]} exited with ${code}:\n${out}`));
    };
    const onData = () => {
      const m = readyLine.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve({
        child,
        ready: m,
        output: () => out,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

export interface ServeProcess extends GgkProcess {
  url: string;
}

/** Starts `ggk serve` (by default this project's bin/ggk.js) and resolves once it prints the URL it listens on. */
export async function startServe(
  env: NodeJS.ProcessEnv,
  timeoutMs = 90_000,
  bin = GGK_BIN,
): Promise<ServeProcess> {
  const p = await startGgk(['serve'], /ggk draait op (http:\/\/\S+)/, env, timeoutMs, bin);
  return { ...p, url: p.ready[1]! };
}

/** USER_HZ, the unit of /proc's CPU times (100 on every Linux this runs on). */
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * CPU-seconds (user + system, all threads) process `pid` has used so far, from /proc; undefined where
 * /proc is not there or the process is gone. For benchmarks: steadier than wall time on a busy machine.
 */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)" (which may hold spaces): state is the first, utime and stime the 12th and
    // 13th (fields 14 and 15 of proc(5)), in clock ticks.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
