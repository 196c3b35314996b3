// The registration requests page the operator decides them on: the pending requests, each with a
// form to approve and one to reject (with a reason), and the last decided ones. Shown by the page
// itself and again, with the field error, by a refused approval or rejection.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listRegistrations, type RegistrationRow } from '../../../modules/users/index.ts';
import { formatDateTime } from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';
import { Button, ErrorSummary, Notice, PostForm, TextField, type FieldError } from '../components.tsx';
import { onlyLinksTo } from '../form-errors.ts';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';

export async function renderRegistrations(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  status: number,
  extra: {
    errors?: FieldError[];
    notice?: 'admin.registrations.noticeApproved' | 'admin.registrations.noticeRejected' | undefined;
  } = {},
) {
  const [pending, decided] = await Promise.all([
    listRegistrations(deps.db, 'pending'),
    listRegistrations(deps.db).then((rows) => rows.filter((r) => r.status !== 'pending').slice(0, 20)),
  ]);
  const ctx = pageContext(request, reply, deps);
  const row = (r: RegistrationRow) => (
    <tr class="utrecht-table__row" key={r.id}>
      <th class="utrecht-table__header-cell" scope="row">
        {r.organisation_name}
      </th>
      <td class="utrecht-table__cell">
        {r.applicant_name}
        {r.applicant_function ? `, ${r.applicant_function}` : ''}
      </td>
      <td class="utrecht-table__cell">{r.applicant_email}</td>
      <td class="utrecht-table__cell">{formatDateTime(ctx.locale, r.created_at)}</td>
      <td class="utrecht-table__cell">
        {r.status === 'pending' ? (
          <div class="ggk-actions">
            <PostForm
              id={`goedkeuren-${r.id}`}
              action="/beheer/aanmeldingen/goedkeuren"
              csrf={ctx.csrfToken}
              label={ctx.t('admin.registrations.approveLabel', { name: r.applicant_name })}
            >
              <input type="hidden" name="aanmelding" value={r.id} />
              <Button>
                {ctx.t('admin.registrations.approve')}
                <span class="ggk-visually-hidden"> ({r.applicant_name})</span>
              </Button>
            </PostForm>
            <PostForm
              action="/beheer/aanmeldingen/afwijzen"
              csrf={ctx.csrfToken}
              label={ctx.t('admin.registrations.rejectLabel', { name: r.applicant_name })}
            >
              <input type="hidden" name="aanmelding" value={r.id} />
              <TextField
                id={`reden-${r.id}`}
                label={ctx.t('admin.registrations.reason')}
                errors={extra.errors ?? []}
              />
              <Button variant="secondary">
                {ctx.t('admin.registrations.reject')}
                <span class="ggk-visually-hidden"> ({r.applicant_name})</span>
              </Button>
            </PostForm>
          </div>
        ) : (
          `${r.status === 'approved' ? ctx.t('admin.registrations.approved') : ctx.t('admin.registrations.rejected', { note: r.decision_note ?? '' })}${r.decided_at ? ctx.t('admin.registrations.decidedAt', { date: formatDateTime(ctx.locale, r.decided_at) }) : ''}`
        )}
      </td>
    </tr>
  );
  const table = (rows: RegistrationRow[], caption: string) => (
    <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={caption}>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('admin.registrations.col.organisation')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('admin.registrations.col.applicant')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('admin.registrations.col.email')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('admin.registrations.col.received')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {ctx.t('admin.registrations.col.decision')}
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">{rows.map(row)}</tbody>
      </table>
    </div>
  );
  return sendPage(
    reply,
    status,
    <Layout title={ctx.t('admin.registrations.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{ctx.t('admin.registrations.heading')}</h1>
      {extra.notice && <Notice kind="ok">{ctx.t(extra.notice)}</Notice>}
      <ErrorSummary
        errors={onlyLinksTo(
          extra.errors ?? [],
          pending.flatMap((r) => [`goedkeuren-${r.id}`, `reden-${r.id}`]),
        )}
        t={ctx.t}
      />
      {pending.length === 0 ? (
        <p class="utrecht-paragraph">{ctx.t('admin.registrations.none')}</p>
      ) : (
        table(pending, ctx.t('admin.registrations.pendingCaption'))
      )}
      <h2 class="utrecht-heading-2">{ctx.t('admin.registrations.decidedHeading')}</h2>
      {table(decided, ctx.t('admin.registrations.decidedCaption'))}
    </Layout>,
  );
}
