// What ggk recorded about one organisation, for the operator (GET /beheer/servicedesk/organisatie/:id):
// its users and invitations, login attempts, downloads, deliveries, reminders and mails.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  contentReportPlacements,
  reminderSubject,
  viewOrganisation,
} from '../../../modules/monitoring/index.ts';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import { formatDateTime } from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { ActivitySections, Mails } from './activity.view.tsx';
import { OPERATOR, UUID, heldReportsOf, idParams } from './shared.ts';

export const showServicedeskOrganisationRoute = {
  method: 'GET',
  url: '/beheer/servicedesk/organisatie/:id',
  schema: { querystring: z.object({}), params: idParams },
} as const;

export function registerShowServicedeskOrganisation(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showServicedeskOrganisationRoute,
    config: OPERATOR,
    handler: async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound();
      const round = await findCurrentRound(deps.db, deps.now());
      const view = await viewOrganisation(deps.db, request.params.id, round, contentReportPlacements);
      if (!view) return reply.callNotFound();
      reply.header('cache-control', 'no-store');
      const o = view.organisation;
      const ctx = pageContext(request, reply, deps);
      const { t, locale } = ctx;
      return sendPage(
        reply,
        200,
        <Layout title={t('servicedesk.titleOf', { name: o.name })} ctx={ctx}>
          <h1 class="utrecht-heading-1">
            {o.name}
            {o.gemeentecode ? ` (${o.gemeentecode})` : ''}
          </h1>
          <h2 class="utrecht-heading-2">{t('servicedesk.users')}</h2>
          {view.users.length === 0 ? (
            <p class="utrecht-paragraph">{t('servicedesk.org.noUsers')}</p>
          ) : (
            <ul class="utrecht-unordered-list" data-testid="sd-users">
              {view.users.map((u) => (
                <li class="utrecht-unordered-list__item" key={`${u.id}-${u.role}`}>
                  <a class="utrecht-link utrecht-link--html-a" href={`/beheer/servicedesk/gebruiker/${u.id}`}>
                    {u.name}
                  </a>{' '}
                  ({t(`role.${u.role}`)}){u.is_disabled ? t('servicedesk.disabledSuffix') : ''}
                </li>
              ))}
            </ul>
          )}
          {view.invitations.length > 0 && (
            <>
              <h2 class="utrecht-heading-2">{t('servicedesk.org.invitations')}</h2>
              <ul class="utrecht-unordered-list" data-testid="sd-invitations">
                {view.invitations.map((i) => (
                  <li class="utrecht-unordered-list__item" key={`${i.id}-${i.created_at.toISOString()}`}>
                    <a
                      class="utrecht-link utrecht-link--html-a"
                      href={`/beheer/servicedesk/gebruiker/${i.id}`}
                    >
                      {i.name}
                    </a>{' '}
                    {t('servicedesk.org.invited', { at: formatDateTime(locale, i.created_at) })}{' '}
                    {i.accepted_at
                      ? t('servicedesk.org.accepted', { at: formatDateTime(locale, i.accepted_at) })
                      : i.revoked_at
                        ? t('servicedesk.org.revoked', { at: formatDateTime(locale, i.revoked_at) })
                        : t('servicedesk.org.pending', { at: formatDateTime(locale, i.expires_at) })}
                  </li>
                ))}
              </ul>
            </>
          )}
          <ActivitySections
            ctx={ctx}
            view={view}
            round={round}
            held={await heldReportsOf(deps, round, view.deliveries)}
          />
          <h2 class="utrecht-heading-2">{t('servicedesk.org.reminders')}</h2>
          {view.reminders.length === 0 ? (
            <p class="utrecht-paragraph">{t('servicedesk.org.noReminders')}</p>
          ) : (
            <ul class="utrecht-unordered-list" data-testid="sd-reminders">
              {view.reminders.map((r) => (
                <li class="utrecht-unordered-list__item" key={r.id}>
                  {t(r.recipients === 1 ? 'servicedesk.org.reminderOne' : 'servicedesk.org.reminder', {
                    at: formatDateTime(locale, r.sent_at),
                    subject: reminderSubject(locale, r),
                    count: r.recipients,
                  })}
                </li>
              ))}
            </ul>
          )}
          <h2 class="utrecht-heading-2">{t('servicedesk.mails.toUsers')}</h2>
          <Mails ctx={ctx} mails={view.mails} />
        </Layout>,
      );
    },
  });
}
