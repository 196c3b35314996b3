// Every route of CBS's token pages declares its schemas (missingSchemas), and an empty form reaches
// the handler, which answers it with its own Dutch messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify, { type RouteOptions } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { missingSchemas, useZodSchemas } from '../../route-schemas.ts';
import { registerCbsTokenRoutes } from '../cbs-tokens.routes.tsx';
import { createCbsTokenSchemas } from './create-cbs-token.route.ts';
import { revokeCbsTokenSchemas } from './revoke-cbs-token.route.tsx';

test('every cbs-token route declares querystring, params and body schemas', async () => {
  const app = Fastify();
  useZodSchemas(app);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  // Registering only builds the routes; the handlers (never called here) are what use deps.
  registerCbsTokenRoutes(app, {} as AppDeps);
  await app.ready();
  const seen = routes.filter((r) => r.method !== 'HEAD').map((r) => `${String(r.method)} ${r.url}`);
  assert.deepEqual(seen, [
    'GET /cbs/tokens',
    'POST /cbs/tokens',
    'GET /cbs/tokens/:id/intrekken',
    'POST /cbs/tokens/:id/intrekken',
  ]);
  for (const route of routes)
    assert.deepEqual(missingSchemas(route), [], `${String(route.method)} ${route.url}`);
  await app.close();
});

test('an empty form and an id that is no token reach the handler', () => {
  assert.ok(createCbsTokenSchemas.body.safeParse({}).success);
  assert.ok(revokeCbsTokenSchemas.revoke.params.safeParse({ id: 'geen-uuid' }).success);
  assert.ok(revokeCbsTokenSchemas.revoke.body.safeParse({}).success);
});
