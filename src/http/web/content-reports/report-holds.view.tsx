// CBS's page of op-orde report holds in the current round: hold the round or one gemeente, the open
// holds with the reports each keeps waiting and a button to release it, and the released ones.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime, halfYearLabel } from '../../../modules/i18n/index.ts';
import { listHeldCbsReportsOfRound } from '../../../modules/handover/index.ts';
import { listOrganisations } from '../../../modules/organisations/index.ts';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import { listHeldReports, listHolds } from '../../../modules/reports/index.ts';
import type { AppDeps } from '../../app.ts';
import { Button, ErrorSummary, Notice, PostForm, SelectField, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';

/** The holds page, with the outcome of a hold or release as a notice, or the form's field errors. */
export async function renderHolds(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message?: { kind: 'ok' | 'warning'; text: string },
  errors: FieldError[] = [],
) {
  const ctx = pageContext(request, reply, deps);
  const t = ctx.t;
  const round = await findCurrentRound(deps.db, deps.now());
  const holds = round ? await listHolds(deps.db, round.id) : [];
  const held = round ? await listHeldReports(deps.db, { roundId: round.id }) : [];
  const heldCbs = round ? await listHeldCbsReportsOfRound(deps.db, round.id) : [];
  // Any gemeente: a member of a samenwerkingsverband delivers without participating itself.
  const gemeenten = (await listOrganisations(deps.db))
    .filter((o) => o.kind === 'gemeente')
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const scope = (h: { gemeente_name: string | null }) => h.gemeente_name ?? t('reports.holds.wholeRound');
  const open = holds.filter((h) => h.released_at === null);
  const closed = holds.filter((h) => h.released_at !== null);
  reply.header('cache-control', 'no-store');
  return sendPage(
    reply,
    status,
    <Layout title={t('reports.holds.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{t('reports.holds.title')}</h1>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!round ? (
        <Notice>{t('reports.holds.noRound')}</Notice>
      ) : (
        <>
          <p class="utrecht-paragraph">{t('reports.holds.intro')}</p>
          <ErrorSummary errors={errors} t={t} />
          <PostForm
            action="/op-orde-rapporten/tegenhouden"
            csrf={ctx.csrfToken}
            label={t('reports.holds.submit')}
          >
            <SelectField
              id="gemeente"
              label={t('reports.holds.scope')}
              options={[
                { value: '', label: `${t('reports.holds.wholeRound')} (${round.name})` },
                ...gemeenten.map((g) => ({ value: g.id, label: `${g.name} (${g.gemeentecode ?? ''})` })),
              ]}
              errors={errors}
            />
            <div>
              <Button>{t('reports.holds.submit')}</Button>
            </div>
          </PostForm>
          <h2 class="utrecht-heading-2">{t('reports.holds.open')}</h2>
          {open.length === 0 ? (
            <p class="utrecht-paragraph">{t('reports.holds.none')}</p>
          ) : (
            <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={t('reports.holds.open')}>
              <table class="utrecht-table" data-testid="holds">
                <caption class="utrecht-table__caption">{t('reports.holds.open')}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      {t('reports.holds.scopeCol')}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {t('reports.holds.heldAt')}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {t('reports.holds.heldBy')}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {t('reports.holds.waiting')}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {t('reports.holds.release')}
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {open.map((h) => (
                    <tr class="utrecht-table__row" key={h.id}>
                      <th class="utrecht-table__header-cell" scope="row">
                        {scope(h)}
                      </th>
                      <td class="utrecht-table__cell">{formatDateTime(ctx.locale, h.held_at)}</td>
                      <td class="utrecht-table__cell">{h.held_by_name ?? '–'}</td>
                      <td class="utrecht-table__cell">
                        {
                          [...held, ...heldCbs].filter(
                            (r) => h.gemeente_id === null || r.gemeente_id === h.gemeente_id,
                          ).length
                        }
                      </td>
                      <td class="utrecht-table__cell">
                        <PostForm
                          action="/op-orde-rapporten/vrijgeven"
                          csrf={ctx.csrfToken}
                          label={t('reports.holds.releaseLabel', { scope: scope(h) })}
                        >
                          <input type="hidden" name="blokkade" value={h.id} />
                          <Button variant="secondary">
                            {t('reports.holds.releaseLabel', { scope: scope(h) })}
                          </Button>
                        </PostForm>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {held.length + heldCbs.length > 0 && (
            <>
              <h2 class="utrecht-heading-2">{t('reports.holds.heldReports')}</h2>
              <ul class="utrecht-unordered-list" data-testid="held-reports">
                {held.map((r) => (
                  <li class="utrecht-unordered-list__item" key={r.delivery_id}>
                    <a
                      class="utrecht-link utrecht-link--html-a"
                      href={`/aanleveringen/${r.delivery_id}/op-orde`}
                    >
                      {r.receipt_number}
                    </a>
                    , {r.gemeente_name}, {halfYearLabel(ctx.locale, r.half_year)}
                  </li>
                ))}
                {heldCbs.map((r) => (
                  <li class="utrecht-unordered-list__item" key={`cbs-${r.delivery_id}`}>
                    <a class="utrecht-link utrecht-link--html-a" href={`/cbs/aanleveringen/${r.delivery_id}`}>
                      {r.receipt_number}
                    </a>
                    , {r.gemeente_name}, {halfYearLabel(ctx.locale, r.half_year)} (
                    {t('cbsReports.reader.title')})
                  </li>
                ))}
              </ul>
            </>
          )}
          {closed.length > 0 && (
            <>
              <h2 class="utrecht-heading-2">{t('reports.holds.history')}</h2>
              <ul class="utrecht-unordered-list">
                {closed.slice(0, 20).map((h) => (
                  <li class="utrecht-unordered-list__item" key={h.id}>
                    {scope(h)}: {formatDateTime(ctx.locale, h.held_at)} – {t('reports.holds.releasedAt')}{' '}
                    {formatDateTime(ctx.locale, h.released_at!)}
                    {h.released_by_name ? ` (${h.released_by_name})` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Layout>,
  );
}
