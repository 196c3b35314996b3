// CBS's list of the deliveries offered to it in a round, with where each stands on CBS's side, and the
// round's choice of which op-orde rapport the gemeente sees (the form on the same page).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auditActorOf } from '../../../modules/audit/index.ts';
import { isCbsReportOnly, listDeliveriesForCbs, setCbsReportOnly } from '../../../modules/handover/index.ts';
import { errorMessage, formatDateTime, halfYearLabel } from '../../../modules/i18n/index.ts';
import { findCurrentRound, listRounds } from '../../../modules/periods/index.ts';
import { isAppError } from '../../../platform/errors/app-error.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import {
  Button,
  ErrorSummary,
  Notice,
  PostForm,
  RadioGroup,
  Table,
  type FieldError,
} from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { CBS, Crumbs, LIST, deliveryState, verdictOf } from './shared.ts';

const ONLY_CBS = 'alleen-cbs';
const BOTH = 'cbs-en-ggk';

const listSchema = {
  // An unknown round shows the current one; opgeslagen=1 after the setting was saved.
  querystring: z.object({
    ronde: z.string().max(100).optional(),
    opgeslagen: z.string().max(100).optional(),
  }),
};

const settingSchema = {
  querystring: z.object({}),
  // Anything but the two choices gets the form's own field error; an unknown round the 404 page.
  body: z.object({
    _csrf: z.string().max(200).optional(),
    ronde: z.string().max(100).optional(),
    rapporten: z.string().max(100).optional(),
  }),
};

export function registerListCbsDeliveries(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { roundId?: string | undefined; status: number; saved?: boolean; errors?: FieldError[] },
  ) => {
    const ctx = pageContext(request, reply, deps);
    const { t, locale } = ctx;
    const rounds = await listRounds(deps.db);
    const round =
      rounds.find((r) => r.id === input.roundId) ??
      (await findCurrentRound(deps.db, deps.now())) ??
      rounds[0];
    reply.header('cache-control', 'no-store');
    if (!round)
      return sendPage(
        reply,
        input.status,
        <Layout title={t('cbsReports.list.title')} ctx={ctx} breadcrumbs={Crumbs(t, false)}>
          <h1 class="utrecht-heading-1">{t('cbsReports.list.title')}</h1>
          <Notice>{t('cbsReports.list.noRound')}</Notice>
        </Layout>,
      );
    const rows = await listDeliveriesForCbs(deps.db, round.id);
    const only = await isCbsReportOnly(deps.db, round.id);
    const errors = input.errors ?? [];
    return sendPage(
      reply,
      input.status,
      <Layout title={t('cbsReports.list.title')} ctx={ctx} breadcrumbs={Crumbs(t, false)}>
        <h1 class="utrecht-heading-1">{t('cbsReports.list.title')}</h1>
        <ErrorSummary errors={errors} t={t} />
        {input.saved && <Notice kind="ok">{t('cbsReports.setting.saved')}</Notice>}
        <p class="utrecht-paragraph">{t('cbsReports.list.intro')}</p>
        <form
          method="get"
          action={LIST}
          class="ggk-form ggk-inline-form"
          aria-label={t('cbsReports.list.round')}
        >
          <div class="utrecht-form-field">
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label" for="ronde">
                {t('cbsReports.list.round')}
              </label>
            </div>
            <select class="utrecht-select utrecht-select--html-select" id="ronde" name="ronde">
              {rounds.map((r) => (
                <option value={r.id} selected={r.id === round.id} key={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <Button variant="secondary">{t('cbsReports.list.show')}</Button>
          </div>
        </form>
        <h2 class="utrecht-heading-2">{t('cbsReports.setting.title')}</h2>
        <PostForm
          action={`${LIST}/instelling`}
          csrf={ctx.csrfToken}
          label={t('cbsReports.setting.title')}
          id="instelling"
        >
          <input type="hidden" name="ronde" value={round.id} />
          <RadioGroup
            id="rapporten"
            legend={t('cbsReports.setting.legend', { round: round.name })}
            options={[
              { value: BOTH, label: t('cbsReports.setting.both') },
              { value: ONLY_CBS, label: t('cbsReports.setting.only') },
            ]}
            value={only ? ONLY_CBS : BOTH}
            errors={errors}
          />
          <div>
            <Button>{t('cbsReports.setting.submit')}</Button>
          </div>
        </PostForm>
        {rows.length === 0 ? (
          <p class="utrecht-paragraph">{t('cbsReports.list.none')}</p>
        ) : (
          <Table
            caption={t('cbsReports.list.caption', { round: round.name })}
            testId="cbs-deliveries"
            rows={rows}
            rowKey={(r) => r.delivery_id}
            columns={[
              {
                header: t('cbsReports.col.receipt'),
                rowHeader: true,
                cell: (r) => (
                  <a class="utrecht-link utrecht-link--html-a" href={`${LIST}/${r.delivery_id}`}>
                    {r.receipt_number}
                  </a>
                ),
              },
              {
                header: t('cbsReports.col.gemeente'),
                cell: (r) =>
                  `${r.gemeente_name} (${r.gemeentecode ?? ''}), ${halfYearLabel(locale, r.half_year)}`,
              },
              { header: t('cbsReports.col.deliveredBy'), cell: (r) => r.delivered_by_name },
              { header: t('cbsReports.col.offered'), cell: (r) => formatDateTime(locale, r.offered_at) },
              {
                header: t('cbsReports.col.received'),
                cell: (r) =>
                  r.received_by_cbs_at
                    ? formatDateTime(locale, r.received_by_cbs_at)
                    : t('cbsReports.notReceived'),
              },
              { header: t('cbsReports.col.verdict'), cell: (r) => verdictOf(t, r) },
              { header: t('cbsReports.col.report'), cell: (r) => deliveryState(t, r) },
            ]}
          />
        )}
      </Layout>,
    );
  };

  api.get(LIST, { schema: listSchema, config: CBS }, async (request, reply) =>
    renderList(request, reply, {
      roundId: request.query.ronde,
      status: 200,
      saved: request.query.opgeslagen === '1',
    }),
  );

  api.post(`${LIST}/instelling`, { schema: settingSchema, config: CBS }, async (request, reply) => {
    const t = pageContext(request, reply, deps).t;
    const roundId = String(request.body?.ronde ?? '');
    const choice = String(request.body?.rapporten ?? '');
    if (choice !== ONLY_CBS && choice !== BOTH)
      return renderList(request, reply, {
        roundId,
        status: 400,
        errors: [{ field: 'rapporten', message: t('cbsReports.setting.bad') }],
      });
    try {
      await setCbsReportOnly(deps.db, {
        roundId,
        only: choice === ONLY_CBS,
        actor: auditActorOf(request.principal),
        now: deps.now(),
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return renderList(request, reply, {
        status: 404,
        errors: [{ field: '', message: errorMessage(request.locale, error) }],
      });
    }
    return reply.redirect(`${LIST}?ronde=${encodeURIComponent(roundId)}&opgeslagen=1`, 303);
  });
}
