// Every route of this area declares its schemas (issue 17): registered on a bare Fastify with the
// guard of route-schemas.ts, a route without them stops registration. Registering touches no
// dependency, so no database is needed; the pages themselves are exercised by the integration tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import type { AppDeps } from '../../app.ts';
import { missingSchemas, registerRouteSchemas } from '../../route-schemas.ts';
import { registerAuditRoutes } from '../audit.routes.tsx';

test('every audit route declares its querystring, params and body schemas', async () => {
  const app = Fastify();
  registerRouteSchemas(app);
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD') return;
    assert.deepEqual(missingSchemas(route), [], `${String(route.method)} ${route.url}`);
    routes.push(`${String(route.method)} ${route.url}`);
  });
  registerAuditRoutes(app, {} as AppDeps);
  await app.ready();
  assert.deepEqual(routes.sort(), ['GET /beheer/audit', 'GET /beheer/audit.csv', 'GET /organisatie/audit']);
  await app.close();
});
