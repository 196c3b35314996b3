// Every route of this area declares its schemas (issue 17): registered on a bare Fastify with the
// guard of route-schemas.ts, a route without them stops registration. Registering touches no
// dependency, so no database is needed; the pages themselves are exercised by the integration tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaRoutes } from '../../../../test/support/route-area.ts';
import { registerAdminRoutes } from '../admin.routes.tsx';
import { rejectRegistrationRoute } from './reject-registration.route.tsx';

test('every admin route declares its querystring, params and body schemas', async () => {
  const { app, routes } = await areaRoutes(registerAdminRoutes);
  assert.deepEqual(routes, [
    'GET /beheer/aanmeldingen',
    'GET /beheer/contactgegevens',
    'GET /beheer/inlogpogingen',
    'GET /beheer/mail',
    'POST /beheer/aanmeldingen/afwijzen',
    'POST /beheer/aanmeldingen/goedkeuren',
    'POST /beheer/contactgegevens',
  ]);
  await app.close();
});

test("a rejection's reason, named after the request, passes the body schema to the handler", () => {
  const id = '0b6a4c1e-2f0a-4d35-9d8e-3c1f5a7b9e20';
  assert.deepEqual(
    rejectRegistrationRoute.schema.body.parse({ _csrf: 'x', aanmelding: id, [`reden-${id}`]: 'Dubbel' }),
    {
      _csrf: 'x',
      aanmelding: id,
      [`reden-${id}`]: 'Dubbel',
    },
  );
  assert.deepEqual(rejectRegistrationRoute.schema.body.parse({}), {});
});
