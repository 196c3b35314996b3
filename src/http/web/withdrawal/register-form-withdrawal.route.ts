// A cbs user registers a withdrawal that came in on the CBS form (POST /intrekkingen/formulier): the
// overview again, with what was erased or the form's errors.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerFormWithdrawal } from '../../../modules/withdrawals/index.ts';
import type { AppDeps } from '../../app.ts';
import { resumableObjectsOf, unfinishedUploadsOf } from '../../deliveries/resumable-upload.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorsOf } from '../form-errors.ts';
import { translatorFor } from '../locale.ts';
import { formField, requireStore } from './shared.tsx';
import { renderWithdrawals } from './withdrawals.view.tsx';

const CBS = { access: { kind: 'staff', roles: ['cbs'] } } as const;

export const registerFormWithdrawalSchemas = {
  querystring: z.object({}),
  body: z.object({
    _csrf: formField(),
    gemeentecode: formField(),
    ronde: formField(),
    ontvangen: formField(),
    kenmerk: formField(),
    halfjaar: formField(),
    bestandstype: formField(),
    reden: formField(),
  }),
};

export function registerRegisterFormWithdrawal(app: FastifyInstance, deps: AppDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.post(
    '/intrekkingen/formulier',
    { config: CBS, schema: registerFormWithdrawalSchemas },
    async (request, reply) => {
      const body = request.body;
      const form = {
        gemeentecode: body.gemeentecode ?? '',
        ronde: body.ronde ?? '',
        ontvangen: body.ontvangen ?? '',
        kenmerk: body.kenmerk ?? '',
        halfjaar: (body.halfjaar ?? '').slice(0, 40),
        bestandstype: (body.bestandstype ?? '').slice(0, 40),
        reden: body.reden ?? '',
      };
      let notice: string;
      try {
        const outcome = await registerFormWithdrawal(deps.db, requireStore(deps), {
          cbsUserId: request.session!.principal.userId,
          gemeentecode: form.gemeentecode,
          roundId: form.ronde,
          receivedOn: form.ontvangen.trim(),
          reference: form.kenmerk,
          halfYear: form.halfjaar,
          fileType: form.bestandstype,
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
        const t = translatorFor(request);
        notice = outcome.performed
          ? t(outcome.erased.length === 1 ? 'withdrawal.form.doneOne' : 'withdrawal.form.doneMany', {
              gemeente: outcome.gemeenteName,
              count: outcome.erased.length,
            })
          : t('withdrawal.form.already', { gemeente: outcome.gemeenteName });
      } catch (error) {
        return renderWithdrawals(deps, request, reply, 400, {
          errors: formErrorsOf(error, request.locale, 'cbs-formulier'),
          form,
        });
      }
      return renderWithdrawals(deps, request, reply, 200, { notice });
    },
  );
}
