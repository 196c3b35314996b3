// The monitor's pages when no round is open: a notice instead of the matrix or the timeline.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { Notice } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';

export function sendNoRound(request: FastifyRequest, reply: FastifyReply, deps: AppDeps) {
  const ctx = pageContext(request, reply, deps);
  return sendPage(
    reply,
    200,
    <Layout title={ctx.t('monitoring.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{ctx.t('monitoring.title')}</h1>
      <Notice>{ctx.t('monitoring.noRound')}</Notice>
    </Layout>,
  );
}
