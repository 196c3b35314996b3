// The delivery API for municipal software: POST a delivery (multipart: fields `halfjaar` and, for a
// samenwerkingsverband, `gemeentecode` first, then the files), GET it back with its state, and its
// technical report (the public contract's JSON) once checked.
// One file per endpoint in deliveries/; the OpenAPI document lists them in this order.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import type { Endpoint } from './api-schemas.ts';
import { getDeliveryReport, registerGetDeliveryReport } from './deliveries/get-delivery-report.route.ts';
import { getDelivery, registerGetDelivery } from './deliveries/get-delivery.route.ts';
import { postDelivery, registerPostDelivery } from './deliveries/post-delivery.route.ts';

/** The endpoints of this file, as the OpenAPI document lists them. */
export const deliveryEndpoints: Endpoint[] = [postDelivery, getDelivery, getDeliveryReport];

export function registerDeliveryApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerPostDelivery(app, deps);
  registerGetDelivery(app, deps);
  registerGetDeliveryReport(app, deps);
}
