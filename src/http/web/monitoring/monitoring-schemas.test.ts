// Every route of the round monitor declares its schemas (issue 17): registered on a bare Fastify with
// the guard of route-schemas.ts, a route without them stops registration. Registering touches no
// dependency, so no database is needed; the routes themselves are exercised by the integration tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaRoutes } from '../../../../test/support/route-area.ts';
import { registerMonitoringRoutes } from '../monitoring.routes.tsx';
import { markRegularRouteRoute } from './mark-regular-route.route.tsx';
import { undoRegularRouteRoute } from './undo-regular-route.route.tsx';

test('every monitoring route declares its querystring, params and body schemas', async () => {
  const { app, routes } = await areaRoutes(registerMonitoringRoutes);
  assert.deepEqual(routes, [
    'GET /monitor',
    'GET /monitor.csv',
    'GET /monitor/reguliere-route',
    'GET /monitor/tijdlijn',
    'POST /monitor/reguliere-route',
    'POST /monitor/reguliere-route/ongedaan-maken',
  ]);
  await app.close();
});

test('an empty regular-route form passes its schema, so the page names the missing fields itself', () => {
  assert.deepEqual(markRegularRouteRoute.schema.body.parse({}), {});
  assert.deepEqual(undoRegularRouteRoute.schema.body.parse({ _csrf: 'x', deelnemer: 'y', extra: 'z' }), {
    _csrf: 'x',
    deelnemer: 'y',
  });
});
