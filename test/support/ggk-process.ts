// Runs the real `ggk` command (bin/ggk.js) as a child process, as a user would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const GGK_BIN = fileURLToPath(new URL('../../bin/ggk.js', import.meta.url));

/** The environment of this process without anything that would configure ggk. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('GGK_') && k !== 'DATABASE_URL') env[k] = v;
  return { ...env, NODE_ENV: 'test', ...extra };
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `ggk serve` and resolves once it prints the URL it listens on. */
export function startServe(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [GGK_BIN, 'serve'], { env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ggk serve did not start in time:\n${out}`));
    }, timeoutMs);
    const onData = () => {
      const m = /ggk draait op (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({
        child,
        url: m[1]!,
        output: () => out,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ggk serve exited with ${code}:\n${out}`));
    });
  });
}
