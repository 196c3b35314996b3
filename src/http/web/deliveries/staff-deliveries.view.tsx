// "Aanleveringen" for the operator and CBS: every delivery of the current round, searchable by
// receipt number, gemeente, gemeentecode or delivering organisation, filtered by state and half year,
// 50 to a page (the filters travel with the page links). Organisations see their own list instead.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { searchDeliveries } from '../../../modules/deliveries/index.ts';
import type { DeliveryState } from '../../../modules/database-schema.ts';
import { formatDateTime, halfYearLabel, formatNumber } from '../../../modules/i18n/index.ts';
import { findCurrentRound, halfYearsOf } from '../../../modules/periods/index.ts';
import type { AppDeps } from '../../app.ts';
import { Button, Dutch, Notice, SelectField, Table, TextField } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';

const STATES: DeliveryState[] = ['received', 'checking', 'approved', 'rejected', 'withdrawn'];
const PAGE_SIZE = 50;

/**
 * The search and filters. Hostile query strings are the page's to handle (only known values filter,
 * the term is cut to 100 characters), so any text passes, a key given twice too.
 */
const queryValue = () => z.union([z.string(), z.array(z.string())]).optional();
export const staffDeliveriesQuery = z.object({
  zoek: queryValue(),
  stand: queryValue(),
  halfjaar: queryValue(),
  pagina: queryValue(),
});
export type StaffDeliveriesQuery = z.output<typeof staffDeliveriesQuery>;

export async function renderStaffDeliveries(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  query: StaffDeliveriesQuery,
): Promise<FastifyReply> {
  const ctx = pageContext(request, reply, deps);
  const { t, tx, locale } = ctx;
  const round = await findCurrentRound(deps.db, deps.now());
  const title = t('deliveries.list.title');
  if (!round)
    return sendPage(
      reply,
      200,
      <Layout title={title} ctx={ctx}>
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph">{t('deliveries.staff.noRound')}</p>
      </Layout>,
    );
  // Hostile query strings: only known values filter; the term is cut to 100 characters.
  const q = query;
  const term = typeof q.zoek === 'string' ? q.zoek.trim().slice(0, 100) : '';
  const state = STATES.find((s) => s === q.stand);
  const halfYears = halfYearsOf(round);
  const halfYear = halfYears.find((h) => h === q.halfjaar);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(String(q.pagina ?? '1'), 10) || 1));
  const { rows, total } = await searchDeliveries(deps.db, {
    roundId: round.id,
    ...(term ? { term } : {}),
    ...(state ? { state } : {}),
    ...(halfYear ? { halfYear } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const link = (p: number) => {
    const params = new URLSearchParams();
    if (term) params.set('zoek', term);
    if (state) params.set('stand', state);
    if (halfYear) params.set('halfjaar', halfYear);
    if (p > 1) params.set('pagina', String(p));
    const s = params.toString();
    return `/aanleveringen${s ? `?${s}` : ''}`;
  };
  const from = (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, page * PAGE_SIZE);
  return sendPage(
    reply,
    200,
    <Layout title={title} ctx={ctx}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{tx('deliveries.staff.intro', { round: <Dutch>{round.name}</Dutch> })}</p>
      <form
        method="get"
        action="/aanleveringen"
        class="ggk-form ggk-filters"
        novalidate
        aria-label={t('deliveries.staff.filterLabel')}
      >
        <TextField id="zoek" label={t('deliveries.staff.search')} value={term} />
        <SelectField
          id="stand"
          label={t('deliveries.staff.state')}
          placeholder={t('deliveries.staff.allStates')}
          value={state ?? ''}
          options={STATES.map((s) => ({ value: s, label: t(`deliveries.state.${s}`) }))}
        />
        <SelectField
          id="halfjaar"
          label={t('deliveries.staff.halfYear')}
          placeholder={t('deliveries.staff.allHalfYears')}
          value={halfYear ?? ''}
          options={halfYears.map((h) => ({ value: h, label: halfYearLabel(locale, h) }))}
        />
        <div>
          <Button variant="secondary">{t('deliveries.staff.submit')}</Button>
        </div>
      </form>
      {total === 0 ? (
        <Notice>{t('deliveries.staff.none')}</Notice>
      ) : (
        <>
          <p class="utrecht-paragraph" role="status" data-testid="staff-count">
            {total === 1
              ? t('deliveries.staff.count.one')
              : t('deliveries.staff.count.other', {
                  count: formatNumber(locale, total),
                  from: formatNumber(locale, from),
                  to: formatNumber(locale, to),
                })}
          </p>
          <Table
            caption={t('deliveries.list.caption', { round: round.name })}
            testId="deliveries"
            rows={rows}
            rowKey={(d) => d.id}
            columns={[
              {
                header: t('deliveries.list.receipt'),
                rowHeader: true,
                cell: (d) => (
                  <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.id}`}>
                    {d.receipt_number}
                  </a>
                ),
              },
              { header: t('deliveries.list.received'), cell: (d) => formatDateTime(locale, d.received_at) },
              {
                header: t('deliveries.list.gemeente'),
                cell: (d) => (d.gemeentecode ? `${d.gemeente_name} (${d.gemeentecode})` : d.gemeente_name),
              },
              { header: t('deliveries.staff.organisation'), cell: (d) => d.organisation_name },
              { header: t('deliveries.list.halfYear'), cell: (d) => halfYearLabel(locale, d.half_year) },
              { header: t('deliveries.list.state'), cell: (d) => t(`deliveries.state.${d.state}`) },
            ]}
          />
          {total > PAGE_SIZE && (
            <nav aria-label={t('deliveries.staff.pages')} class="ggk-pager">
              {page > 1 && (
                <a class="utrecht-link utrecht-link--html-a" href={link(page - 1)} rel="prev">
                  {t('deliveries.staff.previous')}
                </a>
              )}{' '}
              {to < total && (
                <a class="utrecht-link utrecht-link--html-a" href={link(page + 1)} rel="next">
                  {t('deliveries.staff.next')}
                </a>
              )}
            </nav>
          )}
        </>
      )}
    </Layout>,
  );
}
