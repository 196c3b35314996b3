// A cbs user creates a token for the hand-over API (POST /cbs/tokens): shown once, in the answer to
// the POST (201), never in a URL or a log. The same service as `ggk token create --cbs`.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createCbsToken } from '../../../modules/auth/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorsOf } from '../form-errors.ts';
import { CBS, FORM, PAGE, formField } from './shared.ts';
import { renderCbsTokens } from './tokens.view.tsx';

export const createCbsTokenSchemas = {
  querystring: z.object({}),
  body: z.object({ _csrf: formField(), naam: formField(), dagen: formField() }),
};

export function registerCreateCbsToken(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(PAGE, { config: CBS, schema: createCbsTokenSchemas }, async (request, reply) => {
      const form = { naam: request.body.naam ?? '', dagen: request.body.dagen ?? '' };
      try {
        const created = await createCbsToken(deps.db, {
          name: form.naam,
          days: form.dagen.trim() === '' ? Number.NaN : Number(form.dagen),
          createdBy: request.session?.principal.userId ?? null,
          now: deps.now(),
        });
        // Shown once, in the answer to the POST itself: never in a URL, never again.
        return await renderCbsTokens(deps, request, reply, 201, {
          created: { token: created.token, name: created.row.name },
        });
      } catch (error) {
        return renderCbsTokens(deps, request, reply, 400, {
          errors: formErrorsOf(error, request.locale, FORM),
          form,
        });
      }
    });
}
