// The app itself refuses a route without its schemas (docs/decisions/0029-route-schemas.md): the
// real buildApp, as `ggk serve` builds it, then one route more without a querystring schema. Every
// route the app registers got past the same guard, or buildApp would have thrown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../../src/http/app.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testLogger } from '../support/log-sink.ts';

let t: TestApp;
let app: FastifyInstance;

before(async () => {
  t = await startTestApp();
  app = await buildApp({
    config: t.config,
    log: testLogger('route-schema-guard'),
    db: t.database.db,
    pool: t.database.pool,
    classification: undefined as never,
    now: () => new Date(),
    identity: {},
  });
});
after(async () => {
  await app.close();
  await t.close();
});

test('a route without its schemas cannot be added to the app; with them it can', () => {
  const handler = async () => 'ok';
  const access = { access: { kind: 'public' as const } };
  assert.throws(
    () => app.get('/zonder-schema', { config: access }, handler),
    /Route GET \/zonder-schema declareert geen schema voor: querystring\./,
  );
  assert.throws(
    () => app.post('/formulier/:id', { schema: { querystring: z.object({}) }, config: access }, handler),
    /Route POST \/formulier\/:id declareert geen schema voor: params, body\./,
  );
  assert.doesNotThrow(() =>
    app.get('/met-schema', { schema: { querystring: z.object({}) }, config: access }, handler),
  );
});
