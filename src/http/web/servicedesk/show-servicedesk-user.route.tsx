// What ggk recorded about one user, for the operator (GET /beheer/servicedesk/gebruiker/:id): the
// account and roles, login attempts, downloads, deliveries of the current round and mails.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { contentReportPlacements, viewUser } from '../../../modules/monitoring/index.ts';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { ActivitySections, Mails } from './activity.view.tsx';
import { OPERATOR, UUID, heldReportsOf, idParams } from './shared.ts';

export const showServicedeskUserRoute = {
  method: 'GET',
  url: '/beheer/servicedesk/gebruiker/:id',
  schema: { querystring: z.object({}), params: idParams },
} as const;

export function registerShowServicedeskUser(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showServicedeskUserRoute,
    config: OPERATOR,
    handler: async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound();
      const round = await findCurrentRound(deps.db, deps.now());
      const view = await viewUser(deps.db, request.params.id, round, contentReportPlacements);
      if (!view) return reply.callNotFound();
      reply.header('cache-control', 'no-store');
      const ctx = pageContext(request, reply, deps);
      const { t } = ctx;
      return sendPage(
        reply,
        200,
        <Layout title={t('servicedesk.titleOf', { name: view.user.name })} ctx={ctx}>
          <h1 class="utrecht-heading-1">{view.user.name}</h1>
          <dl class="ggk-round-facts" data-testid="sd-user">
            <dt>{t('servicedesk.user.email')}</dt>
            <dd>
              {view.user.email}
              {view.user.email_confirmed_at
                ? t('servicedesk.user.confirmed')
                : t('servicedesk.user.notConfirmed')}
            </dd>
            <dt>{t('servicedesk.user.eherkenning')}</dt>
            <dd>
              {view.user.eherkenning_subject ? t('servicedesk.user.linked') : t('servicedesk.user.notLinked')}
            </dd>
            <dt>{t('servicedesk.user.account')}</dt>
            <dd>{view.user.is_disabled ? t('servicedesk.user.disabled') : t('servicedesk.user.active')}</dd>
            <dt>{t('servicedesk.user.roles')}</dt>
            <dd>
              {view.roles.length === 0
                ? t('servicedesk.user.noRoles')
                : view.roles
                    .map((r) =>
                      r.organisation_name
                        ? t('servicedesk.user.roleAt', {
                            role: t(`role.${r.role}`),
                            organisation: r.organisation_name,
                          })
                        : t(`role.${r.role}`),
                    )
                    .join(', ')}
            </dd>
          </dl>
          <ActivitySections
            ctx={ctx}
            view={view}
            round={round}
            held={await heldReportsOf(deps, round, view.deliveries)}
          />
          <h2 class="utrecht-heading-2">{t('servicedesk.mails.title')}</h2>
          <Mails ctx={ctx} mails={view.mails} />
        </Layout>,
      );
    },
  });
}
