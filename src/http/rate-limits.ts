// Rate limits, in one table rather than spread over the route files: a general limit on every
// route, keyed by credential (an API token or session: each gemeente's software has its own
// budget, also when many share one address) and otherwise by client address; and tighter limits on
// the routes an attacker would hammer: logging in (per address) and uploading (per credential).
// Exceeding a limit gives 429 with a Dutch message (http/error-handler.ts).
import type { FastifyRequest, RouteOptions } from 'fastify';
import { hashSecret } from '../platform/crypto/secrets.ts';
import { SESSION_COOKIE } from './auth/access-control.ts';

export const GENERAL_LIMIT = { max: 600, timeWindow: 60_000 };
/** Starting a login, its callback and the pre-login forms: per client address. */
export const LOGIN_LIMIT = {
  max: 30,
  timeWindow: 60_000,
  keyGenerator: (request: FastifyRequest) => `ip:${request.ip}`,
};
/** Uploads per token or session (the general key): a gemeente delivers a few files, not hundreds a minute. */
export const UPLOAD_LIMIT = { max: 30, timeWindow: 60_000 };

const SESSION_COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`);

const LIMITS: Record<string, object> = {
  'GET /inloggen/start': LOGIN_LIMIT,
  'POST /inloggen/start': LOGIN_LIMIT,
  'GET /inloggen/callback': LOGIN_LIMIT,
  'POST /aanmelden': LOGIN_LIMIT,
  'POST /uitnodiging': LOGIN_LIMIT,
  'POST /aanleveren': UPLOAD_LIMIT,
  'POST /api/v1/deliveries': UPLOAD_LIMIT,
};

/** The key of the general limit: the credential when there is one, else the client address. */
export function rateLimitKey(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer '))
    return `token:${hashSecret(auth.slice(7).trim()).slice(0, 32)}`;
  const cookie = SESSION_COOKIE_VALUE.exec(request.headers.cookie ?? '')?.[1];
  if (cookie) return `session:${hashSecret(cookie).slice(0, 32)}`;
  return `ip:${request.ip}`;
}

/** An onRoute hook, added before @fastify/rate-limit: gives the routes of the table their limit. */
export function applyRateLimits(route: RouteOptions): void {
  for (const method of [route.method].flat()) {
    const limit = LIMITS[`${method} ${route.url}`];
    if (limit && route.config?.rateLimit === undefined) route.config = { ...route.config, rateLimit: limit };
  }
}
