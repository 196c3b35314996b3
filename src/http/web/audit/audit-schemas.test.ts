// Every route of this area declares its schemas (issue 17): registered on a bare Fastify with the
// guard of route-schemas.ts (test/support/route-area.ts), a route without them stops registration.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaRoutes } from '../../../../test/support/route-area.ts';
import { registerAuditRoutes } from '../audit.routes.tsx';

test('every audit route declares its querystring, params and body schemas', async () => {
  const { app, routes } = await areaRoutes(registerAuditRoutes);
  assert.deepEqual(routes, ['GET /beheer/audit', 'GET /beheer/audit.csv', 'GET /organisatie/audit']);
  await app.close();
});
