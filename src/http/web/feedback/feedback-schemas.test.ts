// Every route of the feedback pages declares its schemas (issue 17): the area's registrar runs on
// a bare Fastify with the guard that refuses a route without them (as app.ts will), and input outside
// the schemas is refused with 400 before a handler runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaRoutes } from '../../../../test/support/route-area.ts';
import { registerFeedbackRoutes } from '../feedback.routes.tsx';

const areaApp = () => areaRoutes(registerFeedbackRoutes);

test('every feedback route declares its querystring, params and body schemas', async () => {
  const { app, routes } = await areaApp();
  assert.deepEqual(routes, [
    'GET /beheer/feedback',
    'GET /beheer/feedback.csv',
    'GET /feedback',
    'GET /feedback/evaluatie',
    'POST /feedback',
    'POST /feedback/evaluatie',
  ]);
  await app.close();
});

test('input outside the schemas is refused before the handler', async () => {
  const { app } = await areaApp();
  const response = await app.inject({
    method: 'POST',
    url: '/feedback/evaluatie',
    payload: { snelheid: 'x'.repeat(101) },
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /body\/snelheid/);
  await app.close();
});
