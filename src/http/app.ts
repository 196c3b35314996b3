// Builds the Fastify app from its dependencies. No listening here: main/ decides that, and tests
// call the app through HTTP with inject() or a real port.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Config } from '../config/env.ts';
import type { MunicipalClassification } from '../modules/classification/index.ts';
import type { Schema } from '../modules/database-schema.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { isDatabaseReachable } from '../platform/db/database.ts';
import { handleError, handleNotFound } from './error-handler.ts';
import { registerPageRoutes } from './web/pages.routes.tsx';

export interface AppDeps {
  config: Config;
  log: Logger;
  db: Kysely<Schema>;
  pool: pg.Pool;
  classification: MunicipalClassification;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ module: 'http' }) as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: 1024 * 1024,
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { max: 600, timeWindow: '1 minute' });

  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  app.get('/health', async (_request, reply) => {
    const database = await isDatabaseReachable(deps.pool);
    return reply
      .status(database ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: database ? 'ok' : 'unavailable', database: database ? 'ok' : 'unreachable' });
  });

  registerPageRoutes(app, deps);
  return app;
}
