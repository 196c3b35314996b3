// Withdrawal pages: the intrekker's confirmation step and its result (/intrekken), and the overview
// for the operator and CBS, where a cbs user registers a withdrawal that came in on the CBS form
// (/intrekkingen).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf, staffRolesOf } from '../../modules/auth/index.ts';
import { listRounds } from '../../modules/periods/index.ts';
import {
  describeWithdrawal,
  listWithdrawals,
  registerFormWithdrawal,
  withdrawInPortal,
  withdrawalWindowText,
  type WithdrawalOverview,
  type WithdrawalRow,
} from '../../modules/withdrawals/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { formatByteCount } from '../../platform/files/encrypted-store.ts';
import { formatDutchDate, formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
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
import { formErrorsOf } from './form-errors.ts';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const INTREKKER = { access: { kind: 'organisation', roles: ['intrekker'] } } as const;
const STAFF = { access: { kind: 'staff', roles: ['operator', 'cbs'] } } as const;
const CBS = { access: { kind: 'staff', roles: ['cbs'] } } as const;

const STATE_TEXT: Record<string, string> = {
  received: 'ontvangen',
  checking: 'in controle',
  approved: 'technisch goedgekeurd',
  rejected: 'technisch afgekeurd',
  withdrawn: 'ingetrokken',
};

const CHANNEL_TEXT = { portal: 'In het portaal', cbs_form: 'CBS-formulier' } as const;

interface DeletedDelivery {
  delivery_id: string;
  receipt_number: string;
  files: Array<{ id: string; name: string; bytes: number; sha256: string }>;
}

function FilesTable({
  caption,
  rows,
}: {
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
              Ontvangstbewijs
            </th>
            {showWho && (
              <th class="utrecht-table__header-cell" scope="col">
                Aangeleverd door
              </th>
            )}
            <th class="utrecht-table__header-cell" scope="col">
              Status
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Bestand
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Grootte
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              SHA-256
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
              <td class="utrecht-table__cell">{formatByteCount(r.bytes)}</td>
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

function WithdrawalFacts({ w }: { w: WithdrawalRow }) {
  const deleted = (w.deleted ?? []) as DeletedDelivery[];
  return (
    <>
      <dl class="ggk-facts">
        <dt>Ingetrokken op</dt>
        <dd>{formatDutchDateTime(w.withdrawn_at)}</dd>
        <dt>Hoe</dt>
        <dd>
          {CHANNEL_TEXT[w.channel]}
          {w.form_reference ? `, kenmerk ${w.form_reference}` : ''}
          {w.form_received_on
            ? `, ontvangen op ${formatDutchDate(new Date(`${w.form_received_on}T12:00:00Z`))}`
            : ''}
        </dd>
        <dt>Door</dt>
        <dd>{w.requested_by_name ?? 'onbekend'}</dd>
        {w.reason && (
          <>
            <dt>Reden</dt>
            <dd>{w.reason}</dd>
          </>
        )}
      </dl>
      <FilesTable
        caption="Verwijderd (wat overblijft: ontvangstbewijs, bestandsnaam, grootte en controlegetal)"
        rows={deleted.flatMap((d) =>
          d.files.map((f) => ({
            receipt: d.receipt_number,
            who: '',
            state: 'ingetrokken',
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
  const rows = o.deliveries.flatMap((d) =>
    d.files.map((f) => ({
      receipt: d.receipt_number,
      who: d.organisation_name,
      state: STATE_TEXT[d.state] ?? d.state,
      name: f.name,
      bytes: f.bytes,
      sha256: f.sha256,
    })),
  );
  return (
    <Layout title="Aanlevering intrekken" ctx={props.ctx}>
      <h1 class="utrecht-heading-1">Aanlevering intrekken</h1>
      {props.notice && <Notice kind="ok">{props.notice}</Notice>}
      <ErrorSummary errors={props.errors ?? []} />
      {o.round && (
        <p class="utrecht-paragraph">
          {o.gemeente.name}, {o.round.name}. Intrekkingsperiode: {o.windowText}.
        </p>
      )}
      {o.withdrawal ? (
        <>
          <h2 class="utrecht-heading-2">Deze aanlevering is ingetrokken</h2>
          <p class="utrecht-paragraph">
            De bestanden en de rapporten daarvan zijn definitief verwijderd. Alleen het feit blijft bewaard.
          </p>
          <WithdrawalFacts w={o.withdrawal} />
        </>
      ) : o.refusal ? (
        <>
          <Notice kind="warning">{o.refusal}</Notice>
          {rows.length > 0 && <FilesTable caption="Aanleveringen in deze ronde" rows={rows} />}
        </>
      ) : (
        <>
          <p class="utrecht-paragraph">
            Door in te trekken geeft {o.gemeente.name} geen toestemming meer om deze gegevens voor onderzoek
            en publicatie te gebruiken. De volgende{' '}
            {o.deliveries.length === 1 ? 'aanlevering wordt' : `${o.deliveries.length} aanleveringen worden`}{' '}
            definitief verwijderd, met alle bestanden, technische rapporten en op-orde rapporten. Dit kan niet
            ongedaan worden gemaakt.
          </p>
          <FilesTable caption="Wordt verwijderd" rows={rows} />
          <PostForm action="/intrekken" csrf={props.ctx.csrfToken} label="Intrekken bevestigen">
            <TextField
              id="bevestiging"
              label={`Typ ter bevestiging de naam van uw gemeente: ${o.gemeente.name}`}
              value={props.form?.bevestiging ?? ''}
              errors={props.errors ?? []}
              autocomplete="off"
            />
            <TextField
              id="reden"
              label="Reden (niet verplicht)"
              value={props.form?.reden ?? ''}
              errors={props.errors ?? []}
            />
            <div>
              <Button>Definitief intrekken</Button>
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
  return (
    <Layout title="Intrekkingen" ctx={props.ctx}>
      <h1 class="utrecht-heading-1">Intrekkingen</h1>
      {props.notice && <Notice kind="ok">{props.notice}</Notice>}
      <ErrorSummary errors={props.errors ?? []} />
      {props.withdrawals.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn nog geen aanleveringen ingetrokken.</p>
      ) : (
        <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label="Ingetrokken aanleveringen">
          <table class="utrecht-table" data-testid="withdrawals">
            <caption class="utrecht-table__caption">Ingetrokken aanleveringen, nieuwste eerst</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Gemeente
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Ronde
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Ingetrokken op
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Hoe
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Door
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Verwijderd
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
                    <td class="utrecht-table__cell">{formatDutchDateTime(w.withdrawn_at)}</td>
                    <td class="utrecht-table__cell">
                      {CHANNEL_TEXT[w.channel]}
                      {w.form_reference ? ` (kenmerk ${w.form_reference})` : ''}
                    </td>
                    <td class="utrecht-table__cell">{w.requested_by_name ?? 'onbekend'}</td>
                    <td class="utrecht-table__cell">
                      {deleted
                        .map(
                          (d) =>
                            `${d.receipt_number} (${d.files.length} ${d.files.length === 1 ? 'bestand' : 'bestanden'})`,
                        )
                        .join(', ') || 'niets'}
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
          <h2 class="utrecht-heading-2">Intrekkingsformulier registreren</h2>
          <p class="utrecht-paragraph">
            Een delegerende gemeente trekt in met het intrekkingsformulier van CBS. Registreer het formulier
            hier als het binnen de intrekkingsperiode is ontvangen: de aanleveringen van die gemeente in de
            ronde worden dan definitief verwijderd, net als bij intrekken in het portaal.
          </p>
          <PostForm
            action="/intrekkingen/formulier"
            csrf={props.ctx.csrfToken}
            label="Intrekkingsformulier registreren"
          >
            <TextField
              id="gemeentecode"
              label="Gemeentecode (4 cijfers)"
              value={props.form?.gemeentecode ?? ''}
              errors={props.errors ?? []}
            />
            <SelectField
              id="ronde"
              label="Ronde"
              options={props.rounds.map((r) => ({ value: r.id, label: `${r.name} (intrekken ${r.window})` }))}
              value={props.form?.ronde ?? props.rounds[0]?.id ?? ''}
              errors={props.errors ?? []}
            />
            <TextField
              id="ontvangen"
              label="Datum van ontvangst van het formulier"
              type="date"
              value={props.form?.ontvangen ?? ''}
              errors={props.errors ?? []}
            />
            <TextField
              id="kenmerk"
              label="Kenmerk van het formulier"
              value={props.form?.kenmerk ?? ''}
              errors={props.errors ?? []}
            />
            <TextField
              id="reden"
              label="Reden (niet verplicht)"
              value={props.form?.reden ?? ''}
              errors={props.errors ?? []}
            />
            <div>
              <Button>Intrekking registreren</Button>
            </div>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

type FormBody = Record<string, unknown> | undefined;

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
            ? 'De aanlevering is ingetrokken en de gegevens zijn definitief verwijderd. U krijgt een bevestiging per e-mail.'
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
      return renderWithdraw(request, reply, 400, { errors: formErrorsOf(error, 'bevestiging'), form });
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
    return sendPage(
      reply,
      status,
      <WithdrawalsView
        ctx={pageContext(request, reply, deps)}
        withdrawals={withdrawals}
        isCbs={staffRolesOf(request.principal).includes('cbs')}
        rounds={rounds.map((r) => ({ id: r.id, name: r.name, window: withdrawalWindowText(r) }))}
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
      notice = outcome.performed
        ? `De intrekking van ${outcome.gemeenteName} is geregistreerd; ${outcome.erased.length} ${outcome.erased.length === 1 ? 'aanlevering is' : 'aanleveringen zijn'} definitief verwijderd.`
        : `De aanlevering van ${outcome.gemeenteName} in deze ronde was al ingetrokken; er is niets gewijzigd.`;
    } catch (error) {
      return renderOverview(request, reply, 400, { errors: formErrorsOf(error), form });
    }
    return renderOverview(request, reply, 200, { notice });
  });
}
