// An area of the portal registered on a bare Fastify with the schema guard of app.ts (issue 17):
// a route without its schemas stops registration, and every route is listed as "METHOD url" (HEAD,
// which Fastify adds to each GET, left out). Registering reads no dependency (only handlers do, and
// no request here reaches one), so no database is needed; the pages themselves are exercised by the
// integration tests. Used by src/http/web/<area>/<area>-schemas.test.ts.
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDeps } from '../../src/http/app.ts';
import { missingSchemas, registerRouteSchemas } from '../../src/http/route-schemas.ts';

export async function areaRoutes(
  register: (app: FastifyInstance, deps: AppDeps) => void,
): Promise<{ app: FastifyInstance; routes: string[] }> {
  const app = Fastify();
  registerRouteSchemas(app);
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD') return;
    assert.deepEqual(missingSchemas(route), [], `${String(route.method)} ${route.url}`);
    routes.push(`${[route.method].flat().join(',')} ${route.url}`);
  });
  register(app, {} as AppDeps);
  await app.ready();
  return { app, routes: routes.sort() };
}
