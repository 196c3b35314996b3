// Every route of the servicedesk declares its schemas (issue 17): registered on a bare Fastify with
// the guard of route-schemas.ts, a route without them stops registration. Registering touches no
// dependency, so no database is needed; the pages themselves are exercised by the integration tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaRoutes } from '../../../../test/support/route-area.ts';
import { registerServicedeskRoutes } from '../servicedesk.routes.tsx';
import { idParams } from './shared.ts';

test('every servicedesk route declares its querystring and params schemas', async () => {
  const { app, routes } = await areaRoutes(registerServicedeskRoutes);
  assert.deepEqual(routes, [
    'GET /beheer/servicedesk',
    'GET /beheer/servicedesk/gebruiker/:id',
    'GET /beheer/servicedesk/organisatie/:id',
  ]);
  await app.close();
});

test('a malformed id passes the params schema, so the handler answers its own 404 page', () => {
  assert.deepEqual(idParams.parse({ id: 'geen-uuid' }), { id: 'geen-uuid' });
  assert.equal(idParams.safeParse({ id: 'x'.repeat(101) }).success, false);
});
