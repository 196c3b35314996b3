// The invitation landing page (GET /uitnodiging/:token) and its button (POST /uitnodiging), which
// starts a login bound to the invitation; an invitation that is used, expired or unknown is a 410.
// The POST's rate-limit key is "POST /uitnodiging" (rate-limits.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkInvitation } from '../../../modules/auth/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { pageContext } from '../page-context.ts';
import { InvitationView } from '../pages/login.view.tsx';
import { renderDocument } from '../render.ts';
import { PUBLIC, field, html, redirectToBroker } from './shared.tsx';

export const acceptInvitationSchemas = {
  // Fastify refuses a longer path segment (maxParamLength 100) before the schema is asked.
  show: { querystring: z.object({}), params: z.object({ token: z.string().max(100) }) },
  accept: { querystring: z.object({}), body: z.object({ _csrf: field(), token: field() }) },
};

export function registerAcceptInvitation(app: FastifyInstance, deps: AppDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/uitnodiging/:token',
    { config: PUBLIC, schema: acceptInvitationSchemas.show },
    async (request, reply) => {
      const check = await checkInvitation(deps.db, request.params.token, deps.now());
      const ctx = pageContext(request, reply, deps);
      reply.header('referrer-policy', 'no-referrer');
      return check.valid
        ? html(
            reply,
            200,
            renderDocument(
              <InvitationView
                ctx={ctx}
                token={request.params.token}
                organisationName={check.organisationName}
              />,
            ),
          )
        : html(
            reply,
            410,
            renderDocument(<InvitationView ctx={ctx} token="" invalid={ctx.t('loginFailure.not_invited')} />),
          );
    },
  );

  routes.post(
    '/uitnodiging',
    { config: PUBLIC, schema: acceptInvitationSchemas.accept },
    async (request, reply) => {
      const check = await checkInvitation(deps.db, request.body.token ?? '', deps.now());
      if (!check.valid) {
        // The only reason an invitation is refused (the module's text is the Dutch of this key).
        const ctx = pageContext(request, reply, deps);
        return html(
          reply,
          410,
          renderDocument(<InvitationView ctx={ctx} token="" invalid={ctx.t('loginFailure.not_invited')} />),
        );
      }
      return redirectToBroker(request, reply, deps, check.invitationId);
    },
  );
}
