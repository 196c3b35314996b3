// The built-in mailbox (GET /beheer/mail): for the operator only, in every mode. It shows live
// invitation links and reports' mails: a public mailbox (NODE_ENV unset counts as development)
// would hand out accounts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MailboxView } from '../../../platform/mail/mailbox-view.tsx';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Layout } from '../layout.tsx';
import { mailboxTexts } from '../mailbox-texts.ts';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';

export const showMailboxRoute = {
  method: 'GET',
  url: '/beheer/mail',
  schema: { querystring: z.object({}) },
} as const;

export function registerShowMailbox(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showMailboxRoute,
    config: { access: { kind: 'staff', roles: ['operator'] } },
    handler: async (request, reply) => {
      if (!deps.mailCatcher) return reply.callNotFound();
      const ctx = pageContext(request, reply, deps);
      reply.header('cache-control', 'no-store');
      return sendPage(
        reply,
        200,
        <Layout title={ctx.t('admin.mail.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{ctx.t('admin.mail.heading')}</h1>
          <p class="utrecht-paragraph">{ctx.t('admin.mail.intro')}</p>
          <MailboxView messages={deps.mailCatcher.messages()} texts={mailboxTexts(ctx.locale)} />
        </Layout>,
      );
    },
  });
}
