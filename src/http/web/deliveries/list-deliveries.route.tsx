// "Aanleveringen": an organisation's deliveries of the current round, which files are in force per
// gemeente and half year, and what a samenwerkingsverband delivered for a delegerende gemeente. Staff
// act for no organisation: they get the round's deliveries to search (staff-deliveries.view.tsx).
import type { FastifyInstance } from 'fastify';
import { actingOrganisationOf, staffRolesOf } from '../../../modules/auth/index.ts';
import {
  listDeliveriesForGemeenteByOthers,
  listDeliveriesOfOrganisation,
  listFilesInForce,
  shownDeliveryState,
} from '../../../modules/deliveries/index.ts';
import { formatDateTime, halfYearLabel } from '../../../modules/i18n/index.ts';
import { findCurrentRound, halfYearsOf } from '../../../modules/periods/index.ts';
import { FILE_TYPES } from '../../../modules/validation/index.ts';
import type { AppDeps } from '../../app.ts';
import { type ZodTypeProvider } from '../../route-schemas.ts';
import { Table } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { READERS } from './shared.ts';
import { renderStaffDeliveries, staffDeliveriesQuery } from './staff-deliveries.view.tsx';

export const listDeliveriesRoute = {
  method: 'GET',
  url: '/aanleveringen',
  // The staff's search and filters; an organisation's list reads none.
  schema: { querystring: staffDeliveriesQuery },
} as const;

export function registerListDeliveries(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...listDeliveriesRoute,
    config: READERS,
    handler: async (request, reply) => {
      // Staff act for no organisation: they get the round's deliveries to search, not an empty list.
      if (!actingOrganisationOf(request.principal) && staffRolesOf(request.principal).length > 0)
        return renderStaffDeliveries(request, reply, deps, request.query);
      const ctx = pageContext(request, reply, deps);
      const { t, locale } = ctx;
      const now = deps.now();
      const round = await findCurrentRound(deps.db, now);
      // Before the close a missing file is "not yet" delivered; after it, it was not delivered.
      const closed = round !== undefined && now > round.deliveryClosesAt;
      const organisationId = actingOrganisationOf(request.principal);
      const deliveries =
        round && organisationId ? await listDeliveriesOfOrganisation(deps.db, organisationId, round.id) : [];
      // A delegerende gemeente also sees what its samenwerkingsverband delivered for it (for a
      // samenwerkingsverband the list is empty: nothing is delivered for it).
      const byOthers =
        round && organisationId
          ? await listDeliveriesForGemeenteByOthers(deps.db, organisationId, round.id)
          : [];
      const byOthersIds = new Map(byOthers.map((d) => [d.id, d]));
      const gemeenteIds = [...new Set([...deliveries, ...byOthers].map((d) => d.gemeente_id))];
      const inForce = round ? await listFilesInForce(deps.db, gemeenteIds, round.id) : [];
      const gemeenteNames = new Map(
        [...deliveries, ...byOthers].map((d) => [d.gemeente_id, d.gemeente_name]),
      );
      const inForceRows = round
        ? gemeenteIds.flatMap((gemeenteId) =>
            halfYearsOf(round).map((halfYear) => ({ gemeenteId, halfYear })),
          )
        : [];
      return sendPage(
        reply,
        200,
        <Layout title={t('deliveries.list.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{t('deliveries.list.title')}</h1>
          {round && gemeenteIds.length > 0 && (
            <section aria-labelledby="geldig-titel">
              <h2 class="utrecht-heading-2" id="geldig-titel">
                {t('deliveries.list.inForce')}
              </h2>
              <p class="utrecht-paragraph">{t('deliveries.list.inForceText')}</p>
              <Table
                caption={t('deliveries.list.inForceCaption')}
                testId="in-force"
                rows={inForceRows}
                rowKey={(r) => `${r.gemeenteId}-${r.halfYear}`}
                columns={[
                  {
                    header: t('deliveries.list.gemeente'),
                    cell: (r) => gemeenteNames.get(r.gemeenteId),
                    rowHeader: true,
                  },
                  { header: t('deliveries.list.halfYear'), cell: (r) => halfYearLabel(locale, r.halfYear) },
                  ...FILE_TYPES.map((type) => ({
                    header: t(`common.fileType.${type}`),
                    cell: (r: { gemeenteId: string; halfYear: string }) => {
                      const hit = inForce.find(
                        (f) =>
                          f.gemeente_id === r.gemeenteId && f.period === r.halfYear && f.file_type === type,
                      );
                      const other = hit && byOthersIds.get(hit.delivery_id);
                      if (other)
                        return t('deliveries.list.inForceBy', {
                          receipt: other.receipt_number,
                          organisation: other.organisation_name,
                        });
                      return hit ? (
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/aanleveringen/${hit.delivery_id}`}
                        >
                          {hit.receipt_number}
                        </a>
                      ) : (
                        t(closed ? 'deliveries.list.notDelivered' : 'deliveries.list.notYet')
                      );
                    },
                  })),
                ]}
              />
            </section>
          )}
          {byOthers.length > 0 && (
            <section aria-labelledby="door-samenwerkingsverband" data-testid="delivered-by-others">
              <h2 class="utrecht-heading-2" id="door-samenwerkingsverband">
                {t('deliveries.list.byOthers')}
              </h2>
              <p class="utrecht-paragraph">
                {t('deliveries.list.byOthersText', { gemeente: byOthers[0]!.gemeente_name })}
              </p>
              <Table
                caption={t('deliveries.list.byOthersCaption', { gemeente: byOthers[0]!.gemeente_name })}
                testId="deliveries-by-others"
                rows={byOthers}
                rowKey={(d) => d.id}
                columns={[
                  { header: t('deliveries.list.receipt'), rowHeader: true, cell: (d) => d.receipt_number },
                  {
                    header: t('deliveries.list.received'),
                    cell: (d) => formatDateTime(locale, d.received_at),
                  },
                  { header: t('deliveries.list.deliveredBy'), cell: (d) => d.organisation_name },
                  { header: t('deliveries.list.halfYear'), cell: (d) => halfYearLabel(locale, d.half_year) },
                  {
                    header: t('deliveries.list.state'),
                    cell: (d) => t(`deliveries.state.${shownDeliveryState(d)}`),
                  },
                ]}
              />
            </section>
          )}
          <h2 class="utrecht-heading-2">{t('deliveries.list.all')}</h2>
          {deliveries.length === 0 ? (
            <p class="utrecht-paragraph">
              {t(closed ? 'deliveries.list.noneClosed' : 'deliveries.list.none')}
            </p>
          ) : (
            <Table
              caption={t('deliveries.list.caption', { round: round?.name ?? '' })}
              testId="deliveries"
              rows={deliveries}
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
                { header: t('deliveries.list.gemeente'), cell: (d) => d.gemeente_name },
                { header: t('deliveries.list.halfYear'), cell: (d) => halfYearLabel(locale, d.half_year) },
                {
                  header: t('deliveries.list.state'),
                  cell: (d) => t(`deliveries.state.${shownDeliveryState(d)}`),
                },
              ]}
            />
          )}
        </Layout>,
      );
    },
  });
}
