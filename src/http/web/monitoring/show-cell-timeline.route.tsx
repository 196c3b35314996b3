// The timeline of one cell of the round monitor (GET /monitor/tijdlijn?gemeente=&type=&halfjaar=):
// every delivery, check, report and hand-over step of one gemeente's file of one half-year.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  FILE_TYPES,
  buildCellTimeline,
  contentReportPlacements,
  isFileType,
  type TimelineEvent,
} from '../../../modules/monitoring/index.ts';
import { findGemeenteByCode } from '../../../modules/organisations/index.ts';
import { halfYearsOf } from '../../../modules/periods/index.ts';
import { formatDate, formatDateTime, halfYearLabel, type Translate } from '../../../modules/i18n/index.ts';
import { amsterdamInstant } from '../../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Notice } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { sendNoRound } from './no-round.view.tsx';
import { STAFF, currentRound, stateLabel, typeLabel } from './shared.ts';

/** Which cell: the handler answers a Dutch 400 page for an unknown gemeente, type or half-year. */
export const showCellTimelineRoute = {
  method: 'GET',
  url: '/monitor/tijdlijn',
  schema: {
    querystring: z.object({
      gemeente: z.string().max(200).optional(),
      type: z.string().max(200).optional(),
      halfjaar: z.string().max(200).optional(),
    }),
  },
} as const;

/** One line of a cell's timeline in the visitor's language. */
function eventText(t: Translate, e: TimelineEvent): string {
  const receipt = e.receiptNumber;
  switch (e.kind) {
    case 'received':
      return t('monitoring.timeline.event.received', {
        receipt,
        by: e.uploaderName
          ? t('monitoring.timeline.event.by', { name: e.uploaderName })
          : e.channel === 'api'
            ? t('monitoring.timeline.event.viaApi')
            : '',
        organisation: e.organisationName,
        noFile: e.withoutStoredFile ? t('monitoring.timeline.event.noFile') : '',
      });
    case 'checked':
      return t(e.approved ? 'monitoring.timeline.event.approved' : 'monitoring.timeline.event.rejected', {
        receipt,
      });
    default:
      return t(`monitoring.timeline.event.${e.kind}`, { receipt });
  }
}

export function registerShowCellTimeline(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showCellTimelineRoute,
    config: STAFF,
    handler: async (request, reply) => {
      const ctx = pageContext(request, reply, deps);
      const { t, locale } = ctx;
      const round = await currentRound(deps);
      if (!round) return sendNoRound(request, reply, deps);
      const { gemeente: code = '', type = '', halfjaar = '' } = request.query;
      const gemeente = /^\d{4}$/.test(code) ? await findGemeenteByCode(deps.db, code) : undefined;
      const problem = !gemeente
        ? t('monitoring.timeline.unknownGemeente', { code })
        : !isFileType(type)
          ? t('monitoring.timeline.unknownType', { type, types: FILE_TYPES.join(', ') })
          : !halfYearsOf(round).includes(halfjaar)
            ? t('monitoring.timeline.wrongHalfYear', { halfYear: halfjaar, round: round.name })
            : undefined;
      if (problem || !gemeente || !isFileType(type)) {
        return sendPage(
          reply,
          400,
          <Layout title={t('monitoring.timeline.title')} ctx={ctx}>
            <h1 class="utrecht-heading-1">{t('monitoring.timeline.title')}</h1>
            <Notice kind="warning">{problem}</Notice>
            <p class="utrecht-paragraph">
              <a class="utrecht-link utrecht-link--html-a" href="/monitor">
                {t('monitoring.timeline.back')}
              </a>
            </p>
          </Layout>,
        );
      }
      const timeline = await buildCellTimeline(
        deps.db,
        round,
        { gemeenteId: gemeente.id, fileType: type, halfYear: halfjaar },
        { reports: contentReportPlacements },
      );
      const title = `${gemeente.name}, ${typeLabel(t, type)}, ${halfYearLabel(locale, halfjaar)}`;
      return sendPage(
        reply,
        200,
        <Layout title={t('monitoring.timeline.titleOf', { subject: title })} ctx={ctx}>
          <h1 class="utrecht-heading-1">{t('monitoring.timeline.heading', { subject: title })}</h1>
          <p class="utrecht-paragraph" data-testid="cell-state">
            {t('monitoring.timeline.state')} <strong>{stateLabel(t, timeline.outcome.state)}</strong>
            {timeline.outcome.inForce
              ? t('monitoring.timeline.inForce', { receipt: timeline.outcome.inForce.receiptNumber })
              : ''}
          </p>
          {timeline.regularRoute && (
            <p class="utrecht-paragraph" data-testid="cell-regular-route">
              {t('monitoring.timeline.regularRoute', {
                name: timeline.regularRoute.organisation_name,
                date: formatDate(locale, amsterdamInstant(timeline.regularRoute.delivered_on, '12:00')),
              })}
            </p>
          )}
          {timeline.events.length === 0 ? (
            <Notice>{t('monitoring.timeline.empty')}</Notice>
          ) : (
            <ol class="utrecht-ordered-list ggk-timeline" data-testid="timeline">
              {timeline.events.map((e, i) => (
                <li class="utrecht-ordered-list__item" key={i}>
                  <time dateTime={e.at.toISOString()}>{formatDateTime(locale, e.at)}</time>:{' '}
                  <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${e.deliveryId}`}>
                    {eventText(t, e)}
                  </a>
                </li>
              ))}
            </ol>
          )}
          <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/monitor">
              {t('monitoring.timeline.back')}
            </a>
          </p>
        </Layout>,
      );
    },
  });
}
