// The routes of the public registration form declare their schemas (missingSchemas), and an empty or
// partial form reaches the handler, which answers it with its own Dutch field errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify, { type RouteOptions } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { missingSchemas, useZodSchemas } from '../../route-schemas.ts';
import { registerRegistrationRoutes } from '../registration.routes.tsx';
import { submitRegistrationSchemas } from './submit-registration.route.tsx';

test('every registration route declares querystring and body schemas', async () => {
  const app = Fastify();
  useZodSchemas(app);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  // Registering only builds the routes; the handlers (never called here) are what use deps.
  registerRegistrationRoutes(app, {} as AppDeps);
  await app.ready();
  const seen = routes.filter((r) => r.method !== 'HEAD').map((r) => `${String(r.method)} ${r.url}`);
  assert.deepEqual(seen, ['GET /aanmelden', 'POST /aanmelden']);
  for (const route of routes)
    assert.deepEqual(missingSchemas(route), [], `${String(route.method)} ${route.url}`);
  await app.close();
});

test('an empty or partial form reaches the handler', () => {
  assert.ok(submitRegistrationSchemas.submit.body.safeParse({}).success);
  assert.ok(submitRegistrationSchemas.submit.body.safeParse({ naam: 'Anna', email: 'x' }).success);
});
