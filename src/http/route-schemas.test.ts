import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { z } from 'zod';
import { checkedByHandler, registerRouteSchemas } from './route-schemas.ts';

function appWithSchemas() {
  const app = Fastify();
  registerRouteSchemas(app);
  return app;
}

test('a route without a querystring schema stops the app at start-up', () => {
  const app = appWithSchemas();
  assert.throws(
    () => app.get('/pagina', async () => 'x'),
    /Route GET \/pagina declareert geen schema voor: querystring\./,
  );
});

test('a route with path parameters must declare them; a POST its body; an API route its responses', () => {
  const app = appWithSchemas();
  const querystring = z.object({});
  assert.throws(
    () => app.get('/pagina/:id', { schema: { querystring } }, async () => 'x'),
    /GET \/pagina\/:id declareert geen schema voor: params\./,
  );
  assert.throws(
    () => app.post('/formulier', { schema: { querystring } }, async () => 'x'),
    /POST \/formulier declareert geen schema voor: body\./,
  );
  assert.throws(
    () =>
      app.post(
        '/api/v1/iets/:id',
        { schema: { querystring, params: z.object({ id: z.string() }), body: z.object({}) } },
        async () => 'x',
      ),
    /POST \/api\/v1\/iets\/:id declareert geen schema voor: response\./,
  );
  // A JSON schema is not a route schema here: zod is.
  assert.throws(
    () => app.get('/json-schema', { schema: { querystring: { type: 'object' } } }, async () => 'x'),
    /declareert geen schema voor: querystring/,
  );
});

test('input is validated by its schema, with a Dutch message that names the field', async () => {
  const app = appWithSchemas();
  app.post(
    '/formulier/:id',
    {
      schema: {
        params: z.object({ id: z.string().max(3) }),
        querystring: z.object({ limit: z.coerce.number().int().max(10).default(5) }),
        body: z.object({ files: z.array(z.string()) }),
      },
    },
    async (request) => ({ params: request.params, query: request.query, body: request.body }),
  );
  const ok = await app.inject({ method: 'POST', url: '/formulier/abc?limit=7', payload: { files: ['a'] } });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json(), { params: { id: 'abc' }, query: { limit: 7 }, body: { files: ['a'] } });

  const tooMany = await app.inject({
    method: 'POST',
    url: '/formulier/abc?limit=11',
    payload: { files: [] },
  });
  assert.equal(tooMany.statusCode, 400);
  assert.match(tooMany.json<{ message: string }>().message, /^querystring\/limit: Te groot/);

  const wrongType = await app.inject({ method: 'POST', url: '/formulier/abc', payload: { files: 'x' } });
  assert.equal(wrongType.statusCode, 400);
  assert.match(wrongType.json<{ message: string }>().message, /^body\/files: Ongeldige invoer/);

  // No body at all is an empty form: here a missing field.
  const empty = await app.inject({ method: 'POST', url: '/formulier/abc' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.json<{ message: string }>().message, /^body\/files: /);
});

test('input the handler checks itself (a streamed body) passes the validator untouched', async () => {
  const app = appWithSchemas();
  app.addContentTypeParser('application/offset+octet-stream', (_request, payload, done) =>
    done(null, payload),
  );
  app.patch(
    '/upload',
    { schema: { querystring: z.object({}), body: checkedByHandler(z.object({ never: z.string() })) } },
    async (request) => ({ streamed: typeof (request.body as { pipe?: unknown }).pipe === 'function' }),
  );
  const res = await app.inject({
    method: 'PATCH',
    url: '/upload',
    headers: { 'content-type': 'application/offset+octet-stream' },
    payload: Buffer.from('bytes'),
  });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { streamed: true });
});

test('a response schema never drops a field from the answer', async () => {
  const app = appWithSchemas();
  app.get(
    '/api/v1/iets',
    {
      schema: {
        querystring: z.object({}),
        response: {
          200: { description: 'x', content: { 'application/json': { schema: z.object({ a: z.string() }) } } },
        },
      },
    },
    async () => ({ a: 'een', b: 'twee' }),
  );
  const res = await app.inject({ method: 'GET', url: '/api/v1/iets' });
  assert.deepEqual(res.json(), { a: 'een', b: 'twee' });
});
