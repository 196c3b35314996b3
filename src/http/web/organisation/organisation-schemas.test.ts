// Every route of the gebruikersbeheerder's pages declares its schemas (missingSchemas), and the
// schemas let through what the handlers answer with their own Dutch pages: empty or partial forms,
// one or several checkboxes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify, { type RouteOptions } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { missingSchemas, useZodSchemas } from '../../route-schemas.ts';
import { registerOrganisationRoutes } from '../organisation.routes.tsx';
import { createApiTokenSchemas } from './create-api-token.route.ts';
import { inviteUserSchemas } from './invite-user.route.ts';
import { showUsersSchemas } from './show-users.route.ts';

test('every organisation route declares querystring, params and body schemas', async () => {
  const app = Fastify();
  useZodSchemas(app);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  // Registering only builds the routes; the handlers (never called here) are what use deps.
  registerOrganisationRoutes(app, {} as AppDeps);
  await app.ready();
  const seen = routes.filter((r) => r.method !== 'HEAD').map((r) => `${String(r.method)} ${r.url}`);
  assert.deepEqual(seen, [
    'GET /organisatie/gebruikers',
    'POST /organisatie/gebruikers/uitnodigen',
    'POST /organisatie/gebruikers/rol-toekennen',
    'POST /organisatie/gebruikers/rol-intrekken',
    'POST /organisatie/gebruikers/uitschakelen',
    'GET /organisatie/api-tokens',
    'POST /organisatie/api-tokens',
    'POST /organisatie/api-tokens/intrekken',
  ]);
  for (const route of routes)
    assert.deepEqual(missingSchemas(route), [], `${String(route.method)} ${route.url}`);
  await app.close();
});

test('empty forms and one or several checkboxes reach the handler, which answers them itself', () => {
  assert.ok(inviteUserSchemas.body.safeParse({}).success);
  assert.ok(inviteUserSchemas.body.safeParse({ rollen: 'aanleveraar', persoonlijk: 'ja' }).success);
  assert.ok(inviteUserSchemas.body.safeParse({ rollen: ['aanleveraar', 'intrekker'] }).success);
  assert.ok(createApiTokenSchemas.body.safeParse({ naam: 'x', dagen: 'abc' }).success);
  assert.ok(showUsersSchemas.querystring.safeParse({ melding: 'uitgenodigd', oud: '1' }).success);
  assert.ok(!inviteUserSchemas.body.safeParse({ naam: 'n'.repeat(10_001) }).success);
});
