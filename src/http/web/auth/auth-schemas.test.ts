// Every login, invitation, logout and "Mijn account" route declares its schemas (missingSchemas), the
// routes keep the method and url their rate-limit keys name, and the OIDC callback lets through every
// parameter the identity provider sends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify, { type RouteOptions } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { missingSchemas, useZodSchemas } from '../../route-schemas.ts';
import { registerAccountRoutes } from '../account.routes.tsx';
import { registerAuthRoutes } from '../auth.routes.tsx';
import { acceptInvitationSchemas } from './accept-invitation.route.tsx';
import { completeLoginSchemas } from './complete-login.route.tsx';
import { switchOrganisationSchemas } from './switch-organisation.route.ts';

test('every auth and account route declares querystring, params and body schemas', async () => {
  const app = Fastify();
  useZodSchemas(app);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  // Registering only builds the routes; the handlers (never called here) are what use deps.
  registerAuthRoutes(app, {} as AppDeps);
  registerAccountRoutes(app, {} as AppDeps);
  await app.ready();
  const seen = routes.filter((r) => r.method !== 'HEAD').map((r) => `${String(r.method)} ${r.url}`);
  assert.deepEqual(seen, [
    'GET /inloggen',
    'GET /inloggen/start',
    'GET /inloggen/callback',
    'POST /uitloggen',
    'GET /uitgelogd',
    'GET /uitnodiging/:token',
    'POST /uitnodiging',
    'POST /organisatie-kiezen',
    'POST /sessie/verlengen',
    'GET /account',
  ]);
  for (const route of routes)
    assert.deepEqual(missingSchemas(route), [], `${String(route.method)} ${route.url}`);
  await app.close();
});

test('the OIDC callback takes whatever the identity provider sends', () => {
  const query = {
    code: 'c'.repeat(2000),
    state: 's',
    iss: 'https://broker.example',
    session_state: 'x',
    error: 'access_denied',
    error_description: 'De gebruiker heeft geannuleerd',
    error_uri: 'https://broker.example/fout',
    iets_nieuws: 'y',
  };
  const parsed = completeLoginSchemas.querystring.safeParse(query);
  assert.ok(parsed.success);
  assert.deepEqual(parsed.data, query);
  assert.ok(completeLoginSchemas.querystring.safeParse({}).success);
});

test('empty forms reach the handler, which answers them itself', () => {
  assert.ok(acceptInvitationSchemas.accept.body.safeParse({}).success);
  assert.ok(switchOrganisationSchemas.body.safeParse({ organisatie: 'x' }).success);
  assert.ok(!acceptInvitationSchemas.show.params.safeParse({}).success);
});
