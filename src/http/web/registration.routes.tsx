// The public "aanmeldformulier gebruikers": apply to become an organisation's first gebruikersbeheerder.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listOrganisations } from '../../modules/organisations/index.ts';
import { submitRegistration } from '../../modules/users/index.ts';
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
import { pageContext } from './page-context.ts';
import { renderDocument } from './render.ts';

export function registerRegistrationRoutes(app: FastifyInstance, deps: AppDeps): void {
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
      <Layout title="Organisatie aanmelden" ctx={ctx}>
        <h1 class="utrecht-heading-1">Aanmelden als gebruikersbeheerder</h1>
        {extra.done ? (
          <Notice kind="ok">
            Uw aanmelding is ontvangen. De beheerder van ggk beoordeelt haar; u krijgt daarover een e-mail.
          </Notice>
        ) : (
          <>
            <p class="utrecht-paragraph">
              Heeft uw organisatie nog geen gebruikersbeheerder in ggk? Meld u dan hier aan. Na goedkeuring
              krijgt u een uitnodiging om in te loggen met eHerkenning; daarna nodigt u zelf uw collega’s uit.
            </p>
            <ErrorSummary errors={extra.errors ?? []} />
            <PostForm action="/aanmelden" csrf={ctx.csrfToken} label="Aanmeldformulier">
              <SelectField
                id="organisatie"
                label="Organisatie"
                placeholder="Kies uw gemeente of samenwerkingsverband"
                options={organisations.map((o) => ({
                  value: o.id,
                  label: o.gemeentecode
                    ? `${o.name} (${o.gemeentecode})`
                    : `${o.name} (samenwerkingsverband)`,
                }))}
                value={form.organisatie ?? ''}
                errors={extra.errors ?? []}
              />
              <TextField
                id="naam"
                label="Uw naam"
                value={form.naam ?? ''}
                errors={extra.errors ?? []}
                autocomplete="name"
              />
              <TextField
                id="email"
                label="Uw persoonlijke e-mailadres"
                type="email"
                description="Geen functioneel adres zoals info@ of sociaaldomein@."
                value={form.email ?? ''}
                errors={extra.errors ?? []}
                autocomplete="email"
              />
              <TextField
                id="functie"
                label="Uw functie (niet verplicht)"
                value={form.functie ?? ''}
                errors={extra.errors ?? []}
                autocomplete="organization-title"
              />
              <div>
                <Button>Aanmelding versturen</Button>
              </div>
            </PostForm>
          </>
        )}
      </Layout>
    );
    return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
  };

  app.get<{ Querystring: { verstuurd?: string } }>(
    '/aanmelden',
    { config: { access: { kind: 'public' } } },
    async (request, reply) => render(request, reply, 200, { done: request.query.verstuurd === '1' }),
  );

  app.post(
    '/aanmelden',
    { config: { access: { kind: 'public' }, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = {
        organisatie: String(body.organisatie ?? ''),
        naam: String(body.naam ?? ''),
        email: String(body.email ?? ''),
        functie: String(body.functie ?? ''),
      };
      try {
        await deps.db.transaction().execute((trx) =>
          submitRegistration(trx, {
            organisationId: form.organisatie,
            name: form.naam,
            email: form.email,
            function: form.functie,
            functionalEmailPrefixes: deps.config.functionalEmailPrefixes,
          }),
        );
      } catch (error) {
        return render(request, reply, 400, { errors: formErrorsOf(error), form });
      }
      deps.wakeOutbox?.();
      return reply.redirect('/aanmelden?verstuurd=1', 303);
    },
  );
}
