// Every route of the CBS pages declares its schemas (issue 17): the area's registrar runs on
// a bare Fastify with the guard that refuses a route without them (as app.ts will), and input outside
// the schemas is refused with 400 before a handler runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaRoutes } from '../../../../test/support/route-area.ts';
import { registerCbsReportRoutes } from '../cbs-reports.routes.tsx';

const areaApp = () => areaRoutes(registerCbsReportRoutes);

test('every CBS page route declares its querystring, params and body schemas', async () => {
  const { app, routes } = await areaApp();
  assert.deepEqual(routes, [
    'GET /cbs/aanleveringen',
    'GET /cbs/aanleveringen/:id',
    'POST /cbs/aanleveringen/:id/op-orde-rapport',
    'POST /cbs/aanleveringen/instelling',
  ]);
  await app.close();
});

test('input outside the schemas is refused before the handler', async () => {
  const { app } = await areaApp();
  // (A path parameter over 100 characters Fastify itself refuses with 414, as before.)
  const response = await app.inject({
    method: 'POST',
    url: '/cbs/aanleveringen/instelling',
    payload: { rapporten: 'x'.repeat(101) },
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /body\/rapporten/);
  await app.close();
});
