// The intrekker's withdrawal (/intrekken): choose a part of the current round, see which files it
// erases, confirm with the gemeente's name, and the result with the history of earlier withdrawals.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actingOrganisationOf } from '../../../modules/auth/index.ts';
import type { Round } from '../../../modules/periods/index.ts';
import {
  describeWithdrawal,
  partKey,
  withdrawInPortal,
  type WithdrawalOverview,
  type WithdrawalRow,
} from '../../../modules/withdrawals/index.ts';
import { formatByteCount } from '../../../platform/files/encrypted-store.ts';
import {
  errorMessage,
  formatBytes,
  formatDate,
  formatDateTime,
  lookup,
  type Locale,
} from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';
import { resumableObjectsOf, unfinishedUploadsOf } from '../../deliveries/resumable-upload.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import {
  Button,
  ErrorSummary,
  Notice,
  PostForm,
  RadioGroup,
  TextField,
  type FieldError,
  Dutch,
} from '../components.tsx';
import { formErrorsOf, onlyLinksTo } from '../form-errors.ts';
import { Layout } from '../layout.tsx';
import { translatorFor } from '../locale.ts';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import {
  CbsFormFacts,
  channelText,
  formField,
  partField,
  partOf,
  partText,
  requireStore,
  type DeletedDelivery,
} from './shared.tsx';

const INTREKKER = { access: { kind: 'organisation', roles: ['intrekker'] } } as const;

export const withdrawPartSchemas = {
  show: {
    querystring: z.object({ melding: z.string().max(100).optional(), deel: partField() }),
  },
  withdraw: {
    querystring: z.object({}),
    body: z.object({ _csrf: formField(), deel: partField(), bevestiging: formField(), reden: formField() }),
  },
};

/** The withdrawal window of a round in the visitor's language: "12 maart 2018 tot en met 26 maart 2018". */
function windowText(ctx: PageContext, round: Round): string {
  const day = (d: Date) => formatDate(ctx.locale, d);
  return ctx.t('home.range', { from: day(round.withdrawalOpensAt), to: day(round.withdrawalClosesAt) });
}

function stateText(ctx: PageContext, state: string): string {
  return lookup(ctx.locale, `withdrawal.state.${state}`) ?? state;
}

/** Dutch keeps the existing size notation; other languages use the catalogue's formatter. */
function sizeText(locale: Locale, bytes: number): string {
  return locale === 'nl' ? formatByteCount(bytes) : formatBytes(locale, bytes);
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
        <dt>{ctx.t('withdrawal.facts.part')}</dt>
        <dd>{partText(ctx, { halfYear: w.half_year, fileType: w.file_type })}</dd>
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
        {w.offered_to_cbs && (
          <>
            <dt>{ctx.t('withdrawal.facts.cbs')}</dt>
            <dd data-testid="cbs-erasure">
              {w.erased_by_cbs_at
                ? ctx.t('withdrawal.facts.cbsConfirmed', {
                    when: formatDateTime(ctx.locale, w.erased_by_cbs_at),
                  })
                : ctx.t('withdrawal.facts.cbsPending')}
            </dd>
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
  const fileRows = (
    list: Array<{ delivery: (typeof o.deliveries)[number]; files: (typeof o.deliveries)[number]['files'] }>,
  ) =>
    list.flatMap(({ delivery: d, files }) =>
      files.map((f) => ({
        receipt: d.receipt_number,
        who: d.organisation_name,
        state: stateText(ctx, f.withdrawalId ? 'withdrawn' : d.state),
        name: f.name,
        bytes: f.bytes,
        sha256: f.sha256,
      })),
    );
  const rows = fileRows(o.deliveries.map((d) => ({ delivery: d, files: d.files })));
  const toDelete = fileRows(
    o.selection.map((s) => ({ delivery: o.deliveries.find((d) => d.id === s.delivery.id)!, files: s.files })),
  );
  const formShown = !o.finished && !o.refusal && !o.partRefusal && o.selection.length > 0;
  const chosen = partKey(o.part);
  return (
    <Layout title={ctx.t('withdrawal.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{ctx.t('withdrawal.title')}</h1>
      {props.notice && <Notice kind="ok">{props.notice}</Notice>}
      <ErrorSummary
        errors={onlyLinksTo(props.errors ?? [], formShown ? ['bevestiging', 'reden', 'deel'] : ['deel'])}
        t={ctx.t}
      />
      {o.round && (
        <p class="utrecht-paragraph">
          {ctx.tx('withdrawal.roundLine', {
            gemeente: <Dutch>{o.gemeente.name}</Dutch>,
            round: <Dutch>{o.round.name}</Dutch>,
            window: windowText(ctx, o.round),
          })}
        </p>
      )}
      {o.finished ? (
        <>
          <h2 class="utrecht-heading-2">{ctx.t('withdrawal.done.heading')}</h2>
          <p class="utrecht-paragraph">{ctx.t('withdrawal.done.text')}</p>
        </>
      ) : o.refusal ? (
        <>
          <Notice kind="warning">{errorMessage(ctx.locale, o.refusal)}</Notice>
          {o.round && o.refusal.details?.reason === 'delegated' && (
            <CbsFormFacts ctx={ctx} round={o.round} heading={ctx.t('withdrawal.cbsForm.heading')} />
          )}
          {rows.length > 0 && (
            <FilesTable ctx={ctx} caption={ctx.t('withdrawal.inRoundCaption')} rows={rows} />
          )}
        </>
      ) : (
        <>
          {o.withdrawals.length > 0 && <p class="utrecht-paragraph">{ctx.t('withdrawal.partlyDone')}</p>}
          <form
            method="get"
            action="/intrekken"
            class="ggk-form"
            novalidate
            aria-label={ctx.t('withdrawal.choose.label')}
          >
            <RadioGroup
              id="deel"
              legend={ctx.t('withdrawal.choose.legend')}
              description={ctx.t('withdrawal.choose.hint')}
              options={o.parts.map((p) => ({ value: partKey(p), label: partText(ctx, p) }))}
              value={chosen}
              errors={props.errors ?? []}
            />
            <div>
              <Button variant="secondary">{ctx.t('withdrawal.choose.submit')}</Button>
            </div>
          </form>
          <h2 class="utrecht-heading-2" id="bevestigen">
            {ctx.t('withdrawal.confirmHeading', { part: partText(ctx, o.part) })}
          </h2>
          {o.partRefusal ? (
            <Notice kind="warning">{errorMessage(ctx.locale, o.partRefusal)}</Notice>
          ) : o.selection.length === 0 ? (
            <Notice kind="warning">{ctx.t('withdrawal.partEmpty')}</Notice>
          ) : (
            <>
              <p class="utrecht-paragraph">
                {o.part.halfYear !== null
                  ? // A part erases the files listed, not whole deliveries with all their reports.
                    ctx.t('withdrawal.explainPart', { gemeente: o.gemeente.name })
                  : o.selection.length === 1
                    ? ctx.t('withdrawal.explainOne', { gemeente: o.gemeente.name })
                    : ctx.t('withdrawal.explainMany', {
                        gemeente: o.gemeente.name,
                        count: o.selection.length,
                      })}
              </p>
              {o.part.halfYear !== null && <p class="utrecht-paragraph">{ctx.t('withdrawal.restStays')}</p>}
              <FilesTable ctx={ctx} caption={ctx.t('withdrawal.toDeleteCaption')} rows={toDelete} />
              <PostForm action="/intrekken" csrf={ctx.csrfToken} label={ctx.t('withdrawal.confirmForm')}>
                <input type="hidden" name="deel" value={chosen} />
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
        </>
      )}
      {o.withdrawals.length > 0 && (
        <>
          <h2 class="utrecht-heading-2">{ctx.t('withdrawal.history.heading')}</h2>
          {[...o.withdrawals].reverse().map((w) => (
            <section key={w.id} aria-label={partText(ctx, { halfYear: w.half_year, fileType: w.file_type })}>
              <h3 class="utrecht-heading-3">
                {partText(ctx, { halfYear: w.half_year, fileType: w.file_type })}
              </h3>
              <WithdrawalFacts ctx={ctx} w={w} />
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}

export function registerWithdrawPart(app: FastifyInstance, deps: AppDeps): void {
  const renderWithdraw = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: Partial<Parameters<typeof WithdrawView>[0]> = {},
    part?: string,
  ) => {
    const overview = await describeWithdrawal(deps.db, {
      organisationId: actingOrganisationOf(request.principal)!,
      now: deps.now(),
      part,
    });
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      status,
      <WithdrawView ctx={pageContext(request, reply, deps)} overview={overview} {...extra} />,
    );
  };
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/intrekken',
    { config: INTREKKER, schema: withdrawPartSchemas.show },
    async (request, reply) => {
      const t = translatorFor(request);
      const melding = request.query.melding;
      // Every parameter is hostile: a part that is not one string becomes one the service refuses.
      const deel = partOf(request.query.deel);
      const page = (status: number, errors?: FieldError[]) =>
        renderWithdraw(
          request,
          reply,
          status,
          {
            notice: melding === 'ingetrokken' ? t('withdrawal.withdrawnNotice') : undefined,
            ...(errors ? { errors } : {}),
          },
          deel,
        );
      const overview = await describeWithdrawal(deps.db, {
        organisationId: actingOrganisationOf(request.principal)!,
        now: deps.now(),
        part: deel,
      });
      if (overview.partRefusal?.code === 'withdrawal.part_invalid')
        return page(400, formErrorsOf(overview.partRefusal, request.locale, 'deel'));
      return page(200);
    },
  );

  routes.post(
    '/intrekken',
    { config: INTREKKER, schema: withdrawPartSchemas.withdraw },
    async (request, reply) => {
      const body = request.body;
      const form = { bevestiging: body.bevestiging ?? '', reden: body.reden ?? '' };
      const deel = partOf(body.deel);
      try {
        const outcome = await withdrawInPortal(deps.db, requireStore(deps), {
          userId: request.session!.principal.userId,
          organisationId: actingOrganisationOf(request.principal)!,
          confirmName: form.bevestiging,
          part: deel,
          reason: form.reden,
          now: deps.now(),
          baseUrl: deps.config.baseUrl,
          unfinishedUploads: unfinishedUploadsOf(
            deps.config.dataDir,
            deps.delivery?.store,
            resumableObjectsOf(deps),
          ),
        });
        if (outcome.performed) deps.wakeOutbox?.();
        if (outcome.uploadsEnded > 0)
          request.log.info({ uploadsEnded: outcome.uploadsEnded }, 'withdrawal ended unfinished uploads');
      } catch (error) {
        return renderWithdraw(
          request,
          reply,
          400,
          { errors: formErrorsOf(error, request.locale, 'bevestiging'), form },
          // The page shows the part that was asked for, unless that part is no part at all.
          deel === undefined || deel === '?' ? undefined : deel,
        );
      }
      // A second click finds its part withdrawn already (nothing changed): both land on the same page.
      return reply.redirect('/intrekken?melding=ingetrokken', 303);
    },
  );
}
