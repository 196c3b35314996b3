// Builds the Fastify app from its dependencies. No listening here: main/ decides that, and tests
// call the app through HTTP with inject() or a real port.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Config } from '../config/env.ts';
import type { MunicipalClassification } from '../modules/classification/index.ts';
import type { Schema } from '../modules/database-schema.ts';
import type { IdentityBroker } from '../modules/auth/index.ts';
import type { MailCatcher } from '../platform/mail/mail-catcher.ts';
import type { EncryptedStore } from '../platform/files/encrypted-store.ts';
import type { EnqueueCheck } from '../modules/deliveries/index.ts';
import type { Spec } from '../modules/validation/index.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { isDatabaseReachable } from '../platform/db/database.ts';
import type { ObjectBackend } from '../platform/files/object-backend.ts';
import { handleError, handleNotFound } from './error-handler.ts';
import { registerRateLimits } from './rate-limits.ts';
import { z } from 'zod';
import { registerRouteSchemas } from './route-schemas.ts';
import { registerObservability } from './observability.ts';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { registerAccessControl } from './auth/access-control.ts';
import { registerLocale } from './web/locale.ts';
import { registerContacts } from './web/contacts.tsx';
import { registerApiRoutes } from './api/v1/api.routes.ts';
import { registerDeliveryApiRoutes } from './api/v1/deliveries.routes.ts';
import { registerCbsApiRoutes } from './api/v1/cbs.routes.ts';
import { registerDeliveryPageRoutes } from './web/deliveries.routes.tsx';
import { registerContentReportRoutes } from './web/content-reports.routes.tsx';
import { registerCbsReportRoutes } from './web/cbs-reports.routes.tsx';
import { registerCbsTokenRoutes } from './web/cbs-tokens.routes.tsx';
import { registerAccountRoutes } from './web/account.routes.tsx';
import { registerAdminRoutes } from './web/admin.routes.tsx';
import { registerAuthRoutes } from './web/auth.routes.tsx';
import { registerOrganisationRoutes } from './web/organisation.routes.tsx';
import { registerPageRoutes } from './web/pages.routes.tsx';
import { registerRegistrationRoutes } from './web/registration.routes.tsx';
import { registerWithdrawalRoutes } from './web/withdrawal.routes.tsx';
import { registerAuditRoutes } from './web/audit.routes.tsx';
import { registerMonitoringRoutes } from './web/monitoring.routes.tsx';
import { registerServicedeskRoutes } from './web/servicedesk.routes.tsx';
import { registerFeedbackRoutes } from './web/feedback.routes.tsx';
import { registerHelpRoutes } from './web/help.routes.tsx';

export interface AppDeps {
  config: Config;
  log: Logger;
  db: Kysely<Schema>;
  pool: pg.Pool;
  classification: MunicipalClassification;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
  /** The eHerkenning broker; set once it is reachable (the dev IdP starts after the web server). */
  identity: IdentityGateway;
  /** The built-in SMTP catcher, when ggk runs without an SMTP server. */
  mailCatcher?: MailCatcher;
  /** Nudges the outbox worker after a change queued mail. */
  wakeOutbox?: () => void;
  /** Delivering: the encrypted store and the check job (absent: uploads are refused). */
  delivery?: {
    store: EncryptedStore;
    enqueueCheck: EnqueueCheck;
    findSpec: (id: string) => Spec | undefined;
    /**
     * Where resumable uploads keep their encrypted parts when they are not in GGK_DATA_DIR/hervatbaar
     * (GGK_STORAGE=s3: the bucket, under its own prefix); undefined: the data folder.
     */
    resumableBackend?: ObjectBackend | undefined;
  };
}

export interface IdentityGateway {
  broker?: IdentityBroker;
  /** The broker's origin: forms that redirect to it (start login, logout) must be allowed by the CSP. */
  origin?: string;
  logoutUrl?: (idToken: string | undefined, postLogoutRedirectUri: string) => string | undefined;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ module: 'http' }) as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Behind a load balancer (GGK_TRUSTED_PROXIES) the client's address comes from X-Forwarded-For,
    // believed only from the balancer's own address; otherwise the connection's address.
    trustProxy: deps.config.trustedProxies.length > 0 ? deps.config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerContacts(app, deps);

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
        // A form submission whose answer redirects to the broker needs the broker in form-action.
        formAction: ["'self'", () => deps.identity.origin ?? "'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await registerRateLimits(app, deps);

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(multipart, { throwFileSizeLimit: true });
  app.setErrorHandler(handleError);
  registerRouteSchemas(app);
  app.setNotFoundHandler(handleNotFound);
  registerAccessControl(app, deps);
  registerLocale(app);

  app.get(
    '/health',
    { schema: { querystring: z.object({}) }, config: { access: { kind: 'public' } } },
    async (_request, reply) => {
      const database = await isDatabaseReachable(deps.pool);
      return reply
        .status(database ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: database ? 'ok' : 'unavailable', database: database ? 'ok' : 'unreachable' });
    },
  );

  registerObservability(app, deps, deps.config.metricsToken);

  registerPageRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerRegistrationRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerApiRoutes(app, deps);
  registerDeliveryApiRoutes(app, deps);
  registerCbsApiRoutes(app, deps);
  registerDeliveryPageRoutes(app, deps);
  registerWithdrawalRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerContentReportRoutes(app, deps);
  registerCbsReportRoutes(app, deps);
  registerCbsTokenRoutes(app, deps);
  registerMonitoringRoutes(app, deps);
  registerServicedeskRoutes(app, deps);
  registerFeedbackRoutes(app, deps);
  registerHelpRoutes(app, deps);
  return app;
}
