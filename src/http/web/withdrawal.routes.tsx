// Withdrawal pages: the intrekker's confirmation step and its result (/intrekken), and the overview
// for the operator and CBS, where a cbs user registers a withdrawal that came in on the CBS form
// (/intrekkingen).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf, staffRolesOf } from '../../modules/auth/index.ts';
import { listRounds, type Round } from '../../modules/periods/index.ts';
import {
  describeWithdrawal,
  listWithdrawals,
  registerFormWithdrawal,
  withdrawInPortal,
  type WithdrawalOverview,
  type WithdrawalRow,
} from '../../modules/withdrawals/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { formatByteCount } from '../../platform/files/encrypted-store.ts';
import {
  errorMessage,
  formatBytes,
  formatDate,
  formatDateTime,
  lookup,
  type Locale,
} from '../../modules/i18n/index.ts';
import type { AppDeps } from '../app.ts';
import {
  Button,
  ErrorSummary,
  Notice,
  PostForm,
  SelectField,
  TextField,
  type FieldError,
} from './components.tsx';
import { formErrorsOf, onlyLinksTo } from './form-errors.ts';
import { Layout } from './layout.tsx';
import { translatorFor } from './locale.ts';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const INTREKKER = { access: { kind: 'organisation', roles: ['intrekker'] } } as const;
const STAFF = { access: { kind: 'staff', roles: ['operator', 'cbs'] } } as const;
const CBS = { access: { kind: 'staff', roles: ['cbs'] } } as const;

/** The withdrawal window of a round in the visitor's language: "12 maart 2018 tot en met 26 maart 2018". */
function windowText(ctx: PageContext, round: Round): string {
  const day = (d: Date) => formatDate(ctx.locale, d);
  return ctx.t('home.range', { from: day(round.withdrawalOpensAt), to: day(round.withdrawalClosesAt) });
}

function stateText(ctx: PageContext, state: string): string {
  return lookup(ctx.locale, `withdrawal.state.${state}`) ?? state;
}

function channelText(ctx: PageContext, channel: 'portal' | 'cbs_form'): string {
  return channel === 'portal' ? ctx.t('withdrawal.channel.portal') : ctx.t('withdrawal.channel.cbs_form');
}

/** Dutch keeps the existing size notation; other languages use the catalogue's formatter. */
function sizeText(locale: Locale, bytes: number): string {
  return locale === 'nl' ? formatByteCount(bytes) : formatBytes(locale, bytes);
}

interface DeletedDelivery {
  delivery_id: string;
  receipt_number: string;
  files: Array<{ id: string; name: string; bytes: number; sha256: string }>;
}

function FilesTable({
  ctx,
  caption,
  rows,
}: {
  ctx: PageContext;
  caption: string;
  rows: Array<{ receipt: string; who: string; state: string; name: string; bytes: number; sha256: string }>;
}) {
  const showWho = rows.some((r) => r.who !== '');
  return (
    <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={caption}>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('withdrawal.col.receipt')}
            </th>
            {showWho && (
              <th class="utrecht-table__header-cell" scope="col">
                {ctx.t('withdrawal.col.deliveredBy')}
              </th>
            )}
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('withdrawal.col.state')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('withdrawal.col.file')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('withdrawal.col.size')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('withdrawal.col.sha256')}
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((r) => (
            <tr class="utrecht-table__row" key={r.receipt + r.name + r.sha256}>
              <td class="utrecht-table__cell">{r.receipt}</td>
              {showWho && <td class="utrecht-table__cell">{r.who}</td>}
              <td class="utrecht-table__cell">{r.state}</td>
              <td class="utrecht-table__cell">{r.name}</td>
              <td class="utrecht-table__cell">{sizeText(ctx.locale, r.bytes)}</td>
              <td class="utrecht-table__cell">
                <code class="utrecht-code ggk-checksum">{r.sha256}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WithdrawalFacts({ ctx, w }: { ctx: PageContext; w: WithdrawalRow }) {
  const deleted = (w.deleted ?? []) as DeletedDelivery[];
  return (
    <>
      <dl class="ggk-facts">
        <dt>{ctx.t('withdrawal.facts.withdrawnAt')}</dt>
        <dd>{formatDateTime(ctx.locale, w.withdrawn_at)}</dd>
        <dt>{ctx.t('withdrawal.facts.how')}</dt>
        <dd>
          {channelText(ctx, w.channel)}
          {w.form_reference ? ctx.t('withdrawal.facts.reference', { reference: w.form_reference }) : ''}
          {w.form_received_on
            ? ctx.t('withdrawal.facts.receivedOn', {
                date: formatDate(ctx.locale, new Date(`${w.form_received_on}T12:00:00Z`)),
              })
            : ''}
        </dd>
        <dt>{ctx.t('withdrawal.facts.by')}</dt>
        <dd>{w.requested_by_name ?? ctx.t('withdrawal.unknown')}</dd>
        {w.reason && (
          <>
            <dt>{ctx.t('withdrawal.facts.reason')}</dt>
            <dd>{w.reason}</dd>
          </>
        )}
      </dl>
      <FilesTable
        ctx={ctx}
        caption={ctx.t('withdrawal.deletedCaption')}
        rows={deleted.flatMap((d) =>
          d.files.map((f) => ({
            receipt: d.receipt_number,
            who: '',
            state: ctx.t('withdrawal.state.withdrawn'),
            name: f.name,
            bytes: f.bytes,
            sha256: f.sha256,
          })),
        )}
      />
    </>
  );
}

function WithdrawView(props: {
  ctx: PageContext;
  overview: WithdrawalOverview;
  notice?: string | undefined;
  errors?: FieldError[];
  form?: { bevestiging: string; reden: string };
}) {
  const o = props.overview;
  const ctx = props.ctx;
  const rows = o.deliveries.flatMap((d) =>
    d.files.map((f) => ({
      receipt: d.receipt_number,
      who: d.organisation_name,
      state: stateText(ctx, d.state),
      name: f.name,
      bytes: f.bytes,
      sha256: f.sha256,
    })),
  );
  const formShown = !o.withdrawal && !o.refusal;
  return (
    <Layout title={ctx.t('withdrawal.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{ctx.t('withdrawal.title')}</h1>
      {props.notice && <Notice kind="ok">{props.notice}</Notice>}
      <ErrorSummary
        errors={onlyLinksTo(props.errors ?? [], formShown ? ['bevestiging', 'reden'] : [])}
        t={ctx.t}
      />
      {o.round && (
        <p class="utrecht-paragraph">
          {ctx.t('withdrawal.roundLine', {
            gemeente: o.gemeente.name,
            round: o.round.name,
            window: windowText(ctx, o.round),
          })}
        </p>
      )}
      {o.withdrawal ? (
        <>
          <h2 class="utrecht-heading-2">{ctx.t('withdrawal.done.heading')}</h2>
          <p class="utrecht-paragraph">{ctx.t('withdrawal.done.text')}</p>
          <WithdrawalFacts ctx={ctx} w={o.withdrawal} />
        </>
      ) : o.refusal ? (
        <>
          <Notice kind="warning">{errorMessage(ctx.locale, o.refusal)}</Notice>
          {rows.length > 0 && (
            <FilesTable ctx={ctx} caption={ctx.t('withdrawal.inRoundCaption')} rows={rows} />
          )}
        </>
      ) : (
        <>
          <p class="utrecht-paragraph">
            {o.deliveries.length === 1
              ? ctx.t('withdrawal.explainOne', { gemeente: o.gemeente.name })
              : ctx.t('withdrawal.explainMany', { gemeente: o.gemeente.name, count: o.deliveries.length })}
          </p>
          <FilesTable ctx={ctx} caption={ctx.t('withdrawal.toDeleteCaption')} rows={rows} />
          <PostForm action="/intrekken" csrf={ctx.csrfToken} label={ctx.t('withdrawal.confirmForm')}>
            <TextField
              id="bevestiging"
              label={ctx.t('withdrawal.confirmLabel', { gemeente: o.gemeente.name })}
              value={props.form?.bevestiging ?? ''}
              errors={props.errors ?? []}
              autocomplete="off"
            />
            <TextField
              id="reden"
              label={ctx.t('withdrawal.reasonLabel')}
              value={props.form?.reden ?? ''}
              errors={props.errors ?? []}
            />
            <div>
              <Button>{ctx.t('withdrawal.submit')}</Button>
            </div>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

function WithdrawalsView(props: {
  ctx: PageContext;
  withdrawals: WithdrawalRow[];
  isCbs: boolean;
  rounds: Array<{ id: string; name: string; window: string }>;
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
                    <td class="utrecht-table__cell">{w.round_name}</td>
                    <td class="utrecht-table__cell">{formatDateTime(ctx.locale, w.withdrawn_at)}</td>
                    <td class="utrecht-table__cell">
                      {channelText(ctx, w.channel)}
                      {w.form_reference
                        ? ctx.t('withdrawal.list.reference', { reference: w.form_reference })
                        : ''}
                    </td>
                    <td class="utrecht-table__cell">{w.requested_by_name ?? ctx.t('withdrawal.unknown')}</td>
                    <td class="utrecht-table__cell">
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
                label: ctx.t('withdrawal.form.roundOption', { round: r.name, window: r.window }),
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
              id="reden"
              label={ctx.t('withdrawal.reasonLabel')}
              value={props.form?.reden ?? ''}
              errors={props.errors ?? []}
            />
            <div>
              <Button>{ctx.t('withdrawal.form.submit')}</Button>
            </div>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

type FormBody = Record<string, unknown> | undefined;

/** What the error summary of the CBS form may link to: the form itself and its fields. */
const CBS_FORM_FIELDS = ['cbs-formulier', 'gemeentecode', 'ronde', 'ontvangen', 'kenmerk', 'reden'];

function requireStore(deps: AppDeps) {
  if (!deps.delivery)
    throw new AppError(
      'withdrawal.unavailable',
      'Intrekken is op dit moment niet beschikbaar. Probeer het later opnieuw.',
    );
  return deps.delivery.store;
}

export function registerWithdrawalRoutes(app: FastifyInstance, deps: AppDeps): void {
  const renderWithdraw = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: Partial<Parameters<typeof WithdrawView>[0]> = {},
  ) => {
    const overview = await describeWithdrawal(deps.db, {
      organisationId: actingOrganisationOf(request.principal)!,
      now: deps.now(),
    });
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      status,
      <WithdrawView ctx={pageContext(request, reply, deps)} overview={overview} {...extra} />,
    );
  };

  app.get<{ Querystring: { melding?: string } }>(
    '/intrekken',
    { config: INTREKKER },
    async (request, reply) =>
      renderWithdraw(request, reply, 200, {
        notice:
          request.query.melding === 'ingetrokken'
            ? translatorFor(request)('withdrawal.withdrawnNotice')
            : undefined,
      }),
  );

  app.post('/intrekken', { config: INTREKKER }, async (request, reply) => {
    const body = request.body as FormBody;
    const form = { bevestiging: String(body?.bevestiging ?? ''), reden: String(body?.reden ?? '') };
    try {
      const outcome = await withdrawInPortal(deps.db, requireStore(deps), {
        userId: request.session!.principal.userId,
        organisationId: actingOrganisationOf(request.principal)!,
        confirmName: form.bevestiging,
        reason: form.reden,
        now: deps.now(),
        baseUrl: deps.config.baseUrl,
      });
      if (outcome.performed) deps.wakeOutbox?.();
    } catch (error) {
      return renderWithdraw(request, reply, 400, {
        errors: formErrorsOf(error, request.locale, 'bevestiging'),
        form,
      });
    }
    return reply.redirect('/intrekken?melding=ingetrokken', 303);
  });

  const renderOverview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: Partial<Parameters<typeof WithdrawalsView>[0]> = {},
  ) => {
    const [withdrawals, rounds] = await Promise.all([listWithdrawals(deps.db), listRounds(deps.db)]);
    const ctx = pageContext(request, reply, deps);
    return sendPage(
      reply,
      status,
      <WithdrawalsView
        ctx={ctx}
        withdrawals={withdrawals}
        isCbs={staffRolesOf(request.principal).includes('cbs')}
        rounds={rounds.map((r) => ({ id: r.id, name: r.name, window: windowText(ctx, r) }))}
        {...extra}
      />,
    );
  };

  app.get('/intrekkingen', { config: STAFF }, async (request, reply) => renderOverview(request, reply, 200));

  app.post('/intrekkingen/formulier', { config: CBS }, async (request, reply) => {
    const body = request.body as FormBody;
    const form = {
      gemeentecode: String(body?.gemeentecode ?? ''),
      ronde: String(body?.ronde ?? ''),
      ontvangen: String(body?.ontvangen ?? ''),
      kenmerk: String(body?.kenmerk ?? ''),
      reden: String(body?.reden ?? ''),
    };
    let notice: string;
    try {
      const outcome = await registerFormWithdrawal(deps.db, requireStore(deps), {
        cbsUserId: request.session!.principal.userId,
        gemeentecode: form.gemeentecode,
        roundId: form.ronde,
        receivedOn: form.ontvangen.trim(),
        reference: form.kenmerk,
        reason: form.reden,
        now: deps.now(),
        baseUrl: deps.config.baseUrl,
      });
      if (outcome.performed) deps.wakeOutbox?.();
      const t = translatorFor(request);
      notice = outcome.performed
        ? t(outcome.erased.length === 1 ? 'withdrawal.form.doneOne' : 'withdrawal.form.doneMany', {
            gemeente: outcome.gemeenteName,
            count: outcome.erased.length,
          })
        : t('withdrawal.form.already', { gemeente: outcome.gemeenteName });
    } catch (error) {
      return renderOverview(request, reply, 400, {
        errors: formErrorsOf(error, request.locale, 'cbs-formulier'),
        form,
      });
    }
    return renderOverview(request, reply, 200, { notice });
  });
}
