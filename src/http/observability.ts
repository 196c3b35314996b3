// Health and metrics for operators and load balancers.
//
// - GET /health/live: the process answers (no dependencies): restart it when this fails.
// - GET /health/ready: the database answers, every migration in migrations/ is applied, and the
//   object store (disk or S3) is reachable: take the node out of the load balancer when it fails.
// - GET /metrics: Prometheus text (prom-client). Not public: only with `Authorization: Bearer
//   <GGK_METRICS_TOKEN>` (compared in constant time); without a configured token it does not exist
//   (404). Per node: request rate and latency per route pattern (never the raw URL, which may hold
//   ids). Shared state is read from PostgreSQL at scrape time, so any node reports the same figures:
//   uploads and bytes, check and op-orde report durations, job queue depth and age, outbox backlog,
//   login failures by reason, and the CBS hand-over backlog.
import { z } from 'zod';
import { timingSafeEqual, createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { projectPath } from '../platform/files/project-root.ts';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isDatabaseReachable } from '../platform/db/database.ts';
import { operationalFigures } from '../modules/monitoring/index.ts';
import type { AppDeps } from './app.ts';

const MIGRATIONS_DIR = projectPath('migrations');

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerObservability(
  app: FastifyInstance,
  deps: AppDeps,
  metricsToken: string | undefined,
): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ggk_' });

  const requests = new Counter({
    name: 'ggk_http_requests_total',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'ggk_http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The pattern (/api/v1/deliveries/:id), never the URL; unknown routes are one label.
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  const db = deps.db;
  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void>) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        await collect(this);
      },
    });

  const figures = operationalFigures;
  gauge('ggk_delivery_files', 'Delivered files by state of their delivery', ['state'], async (g) => {
    for (const row of await figures.deliveryFilesByState(db)) g.set({ state: row.state }, row.n);
  });
  gauge('ggk_delivery_bytes', 'Plaintext bytes of delivered files (all time)', [], async (g) => {
    g.set(await figures.deliveredBytes(db));
  });
  gauge(
    'ggk_deliveries_received_last_hour',
    'Deliveries received in the last hour (uploads)',
    [],
    async (g) => {
      g.set(await figures.deliveriesReceivedLastHour(db));
    },
  );
  gauge(
    'ggk_check_duration_seconds',
    'Receipt to technical report, over deliveries checked in the last hour (quantile)',
    ['quantile'],
    async (g) => {
      const r = await figures.checkDurations(db);
      for (const q of ['p50', 'p95', 'p99'] as const)
        if (r?.[q] != null) g.set({ quantile: q }, Number(r[q]));
    },
  );
  gauge(
    'ggk_content_report_duration_seconds',
    'Technical report to op-orde report, over reports generated in the last hour (quantile)',
    ['quantile'],
    async (g) => {
      const r = await figures.contentReportDurations(db);
      for (const q of ['p50', 'p95'] as const) if (r?.[q] != null) g.set({ quantile: q }, Number(r[q]));
    },
  );
  gauge('ggk_job_queue_depth', 'Jobs by queue and state (pg-boss)', ['queue', 'state'], async (g) => {
    for (const row of await figures.jobsByQueue(db)) g.set({ queue: row.name, state: row.state }, row.n);
  });
  gauge(
    'ggk_job_queue_oldest_waiting_seconds',
    'Age of the oldest job waiting to start, by queue',
    ['queue'],
    async (g) => {
      for (const row of await figures.oldestWaitingJobs(db)) g.set({ queue: row.name }, row.age);
    },
  );
  gauge('ggk_outbox_backlog', 'Mails not sent yet', [], async (g) => {
    g.set((await figures.outboxBacklog(db)).n);
  });
  gauge('ggk_outbox_oldest_unsent_seconds', 'Age of the oldest unsent mail', [], async (g) => {
    g.set((await figures.outboxBacklog(db)).age ?? 0);
  });
  gauge(
    'ggk_login_failures_last_hour',
    'Failed logins in the last hour, by reason',
    ['reason'],
    async (g) => {
      for (const row of await figures.loginFailuresLastHour(db)) g.set({ reason: row.reason }, row.n);
    },
  );
  gauge(
    'ggk_handover_backlog',
    'CBS hand-over: deliveries offered to CBS and not yet received by it, and withdrawals whose erasure CBS has not confirmed (count, oldest age)',
    ['measure'],
    async (g) => {
      // The hand-over's tables (migration 0013); absent on an older schema: no figure.
      const row = await figures.handoverBacklog(db).catch(() => undefined);
      if (!row) return;
      g.set({ measure: 'items' }, row.n);
      g.set({ measure: 'oldest_seconds' }, row.age ?? 0);
      const erasures = await figures.erasureBacklog(db).catch(() => undefined);
      g.set({ measure: 'erasures' }, erasures?.n ?? 0);
      g.set({ measure: 'erasures_oldest_seconds' }, erasures?.age ?? 0);
    },
  );

  app.get(
    '/health/live',
    { schema: { querystring: z.object({}) }, config: { access: { kind: 'public' } } },
    async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );

  app.get(
    '/health/ready',
    { schema: { querystring: z.object({}) }, config: { access: { kind: 'public' } } },
    async (_request, reply) => {
      const database = await isDatabaseReachable(deps.pool);
      let migrations = false;
      if (database) {
        const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql'));
        const applied = await deps.pool
          .query<{ name: string }>('select name from schema_migrations')
          .then((r) => new Set(r.rows.map((row) => row.name)))
          .catch(() => new Set<string>());
        migrations = files.every((f) => applied.has(f));
      }
      const backend = deps.delivery?.store.backend;
      const objectStore = backend
        ? await withTimeout(backend.ping(), 3_000).then(
            () => true,
            () => false,
          )
        : true;
      const ready = database && migrations && objectStore;
      return reply
        .status(ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({
          status: ready ? 'ok' : 'unavailable',
          database: database ? 'ok' : 'unreachable',
          migrations: migrations ? 'ok' : 'pending',
          objectStore: objectStore ? 'ok' : 'unreachable',
        });
    },
  );

  app.get(
    '/metrics',
    { schema: { querystring: z.object({}) }, config: { access: { kind: 'public' } } },
    async (request, reply) => {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (metricsToken === undefined || given === undefined || !sameSecret(given, metricsToken)) {
        // Indistinguishable from a route that does not exist.
        return reply.callNotFound();
      }
      return reply
        .header('content-type', registry.contentType)
        .header('cache-control', 'no-store')
        .send(await registry.metrics());
    },
  );
}
