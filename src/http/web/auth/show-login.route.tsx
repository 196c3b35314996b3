// The login page (GET /inloggen), remembering where to return to after login (?terug=).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { pageContext } from '../page-context.ts';
import { LoginView } from '../pages/login.view.tsx';
import { renderDocument } from '../render.ts';
import { PUBLIC, field, html, safeReturnPath } from './shared.tsx';

export const showLoginSchemas = { querystring: z.object({ terug: field() }) };

export function registerShowLogin(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/inloggen', { config: PUBLIC, schema: showLoginSchemas }, async (request, reply) => {
      const returnTo = safeReturnPath(request.query.terug);
      return html(
        reply,
        200,
        renderDocument(
          <LoginView ctx={pageContext(request, reply, deps)} {...(returnTo ? { returnTo } : {})} />,
        ),
      );
    });
}
