// The public "aanmeldformulier gebruikers" (GET and POST /aanmelden): apply to become an organisation's
// first gebruikersbeheerder. The POST's rate-limit key is "POST /aanmelden" (rate-limits.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listOrganisations } from '../../../modules/organisations/index.ts';
import { submitRegistration } from '../../../modules/users/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import {
  Button,
  ErrorSummary,
  Notice,
  PostForm,
  SelectField,
  TextField,
  type FieldError,
} from '../components.tsx';
import { formErrorsOf, onlyLinksTo } from '../form-errors.ts';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { renderDocument } from '../render.ts';

/** A form field as it arrives; the service checks it with its own Dutch messages. */
const formField = () => z.string().max(10_000).optional();

/** What the error summary may link to: the form and its fields. */
const FIELDS = ['aanmeldformulier', 'organisatie', 'naam', 'email', 'functie'];

export const submitRegistrationSchemas = {
  show: { querystring: z.object({ verstuurd: z.string().max(100).optional() }) },
  submit: {
    querystring: z.object({}),
    body: z.object({
      _csrf: formField(),
      organisatie: formField(),
      naam: formField(),
      email: formField(),
      functie: formField(),
    }),
  },
};

export function registerSubmitRegistration(app: FastifyInstance, deps: AppDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { errors?: FieldError[]; form?: Record<string, string>; done?: boolean } = {},
  ) => {
    const organisations = await listOrganisations(deps.db);
    const ctx = pageContext(request, reply, deps);
    const form = extra.form ?? {};
    const page = (
      <Layout title={ctx.t('admin.registration.title')} ctx={ctx}>
        <h1 class="utrecht-heading-1">{ctx.t('admin.registration.heading')}</h1>
        {extra.done ? (
          <Notice kind="ok">{ctx.t('admin.registration.done')}</Notice>
        ) : (
          <>
            <p class="utrecht-paragraph">{ctx.t('admin.registration.intro')}</p>
            <ErrorSummary errors={onlyLinksTo(extra.errors ?? [], FIELDS)} t={ctx.t} />
            <PostForm
              id="aanmeldformulier"
              action="/aanmelden"
              csrf={ctx.csrfToken}
              label={ctx.t('admin.registration.formLabel')}
            >
              <SelectField
                id="organisatie"
                label={ctx.t('admin.registration.organisation')}
                placeholder={ctx.t('admin.registration.organisationPlaceholder')}
                options={organisations.map((o) => ({
                  value: o.id,
                  label: o.gemeentecode
                    ? ctx.t('admin.registration.gemeenteOption', { name: o.name, code: o.gemeentecode })
                    : ctx.t('admin.registration.collaborationOption', { name: o.name }),
                }))}
                value={form.organisatie ?? ''}
                errors={extra.errors ?? []}
              />
              <TextField
                id="naam"
                label={ctx.t('admin.registration.name')}
                value={form.naam ?? ''}
                errors={extra.errors ?? []}
                autocomplete="name"
              />
              <TextField
                id="email"
                label={ctx.t('admin.registration.email')}
                type="email"
                description={ctx.t('admin.registration.emailHint')}
                value={form.email ?? ''}
                errors={extra.errors ?? []}
                autocomplete="email"
              />
              <TextField
                id="functie"
                label={ctx.t('admin.registration.function')}
                value={form.functie ?? ''}
                errors={extra.errors ?? []}
                autocomplete="organization-title"
              />
              <div>
                <Button>{ctx.t('admin.registration.submit')}</Button>
              </div>
            </PostForm>
          </>
        )}
      </Layout>
    );
    return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
  };

  routes.get(
    '/aanmelden',
    { config: { access: { kind: 'public' } }, schema: submitRegistrationSchemas.show },
    async (request, reply) => render(request, reply, 200, { done: request.query.verstuurd === '1' }),
  );

  routes.post(
    '/aanmelden',
    {
      config: { access: { kind: 'public' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: submitRegistrationSchemas.submit,
    },
    async (request, reply) => {
      const body = request.body;
      const form = {
        organisatie: body.organisatie ?? '',
        naam: body.naam ?? '',
        email: body.email ?? '',
        functie: body.functie ?? '',
      };
      try {
        await deps.db.transaction().execute((trx) =>
          submitRegistration(trx, {
            organisationId: form.organisatie,
            name: form.naam,
            email: form.email,
            function: form.functie,
            functionalEmailPrefixes: deps.config.functionalEmailPrefixes,
            now: deps.now(),
          }),
        );
      } catch (error) {
        return render(request, reply, 400, {
          errors: formErrorsOf(error, request.locale, 'aanmeldformulier'),
          form,
        });
      }
      deps.wakeOutbox?.();
      return reply.redirect('/aanmelden?verstuurd=1', 303);
    },
  );
}
