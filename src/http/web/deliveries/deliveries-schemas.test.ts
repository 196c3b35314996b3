// Every delivery page route declares its schemas (route-schemas.ts): registered on a bare app that
// refuses a route without them, with no delivery store (so no resumable uploads and no database).
// The method and url of each route stay what rate-limits.ts keys its upload limits on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import type { AppDeps } from '../../app.ts';
import { missingSchemas, requireRouteSchemas, useZodSchemas } from '../../route-schemas.ts';
import { registerDeliveryPageRoutes } from '../deliveries.routes.tsx';
import { downloadDeliveryReportRoutes } from './download-delivery-report.route.ts';
import { finaliseResumableUploadRoute } from './finalise-resumable-upload.route.ts';
import { listDeliveriesRoute } from './list-deliveries.route.tsx';
import {
  createResumableUploadRoute,
  sendResumableUploadRoute,
  showResumableUploadRoute,
} from './send-resumable-upload.route.ts';
import { showDeliveryRoute } from './show-delivery.route.tsx';
import { showUploadPageRoute, uploadDeliveryRoute } from './upload-delivery.route.ts';

const ROUTES = [
  showUploadPageRoute,
  uploadDeliveryRoute,
  createResumableUploadRoute,
  showResumableUploadRoute,
  sendResumableUploadRoute,
  finaliseResumableUploadRoute,
  listDeliveriesRoute,
  ...downloadDeliveryReportRoutes,
  showDeliveryRoute,
];

test('each delivery page route declares its querystring, params and body', () => {
  for (const route of ROUTES) {
    assert.deepEqual(
      missingSchemas({ method: [route.method].flat(), url: route.url, schema: route.schema }),
      [],
      `${String(route.method)} ${route.url}`,
    );
  }
});

test('the registrar registers these routes only, each with its schemas, in the same methods and urls', async () => {
  const app = Fastify();
  useZodSchemas(app);
  const registered: string[] = [];
  app.addHook('onRoute', (route) => {
    // Fastify's own HEAD for a GET page is not one of ours.
    if (route.method === 'HEAD' && route.url !== createResumableUploadRoute.url + '/:id') return;
    registered.push(`${[route.method].flat().join(',')} ${route.url}`);
  });
  requireRouteSchemas(app);
  registerDeliveryPageRoutes(app, { delivery: undefined } as unknown as AppDeps);
  await app.ready();
  assert.deepEqual(
    registered.sort(),
    ROUTES.map((route) => `${[route.method].flat().join(',')} ${route.url}`).sort(),
  );
  // The keys of the upload rate limits (rate-limits.ts): a method and the url of one route.
  const methodsAt = (url: string) =>
    registered.filter((r) => r.endsWith(` ${url}`)).flatMap((r) => r.split(' ')[0]!.split(','));
  for (const key of [
    'POST /aanleveren',
    'POST /aanleveren/afronden',
    'POST /aanleveren/hervatbaar',
    'PATCH /aanleveren/hervatbaar/:id',
  ]) {
    const [method, url] = key.split(' ') as [string, string];
    assert.ok(methodsAt(url).includes(method), key);
  }
  await app.close();
});
