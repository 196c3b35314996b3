// Changing a round's contact details (POST /beheer/contactgegevens): checked, stored, audited as a
// change of the round, and shown at once on this process's pages (other processes within seconds).
// A refusal shows the form again with every problem at its field.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../../modules/audit/index.ts';
import { setRoundContacts } from '../../../modules/periods/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorsOf } from '../form-errors.ts';
import { contactsInputOf, renderContactsPage } from './contacts.view.tsx';
import { OPERATOR } from './shared.ts';

const text = z.string().max(1000).optional();

export const saveContactsRoute = {
  method: 'POST',
  url: '/beheer/contactgegevens',
  schema: {
    querystring: z.object({}),
    body: z.object({
      _csrf: z.string().max(200).optional(),
      ronde: z.string().max(200).optional(),
      'servicedesk-telefoon': text,
      'servicedesk-email': text,
      'servicedesk-tijden-nl': text,
      'servicedesk-tijden-en': text,
      'cbs-telefoon': text,
      'cbs-email': text,
    }),
  },
} as const;

export function registerSaveContacts(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...saveContactsRoute,
    config: OPERATOR,
    handler: async (request, reply) => {
      const roundId = request.body.ronde ?? '';
      const input = contactsInputOf(request.body);
      const now = deps.now();
      try {
        await deps.db.transaction().execute(async (trx) => {
          const { roundName } = await setRoundContacts(trx, {
            ...input,
            roundId,
            userId: request.session!.principal.userId,
            now,
          });
          await recordAudit(trx, {
            actor: auditActorOf(request.principal!),
            organisationId: null,
            action: 'round.changed',
            subjectIds: [roundId],
            details: { round: roundName, changed: 'contacts' },
            at: now,
          });
        });
      } catch (error) {
        return renderContactsPage(request, reply, deps, 400, {
          roundId,
          typed: input,
          errors: formErrorsOf(error, request.locale),
        });
      }
      request.server.contactDirectory.forget();
      return reply.redirect(
        `/beheer/contactgegevens?ronde=${encodeURIComponent(roundId)}&melding=opgeslagen`,
        303,
      );
    },
  });
}
