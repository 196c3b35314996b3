// Every withdrawal route declares its schemas (missingSchemas), and the schemas let through what the
// handlers answer with their own Dutch pages: an empty form, a part that is not one string.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify, { type RouteOptions } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { missingSchemas, useZodSchemas } from '../../route-schemas.ts';
import { registerWithdrawalRoutes } from '../withdrawal.routes.tsx';
import { registerFormWithdrawalSchemas } from './register-form-withdrawal.route.ts';
import { withdrawPartSchemas } from './withdraw-part.route.tsx';

test('every withdrawal route declares querystring, params and body schemas', async () => {
  const app = Fastify();
  useZodSchemas(app);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  // Registering only builds the routes; the handlers (never called here) are what use deps.
  registerWithdrawalRoutes(app, {} as AppDeps);
  await app.ready();
  const seen = routes.filter((r) => r.method !== 'HEAD').map((r) => `${String(r.method)} ${r.url}`);
  assert.deepEqual(seen, [
    'GET /intrekken',
    'POST /intrekken',
    'GET /intrekkingen',
    'POST /intrekkingen/formulier',
  ]);
  for (const route of routes)
    assert.deepEqual(missingSchemas(route), [], `${String(route.method)} ${route.url}`);
  await app.close();
});

test('an empty or partial form and a repeated part reach the handler, which answers them itself', () => {
  assert.ok(withdrawPartSchemas.withdraw.body.safeParse({}).success);
  assert.ok(withdrawPartSchemas.withdraw.body.safeParse({ deel: ['2017H2', '2017H1'] }).success);
  assert.ok(withdrawPartSchemas.show.querystring.safeParse({ deel: ['a', 'b'], extra: 'x' }).success);
  assert.ok(registerFormWithdrawalSchemas.body.safeParse({ gemeentecode: '12' }).success);
  assert.ok(!registerFormWithdrawalSchemas.body.safeParse({ reden: 'r'.repeat(10_001) }).success);
});
