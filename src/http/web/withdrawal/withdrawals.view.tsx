// The withdrawal overview for the operator and CBS (/intrekkingen), with the form on which a cbs user
// registers a withdrawal that came in on the CBS form: GET shows it, the form's POST shows it again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { staffRolesOf } from '../../../modules/auth/index.ts';
import { formatDateTime } from '../../../modules/i18n/index.ts';
import { listRounds, type Round } from '../../../modules/periods/index.ts';
import { FILE_TYPES } from '../../../modules/validation/index.ts';
import { listWithdrawals, type WithdrawalRow } from '../../../modules/withdrawals/index.ts';
import type { AppDeps } from '../../app.ts';
import {
  Button,
  ErrorSummary,
  Dutch,
  Notice,
  PostForm,
  SelectField,
  TextField,
  type FieldError,
} from '../components.tsx';
import { onlyLinksTo } from '../form-errors.ts';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { CbsFormFacts, cbsFormDaysText, channelText, partText, type DeletedDelivery } from './shared.tsx';

export function WithdrawalsView(props: {
  ctx: PageContext;
  withdrawals: WithdrawalRow[];
  isCbs: boolean;
  rounds: Round[];
  notice?: string | undefined;
  errors?: FieldError[];
  form?: Record<string, string>;
}) {
  const ctx = props.ctx;
  return (
    <Layout title={ctx.t('withdrawal.list.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{ctx.t('withdrawal.list.title')}</h1>
      {props.notice && <Notice kind="ok">{props.notice}</Notice>}
      <ErrorSummary errors={onlyLinksTo(props.errors ?? [], props.isCbs ? CBS_FORM_FIELDS : [])} t={ctx.t} />
      {props.withdrawals.length === 0 ? (
        <p class="utrecht-paragraph">{ctx.t('withdrawal.list.none')}</p>
      ) : (
        <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={ctx.t('withdrawal.list.label')}>
          <table class="utrecht-table" data-testid="withdrawals">
            <caption class="utrecht-table__caption">{ctx.t('withdrawal.list.caption')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  {ctx.t('withdrawal.col.gemeente')}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {ctx.t('withdrawal.col.round')}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {ctx.t('withdrawal.col.withdrawnAt')}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {ctx.t('withdrawal.col.how')}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {ctx.t('withdrawal.col.by')}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {ctx.t('withdrawal.col.deleted')}
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {props.withdrawals.map((w) => {
                const deleted = (w.deleted ?? []) as DeletedDelivery[];
                return (
                  <tr class="utrecht-table__row" key={w.id}>
                    <th class="utrecht-table__header-cell" scope="row">
                      {w.gemeente_name} ({w.gemeentecode})
                    </th>
                    <td class="utrecht-table__cell">
                      <Dutch>{w.round_name}</Dutch>
                    </td>
                    <td class="utrecht-table__cell">{formatDateTime(ctx.locale, w.withdrawn_at)}</td>
                    <td class="utrecht-table__cell">
                      {channelText(ctx, w.channel)}
                      {w.form_reference
                        ? ctx.t('withdrawal.list.reference', { reference: w.form_reference })
                        : ''}
                    </td>
                    <td class="utrecht-table__cell">{w.requested_by_name ?? ctx.t('withdrawal.unknown')}</td>
                    <td class="utrecht-table__cell">
                      {partText(ctx, { halfYear: w.half_year, fileType: w.file_type })}:{' '}
                      {deleted
                        .map((d) =>
                          ctx.t(
                            d.files.length === 1 ? 'withdrawal.list.filesOne' : 'withdrawal.list.filesMany',
                            {
                              receipt: d.receipt_number,
                              count: d.files.length,
                            },
                          ),
                        )
                        .join(', ') || ctx.t('withdrawal.list.nothing')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {props.isCbs && (
        <>
          <h2 class="utrecht-heading-2">{ctx.t('withdrawal.form.heading')}</h2>
          <p class="utrecht-paragraph">{ctx.t('withdrawal.form.intro')}</p>
          <PostForm
            id="cbs-formulier"
            action="/intrekkingen/formulier"
            csrf={ctx.csrfToken}
            label={ctx.t('withdrawal.form.heading')}
          >
            <TextField
              id="gemeentecode"
              label={ctx.t('withdrawal.form.gemeentecode')}
              value={props.form?.gemeentecode ?? ''}
              errors={props.errors ?? []}
            />
            <SelectField
              id="ronde"
              label={ctx.t('withdrawal.form.round')}
              options={props.rounds.map((r) => ({
                value: r.id,
                label: ctx.t('withdrawal.form.roundOption', {
                  round: r.name,
                  window: cbsFormDaysText(ctx, r),
                }),
              }))}
              value={props.form?.ronde ?? props.rounds[0]?.id ?? ''}
              errors={props.errors ?? []}
            />
            <TextField
              id="ontvangen"
              label={ctx.t('withdrawal.form.receivedOn')}
              type="date"
              value={props.form?.ontvangen ?? ''}
              errors={props.errors ?? []}
            />
            <TextField
              id="kenmerk"
              label={ctx.t('withdrawal.form.reference')}
              value={props.form?.kenmerk ?? ''}
              errors={props.errors ?? []}
            />
            <TextField
              id="halfjaar"
              label={ctx.t('withdrawal.form.halfYear')}
              value={props.form?.halfjaar ?? ''}
              errors={props.errors ?? []}
            />
            <SelectField
              id="bestandstype"
              label={ctx.t('withdrawal.form.fileType')}
              options={[
                { value: '', label: ctx.t('withdrawal.form.allTypes') },
                ...FILE_TYPES.map((type) => ({
                  value: type,
                  label: ctx.t(`common.fileType.${type}`),
                })),
              ]}
              value={props.form?.bestandstype ?? ''}
              errors={props.errors ?? []}
            />
            <TextField
              id="reden"
              label={ctx.t('withdrawal.reasonLabel')}
              value={props.form?.reden ?? ''}
              errors={props.errors ?? []}
            />
            <div>
              <Button>{ctx.t('withdrawal.form.submit')}</Button>
            </div>
          </PostForm>
          {props.rounds.map((r) => (
            <CbsFormFacts
              key={r.id}
              ctx={ctx}
              round={r}
              heading={ctx.t('withdrawal.cbsForm.headingFor', { round: r.name })}
            />
          ))}
        </>
      )}
    </Layout>
  );
}

/** What the error summary of the CBS form may link to: the form itself and its fields. */
const CBS_FORM_FIELDS = [
  'cbs-formulier',
  'gemeentecode',
  'ronde',
  'ontvangen',
  'kenmerk',
  'halfjaar',
  'bestandstype',
  'deel',
  'reden',
];

export async function renderWithdrawals(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  extra: Partial<Parameters<typeof WithdrawalsView>[0]> = {},
) {
  const [withdrawals, rounds] = await Promise.all([listWithdrawals(deps.db), listRounds(deps.db)]);
  const ctx = pageContext(request, reply, deps);
  return sendPage(
    reply,
    status,
    <WithdrawalsView
      ctx={ctx}
      withdrawals={withdrawals}
      isCbs={staffRolesOf(request.principal).includes('cbs')}
      rounds={rounds}
      {...extra}
    />,
  );
}
