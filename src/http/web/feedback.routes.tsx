// Pilot feedback: a small form reachable from every page (a link in the footer), the evaluation
// after the round, and the operator's overview with its CSV export.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf } from '../../modules/auth/index.ts';
import { auditActorOf, recordAudit } from '../../modules/audit/index.ts';
import {
  EVALUATION_QUESTIONS,
  MAX_FEEDBACK_CHARS,
  RATING_LABELS,
  feedbackContext,
  listRoundFeedback,
  submitEvaluation,
  submitFeedback,
} from '../../modules/monitoring/index.ts';
import { toCsv } from '../../platform/csv/csv.ts';
import { isAppError } from '../../platform/errors/app-error.ts';
import { formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import { Button, ErrorSummary, Notice, type FieldError } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const MEMBERS = {
  access: {
    kind: 'organisation',
    roles: ['gebruikersbeheerder', 'aanleveraar', 'rapportontvanger', 'intrekker'],
  },
} as const;
const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;

function errorsOf(error: unknown): FieldError[] {
  if (!isAppError(error)) throw error;
  const field = typeof error.details?.field === 'string' ? error.details.field : 'formulier';
  return [{ field, message: error.message }];
}

function RatingField(props: { id: string; legend: string; value?: string; errors: FieldError[] }) {
  const error = props.errors.find((e) => e.field === props.id);
  return (
    <fieldset
      class={`utrecht-form-fieldset ggk-rating${error ? ' utrecht-form-field--invalid' : ''}`}
      id={props.id}
      aria-describedby={error ? `${props.id}-fout` : undefined}
    >
      <legend class="utrecht-form-fieldset__legend">{props.legend}</legend>
      {error && (
        <div class="utrecht-form-field-error-message" id={`${props.id}-fout`}>
          {error.message}
        </div>
      )}
      {[1, 2, 3, 4, 5].map((n) => (
        <div class="utrecht-form-field utrecht-form-field--radio" key={n}>
          <input
            class="utrecht-radio-button utrecht-radio-button--html-input"
            type="radio"
            id={`${props.id}-${n}`}
            name={props.id}
            value={String(n)}
            checked={props.value === String(n)}
          />
          <label class="utrecht-form-label utrecht-form-label--radio" for={`${props.id}-${n}`}>
            {n} ({RATING_LABELS[n]})
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function TextArea(props: { id: string; label: string; value?: string; errors: FieldError[] }) {
  const error = props.errors.find((e) => e.field === props.id);
  return (
    <div class={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={props.id}>
          {props.label}
        </label>
      </div>
      <div class="utrecht-form-field-description" id={`${props.id}-uitleg`}>
        Ten hoogste {MAX_FEEDBACK_CHARS} tekens. Zet er geen persoonsgegevens van cliënten in.
      </div>
      {error && (
        <div class="utrecht-form-field-error-message" id={`${props.id}-fout`}>
          {error.message}
        </div>
      )}
      <div class="utrecht-form-field__input">
        <textarea
          class="utrecht-textarea utrecht-textarea--html-textarea"
          id={props.id}
          name={props.id}
          rows={5}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${props.id}-uitleg${error ? ` ${props.id}-fout` : ''}`}
        >
          {props.value ?? ''}
        </textarea>
      </div>
    </div>
  );
}

export function registerFeedbackRoutes(app: FastifyInstance, deps: AppDeps): void {
  const contextOf = (request: FastifyRequest) =>
    feedbackContext(deps.db, {
      userId: request.session!.principal.userId,
      organisationId: actingOrganisationOf(request.principal),
      now: deps.now(),
    });

  const renderFeedback = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    state: { errors?: FieldError[]; values?: Record<string, string>; thanks?: boolean; page?: string },
  ) => {
    const ctx = pageContext(request, reply, deps);
    const context = await contextOf(request);
    const errors = state.errors ?? [];
    const values = state.values ?? {};
    return sendPage(
      reply,
      status,
      <Layout title="Feedback" ctx={ctx}>
        <h1 class="utrecht-heading-1">Feedback over ggk</h1>
        {state.thanks && <Notice kind="ok">Dank u wel voor uw feedback.</Notice>}
        {!context?.isPilot ? (
          <Notice>
            Feedback in ggk is voor pilotdeelnemers van de huidige ronde. Uw organisatie doet niet mee aan de
            pilot; vragen kunt u stellen aan de servicedesk.
          </Notice>
        ) : (
          <>
            <p class="utrecht-paragraph">
              U doet mee aan de pilot van {context.round.name}. Wat vindt u van ggk? Uw waardering en
              toelichting gaan naar de beheerder van het portaal.
            </p>
            {context.evaluationOpen && !context.hasEvaluated && (
              <p class="utrecht-paragraph">
                De aanleverperiode is gesloten:{' '}
                <a class="utrecht-link utrecht-link--html-a" href="/feedback/evaluatie">
                  vul de korte evaluatie van de ronde in
                </a>
                .
              </p>
            )}
            <ErrorSummary errors={errors} />
            <form method="post" action="/feedback" class="ggk-form" novalidate aria-label="Feedback geven">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <input type="hidden" name="pagina" value={state.page ?? values.pagina ?? ''} />
              <RatingField id="waardering" legend="Uw waardering" value={values.waardering} errors={errors} />
              <TextArea
                id="toelichting"
                label="Toelichting (niet verplicht)"
                value={values.toelichting}
                errors={errors}
              />
              <div>
                <Button>Feedback versturen</Button>
              </div>
            </form>
          </>
        )}
      </Layout>,
    );
  };

  app.get<{ Querystring: { pagina?: string; bedankt?: string } }>(
    '/feedback',
    { config: MEMBERS },
    async (request, reply) =>
      renderFeedback(request, reply, 200, {
        thanks: request.query.bedankt === '1',
        ...(typeof request.query.pagina === 'string' && /^\/[^?#\s]{0,200}$/.test(request.query.pagina)
          ? { page: request.query.pagina }
          : {}),
      }),
  );

  app.post('/feedback', { config: MEMBERS }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await deps.db.transaction().execute((trx) =>
        submitFeedback(trx, {
          userId: request.session!.principal.userId,
          organisationId: actingOrganisationOf(request.principal),
          now: deps.now(),
          rating: body.waardering,
          text: body.toelichting,
          page: body.pagina,
        }),
      );
    } catch (error) {
      return renderFeedback(request, reply, 400, {
        errors: errorsOf(error),
        values: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v ?? '')])),
      });
    }
    return reply.redirect('/feedback?bedankt=1', 303);
  });

  const renderEvaluation = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    state: { errors?: FieldError[]; values?: Record<string, string>; thanks?: boolean },
  ) => {
    const ctx = pageContext(request, reply, deps);
    const context = await contextOf(request);
    const errors = state.errors ?? [];
    const values = state.values ?? {};
    return sendPage(
      reply,
      status,
      <Layout title="Evaluatie van de ronde" ctx={ctx}>
        <h1 class="utrecht-heading-1">Evaluatie van de ronde</h1>
        {state.thanks && <Notice kind="ok">Dank u wel voor het invullen van de evaluatie.</Notice>}
        {!context?.isPilot ? (
          <Notice>De evaluatie is voor pilotdeelnemers van de huidige ronde.</Notice>
        ) : !context.evaluationOpen ? (
          <Notice>
            De evaluatie van {context.round.name} kan worden ingevuld zodra de aanleverperiode gesloten is (na{' '}
            {formatDutchDateTime(context.round.deliveryClosesAt)}).
          </Notice>
        ) : context.hasEvaluated && !state.errors ? (
          !state.thanks && <Notice>U heeft de evaluatie van deze ronde al ingevuld. Dank u wel!</Notice>
        ) : (
          <>
            <ErrorSummary errors={errors} />
            <form
              method="post"
              action="/feedback/evaluatie"
              class="ggk-form"
              novalidate
              aria-label="Evaluatie"
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              {EVALUATION_QUESTIONS.map((q) => (
                <RatingField id={q.id} legend={q.text} value={values[q.id]} errors={errors} key={q.id} />
              ))}
              <RatingField
                id="waardering"
                legend="Uw totaaloordeel over ggk"
                value={values.waardering}
                errors={errors}
              />
              <TextArea
                id="toelichting"
                label="Wat kan er beter? (niet verplicht)"
                value={values.toelichting}
                errors={errors}
              />
              <div>
                <Button>Evaluatie versturen</Button>
              </div>
            </form>
          </>
        )}
      </Layout>,
    );
  };

  app.get<{ Querystring: { bedankt?: string } }>(
    '/feedback/evaluatie',
    { config: MEMBERS },
    async (request, reply) =>
      renderEvaluation(request, reply, 200, { thanks: request.query.bedankt === '1' }),
  );

  app.post('/feedback/evaluatie', { config: MEMBERS }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await deps.db.transaction().execute((trx) =>
        submitEvaluation(trx, {
          userId: request.session!.principal.userId,
          organisationId: actingOrganisationOf(request.principal),
          now: deps.now(),
          form: body,
        }),
      );
    } catch (error) {
      return renderEvaluation(request, reply, 400, {
        errors: errorsOf(error),
        values: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v ?? '')])),
      });
    }
    return reply.redirect('/feedback/evaluatie?bedankt=1', 303);
  });

  app.get('/beheer/feedback', { config: OPERATOR }, async (request, reply) => {
    const { round, rows } = await listRoundFeedback(deps.db, deps.now());
    const ctx = pageContext(request, reply, deps);
    reply.header('cache-control', 'no-store');
    const table = (kind: 'feedback' | 'evaluation', caption: string) => {
      const list = rows.filter((r) => r.kind === kind);
      if (list.length === 0) return <p class="utrecht-paragraph">{caption}: nog geen.</p>;
      return (
        <div class="ggk-table-wrapper">
          <table class="utrecht-table" data-testid={`feedback-${kind}`}>
            <caption class="utrecht-table__caption">
              {caption} ({list.length}, gemiddelde waardering{' '}
              {(list.reduce((s, r) => s + r.rating, 0) / list.length).toFixed(1).replace('.', ',')})
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {[
                  'Tijdstip',
                  'Organisatie',
                  'Gebruiker',
                  'Waardering',
                  kind === 'feedback' ? 'Pagina' : 'Antwoorden',
                  'Toelichting',
                ].map((h) => (
                  <th class="utrecht-table__header-cell" scope="col" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {list.map((r) => (
                <tr class="utrecht-table__row" key={r.id}>
                  <td class="utrecht-table__cell">{formatDutchDateTime(r.created_at)}</td>
                  <td class="utrecht-table__cell">{r.organisation_name}</td>
                  <td class="utrecht-table__cell">{r.user_name ?? '-'}</td>
                  <td class="utrecht-table__cell">
                    {r.rating} ({RATING_LABELS[r.rating] ?? ''})
                  </td>
                  <td class="utrecht-table__cell">
                    {kind === 'feedback'
                      ? (r.page ?? '-')
                      : EVALUATION_QUESTIONS.map(
                          (q) => `${q.text} ${(r.answers as Record<string, number> | null)?.[q.id] ?? '-'}`,
                        ).join('; ')}
                  </td>
                  <td class="utrecht-table__cell ggk-pre-wrap">{r.body || '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    };
    return sendPage(
      reply,
      200,
      <Layout title="Pilotfeedback" ctx={ctx}>
        <h1 class="utrecht-heading-1">Pilotfeedback</h1>
        {!round ? (
          <Notice>Er is geen aanleverronde ingesteld.</Notice>
        ) : (
          <>
            <p class="utrecht-paragraph">
              Feedback en evaluaties van pilotdeelnemers in {round.name}.{' '}
              <a class="utrecht-link utrecht-link--html-a" href="/beheer/feedback.csv" download>
                Download alles als CSV
              </a>
            </p>
            <h2 class="utrecht-heading-2">Feedback</h2>
            {table('feedback', 'Feedback tijdens de ronde')}
            <h2 class="utrecht-heading-2">Evaluaties</h2>
            {table('evaluation', 'Evaluaties na de ronde')}
          </>
        )}
      </Layout>,
    );
  });

  app.get('/beheer/feedback.csv', { config: OPERATOR }, async (request, reply) => {
    const now = deps.now();
    const { round, rows } = await listRoundFeedback(deps.db, now);
    if (round) {
      await recordAudit(deps.db, {
        actor: auditActorOf(request.principal as { kind: 'user'; userId: string }),
        organisationId: null,
        action: 'feedback.exported',
        subjectIds: [round.id],
        details: { rows: rows.length },
        at: now,
      });
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="pilotfeedback-${round?.halfYear ?? 'geen-ronde'}.csv"`,
      )
      .header('cache-control', 'no-store')
      .send(
        toCsv(
          [
            'soort',
            'tijdstip',
            'organisatie',
            'gebruiker',
            'waardering',
            'pagina',
            ...EVALUATION_QUESTIONS.map((q) => q.id),
            'toelichting',
          ],
          rows.map((r) => [
            r.kind === 'feedback' ? 'feedback' : 'evaluatie',
            formatDutchDateTime(r.created_at),
            r.organisation_name,
            r.user_name,
            r.rating,
            r.page,
            ...EVALUATION_QUESTIONS.map((q) => (r.answers as Record<string, number> | null)?.[q.id] ?? ''),
            r.body,
          ]),
        ),
      );
  });
}
