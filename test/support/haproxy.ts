// HAProxy in front of several `ggk serve` nodes on this machine (issue 19): round-robin, no sticky
// sessions, health check on /health/ready, a refused connection redispatched to another node, the
// client's address in X-Forwarded-For. Every answer carries X-GGK-Node (the node that answered), and
// a request with that header goes to the node it names (while that node is up), so a test can move
// a client from node to node. Used by test/integration/multi-node.int.test.ts and bench:surge.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const HAPROXY = process.env.GGK_HAPROXY ?? '/usr/sbin/haproxy';

export function haproxyInstalled(): boolean {
  return existsSync(HAPROXY);
}

export interface Balancer {
  url: string;
  /** HAProxy's own output: its start-up messages and a log line for every abnormal request. */
  output(): string;
  stop(): Promise<void>;
}

/** Writes the configuration into `dir`, starts HAProxy on `port` and waits until every node answers. */
export async function startHaproxy(options: {
  dir: string;
  port: number;
  nodes: Array<{ name: string; port: number }>;
  /** `timeout client` and `timeout server` (default 10m); bench:surge --balancer-timeout sets it. */
  inactivityTimeout?: string;
}): Promise<Balancer> {
  const inactivity = options.inactivityTimeout ?? '10m';
  if (!/^\d{1,6}(ms|s|m)$/.test(inactivity)) throw new Error(`not a HAProxy timeout: ${inactivity}`);
  const config = path.join(options.dir, 'haproxy.cfg');
  await writeFile(
    config,
    [
      'global',
      '  maxconn 512',
      // Only abnormal requests are logged (dontlog-normal), on stdout: output() shows them with their
      // termination state (e.g. sD: the server side timed out while data was flowing).
      '  log stdout format raw local0 info',
      'defaults',
      '  mode http',
      '  log global',
      '  option httplog',
      '  option dontlog-normal',
      '  timeout connect 2s',
      // Inactivity limits, not durations: a large upload keeps them alive while bytes flow. A node
      // storing into a busy object store may stop reading for a while (backpressure); 120 s cut such
      // uploads in the 2-node S3 surge at load 35 ('write EPIPE' on the client). As in
      // docs/operations.md.
      '  timeout http-request 30s',
      `  timeout client ${inactivity}`,
      `  timeout server ${inactivity}`,
      // A request whose node refuses the connection (killed) goes to another one. A GET or HEAD
      // sent on a kept-alive connection to a node that has just died gets an empty answer: that is
      // retried on another node too (without retry-on HAProxy closes the client's connection for the
      // client to retry, which a browser does and fetch does not: CI saw 'other side closed'). Other
      // methods are never resent: the dead node may have acted on them.
      '  retries 3',
      '  retry-on conn-failure empty-response',
      '  option redispatch 1',
      '  option forwardfor',
      'frontend ggk',
      `  bind 127.0.0.1:${options.port}`,
      '  default_backend nodes',
      'backend nodes',
      '  balance roundrobin',
      '  http-request disable-l7-retry if !METH_GET !METH_HEAD',
      '  option httpchk GET /health/ready',
      '  http-response set-header X-GGK-Node %s',
      // Lets a test choose the node; a node that is down is skipped (no force-persist).
      ...options.nodes.map((n) => `  use-server ${n.name} if { req.hdr(x-ggk-node) -m str ${n.name} }`),
      // A check waits up to 5 s (without 'timeout check' HAProxy allows only 'inter'): in the full
      // 2-node S3 surge at load 20 a busy node answered /health/ready slower than 500 ms twice, was
      // marked down while the other was being restarted, and for 30 s no node was up (503 <NOSRV>).
      '  timeout check 5s',
      ...options.nodes.map((n) => `  server ${n.name} 127.0.0.1:${n.port} check inter 500ms fall 3 rise 1`),
      '',
    ].join('\n'),
  );
  let out = '';
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const balancer: Balancer = {
    url,
    output: () => out,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
  const seen = new Set<string>();
  for (let i = 0; i < 150 && seen.size < options.nodes.length; i++) {
    if (child.exitCode !== null) break;
    const res = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (res?.status === 200) seen.add(res.headers.get('x-ggk-node') ?? '');
    await res?.body?.cancel();
    if (seen.size < options.nodes.length) await sleep(200);
  }
  if (seen.size < options.nodes.length) {
    await balancer.stop();
    throw new Error(`HAProxy did not reach every node (${[...seen].join(', ')}):\n${out}`);
  }
  return balancer;
}
