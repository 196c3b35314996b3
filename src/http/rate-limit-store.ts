// The rate limits' counters in PostgreSQL (table rate_limit_counters, migration 0026-a), so every web
// node draws on one budget per client: with the plugin's in-memory store each of N nodes behind a
// round-robin balancer gave a client the whole budget again. One upsert per request and limit,
// atomic per key (two nodes counting the same key at once both count); the database's clock decides
// when a window ends, so nodes whose clocks differ still agree. The window is fixed, as in the
// in-memory store: it starts at the key's first request and restarts once it has passed.
//
// A node deletes expired rows at most once a minute, after a count. When the database cannot answer,
// the store reports the error and the limiter lets the request through (skipOnError): the request then
// meets the database itself and is answered 503 by the error handler, /health included.
import type pg from 'pg';
import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import type { Logger } from '../platform/logging/logger.ts';

const COUNT = `
  insert into rate_limit_counters as c (key, hits, resets_at)
  values ($1, 1, clock_timestamp() + make_interval(secs => $2::double precision / 1000))
  on conflict (key) do update set
    hits = case when c.resets_at <= clock_timestamp() then 1 else least(c.hits, 2000000000) + 1 end,
    resets_at = case when c.resets_at <= clock_timestamp() then excluded.resets_at else c.resets_at end
  returning hits, greatest(0, ceil(extract(epoch from resets_at - clock_timestamp()) * 1000))::bigint as ttl`;

const READ = `
  select hits, greatest(0, ceil(extract(epoch from resets_at - clock_timestamp()) * 1000))::bigint as ttl
  from rate_limit_counters where key = $1 and resets_at > clock_timestamp()`;

const CLEAN = 'delete from rate_limit_counters where resets_at <= clock_timestamp()';

export const CLEAN_INTERVAL_MS = 60_000;

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the plugin passes to child(): a route's merged options, or a shared limiter's (no route). */
interface ChildOptions {
  routeInfo?: { method?: string | string[]; url?: string };
  /** Names a limiter shared by several routes (registerRateLimits): its budget's own namespace. */
  groupId?: string;
}

/**
 * A store class for @fastify/rate-limit (`store:` option) over `pool`. The plugin's own limit is the
 * namespace `general`; a route's own limit is named by its method and URL, a shared limiter by its
 * groupId, so two limits never count on each other's rows, on whichever node they run.
 */
export function postgresRateLimitStore(pool: pg.Pool, log: Logger): FastifyRateLimitStoreCtor {
  let lastClean = 0;
  let lastWarning = 0;
  const fail = (error: unknown, cb: Callback) => {
    // One warning a minute is enough to see the database failing; every request would flood the log.
    if (Date.now() - lastWarning > 60_000) {
      lastWarning = Date.now();
      log.warn({ err: error }, 'rate-limit counters unavailable; requests pass unlimited');
    }
    cb(error instanceof Error ? error : new Error(String(error)));
  };
  const clean = () => {
    if (Date.now() - lastClean < CLEAN_INTERVAL_MS) return;
    lastClean = Date.now();
    pool
      .query(CLEAN)
      .catch((error: unknown) => log.warn({ err: error }, 'cleaning rate-limit counters failed'));
  };

  class PostgresRateLimitStore implements FastifyRateLimitStore {
    readonly namespace: string;
    constructor(_options?: FastifyRateLimitOptions, namespace = 'general') {
      this.namespace = namespace;
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      pool
        // A named statement: parsed once per connection, as every request counts (issue 21).
        .query<{ hits: number; ttl: number }>({
          name: 'ggk_rate_limit_count',
          text: COUNT,
          values: [`${this.namespace}|${key}`, timeWindow],
        })
        .then(({ rows }) => {
          cb(null, { current: rows[0]!.hits, ttl: Number(rows[0]!.ttl) });
          clean();
        })
        .catch((error: unknown) => fail(error, cb));
    }

    read(key: string, cb: Callback): void {
      pool
        .query<{ hits: number; ttl: number }>(READ, [`${this.namespace}|${key}`])
        .then(({ rows }) =>
          cb(null, rows[0] ? { current: rows[0].hits, ttl: Number(rows[0].ttl) } : { current: 0, ttl: 0 }),
        )
        .catch((error: unknown) => fail(error, cb));
    }

    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // Typed as route options; at run time the plugin passes the limit's merged options.
      const { routeInfo: route, groupId } = options as unknown as ChildOptions;
      const name =
        route?.url !== undefined ? `${[route.method ?? ''].flat().join(',')} ${route.url}` : groupId;
      if (name === undefined) throw new Error('a shared rate limiter needs a groupId to name its budget');
      return new PostgresRateLimitStore(undefined, name);
    }
  }
  return PostgresRateLimitStore;
}
