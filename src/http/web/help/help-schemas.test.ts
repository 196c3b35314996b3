// Every route of this area declares its schemas (issue 17): registered on a bare Fastify with the
// guard of route-schemas.ts, a route without them stops registration. Registering touches no
// dependency, so no database is needed; the pages themselves are exercised by help.int and help.e2e.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaRoutes } from '../../../../test/support/route-area.ts';
import { registerHelpRoutes } from '../help.routes.tsx';

test('every help route declares its querystring, params and body schemas', async () => {
  const { app, routes } = await areaRoutes(registerHelpRoutes);
  assert.deepEqual(routes, [
    'GET /help',
    'GET /help/snelstart',
    'GET /help/snelstart.pdf',
    'GET /help/voorbeeldbestanden/:type',
  ]);
  await app.close();
});
