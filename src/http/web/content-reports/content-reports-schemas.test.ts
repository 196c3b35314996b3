// Every route of the op-orde report pages declares its schemas (issue 17): the area's registrar runs on
// a bare Fastify with the guard that refuses a route without them (as app.ts will), and input outside
// the schemas is refused with 400 before a handler runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaRoutes } from '../../../../test/support/route-area.ts';
import { registerContentReportRoutes } from '../content-reports.routes.tsx';

const areaApp = () => areaRoutes(registerContentReportRoutes);

test('every content-report route declares its querystring, params and body schemas', async () => {
  const { app, routes } = await areaApp();
  assert.deepEqual(routes, [
    'GET /aanleveringen/:id/op-orde',
    'GET /aanleveringen/:id/op-orde.json',
    'GET /aanleveringen/:id/op-orde.pdf',
    'GET /aanleveringen/:id/op-orde/cbs.pdf',
    'GET /aanleveringen/:id/op-orde/tabellen/:table',
    'GET /op-orde-rapporten',
    'POST /op-orde-rapporten/tegenhouden',
    'POST /op-orde-rapporten/vrijgeven',
  ]);
  await app.close();
});

test('input outside the schemas is refused before the handler', async () => {
  const { app } = await areaApp();
  // (A path parameter over 100 characters Fastify itself refuses with 414, as before.)
  const response = await app.inject({
    method: 'POST',
    url: '/op-orde-rapporten/vrijgeven',
    payload: { blokkade: 'x'.repeat(101) },
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /body\/blokkade/);
  await app.close();
});
