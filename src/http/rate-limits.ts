// Rate limits, in one table rather than spread over the route files: a general limit on every
// route, keyed by credential (an API token or session that really authenticates: each gemeente's
// software has its own budget, also when many share one address) and otherwise by client address;
// and tighter limits on the routes an attacker would hammer: logging in (per address) and uploading
// (per credential). A made-up session cookie or bearer token authenticates nothing, so it falls back
// to the address's budget: sending a fresh fake credential per request buys no new budget.
// Exceeding a limit gives 429 with a Dutch message (http/error-handler.ts). The counters are rows in
// PostgreSQL (rate-limit-store.ts), so several web nodes share each budget.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { AppDeps } from './app.ts';
import { authenticate } from './auth/access-control.ts';
import { postgresRateLimitStore } from './rate-limit-store.ts';

export const GENERAL_LIMIT = { max: 600, timeWindow: 60_000 };
/** Starting a login, its callback and the pre-login forms: per client address. */
export const LOGIN_LIMIT = {
  max: 30,
  timeWindow: 60_000,
  keyGenerator: (request: FastifyRequest) => `ip:${request.ip}`,
};
/**
 * Deliveries per credential (the general key), one budget shared by every way of delivering: the
 * form, the API and finishing a resumable upload. A gemeente delivers a few times, not hundreds a
 * minute.
 */
export const UPLOAD_LIMIT = { max: 30, timeWindow: 60_000 };
/** Starting resumable uploads (one per file): two deliveries of the largest size (60 files) a minute. */
export const RESUMABLE_CREATE_LIMIT = { max: 120, timeWindow: 60_000 };
/** Chunks of resumable uploads (1 MiB each from the portal): about 20 MiB/s per credential. */
export const RESUMABLE_CHUNK_LIMIT = { max: 1200, timeWindow: 60_000 };

/** CBS's channel takes a whole round (thousands of files) in one go: its own, larger budget. */
export const CBS_CHANNEL_LIMIT = { max: 30_000, timeWindow: 60_000 };

type Group = 'login' | 'cbs-channel' | 'upload' | 'resumable-create' | 'resumable-chunk';

/** Groups whose routes each get the limit as their own route config (a budget per route). */
const PER_ROUTE: Partial<Record<Group, object>> = { login: LOGIN_LIMIT, 'cbs-channel': CBS_CHANNEL_LIMIT };

const LIMITS: Record<string, Group> = {
  'GET /inloggen/start': 'login',
  'POST /inloggen/start': 'login',
  'GET /inloggen/callback': 'login',
  'POST /aanmelden': 'login',
  'POST /uitnodiging': 'login',
  'POST /aanleveren': 'upload',
  'POST /api/v1/deliveries': 'upload',
  'POST /aanleveren/afronden': 'upload',
  'POST /aanleveren/hervatbaar': 'resumable-create',
  'PATCH /aanleveren/hervatbaar/:id': 'resumable-chunk',
  'GET /api/v1/cbs/handovers': 'cbs-channel',
  'GET /api/v1/cbs/files/:fileId': 'cbs-channel',
  'POST /api/v1/cbs/handovers/:deliveryId/receipt': 'cbs-channel',
  'POST /api/v1/cbs/deliveries/:deliveryId/verdict': 'cbs-channel',
  'POST /api/v1/cbs/withdrawals/:withdrawalId/erased': 'cbs-channel',
  'PUT /api/v1/cbs/deliveries/:deliveryId/content-report': 'cbs-channel',
};

/**
 * The key of the general limit: the credential when it authenticates (the token's or session's id,
 * never the secret), else the client address. Authenticating here is the access check's own lookup,
 * done once per request (access-control.ts).
 */
export function rateLimitKeyFor(deps: AppDeps): (request: FastifyRequest) => Promise<string> {
  return async (request) => {
    try {
      await authenticate(request, deps);
    } catch {
      // The database is unreachable: the access check reports that; the limit keys by address.
      return `ip:${request.ip}`;
    }
    const principal = request.principal;
    if (principal?.kind === 'token' || principal?.kind === 'cbs') return `token:${principal.tokenId}`;
    if (principal?.kind === 'user') return `session:${principal.sessionId}`;
    return `ip:${request.ip}`;
  };
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Registers @fastify/rate-limit with the table above. The upload groups are one budget each across
 * their routes (one limiter, one store), so delivering by form, API and resumable upload draws on the
 * same 30 a minute; a route of a group is limited by that group only, other methods of the same
 * route (HEAD, DELETE of a resumable upload) by the general limit.
 */
export async function registerRateLimits(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const shared: Partial<Record<Group, Hook>> = {};
  // Before the plugin's own onRoute hook: the login and CBS routes get their config, and the group's hook
  // runs before the plugin's general one (the first limiter to run on a request is the only one).
  app.addHook('onRoute', (route: RouteOptions) => {
    const groups = new Map<string, Group>();
    for (const method of [route.method].flat()) {
      const group = LIMITS[`${method} ${route.url}`];
      const own = group && PER_ROUTE[group];
      if (own) {
        if (route.config?.rateLimit === undefined) route.config = { ...route.config, rateLimit: own };
      } else if (group) groups.set(method, group);
    }
    if (groups.size === 0) return;
    const hook: Hook = async (request, reply) => {
      const group = groups.get(request.method);
      const limiter = group && shared[group];
      if (limiter) await limiter(request, reply);
    };
    route.onRequest = [hook, ...[route.onRequest ?? []].flat()];
  });
  await app.register(rateLimit, {
    ...GENERAL_LIMIT,
    keyGenerator: rateLimitKeyFor(deps),
    store: postgresRateLimitStore(deps.pool, deps.log),
    // The counters' database unreachable: let the request through to meet the database (503).
    skipOnError: true,
  });
  // The group id names each shared limiter's budget in the store (the same name on every node).
  shared.upload = app.rateLimit({ ...UPLOAD_LIMIT, groupId: 'upload' });
  shared['resumable-create'] = app.rateLimit({ ...RESUMABLE_CREATE_LIMIT, groupId: 'resumable-create' });
  shared['resumable-chunk'] = app.rateLimit({ ...RESUMABLE_CHUNK_LIMIT, groupId: 'resumable-chunk' });
}
