// What the login routes share: their cookies, the check on a return address, and the step that
// sends the visitor to the eHerkenning broker (or says the login is unavailable).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { beginLogin } from '../../../modules/auth/index.ts';
import type { AppDeps } from '../../app.ts';
import { COOKIE_OPTIONS } from '../../auth/access-control.ts';
import { pageContext } from '../page-context.ts';
import { LoginView } from '../pages/login.view.tsx';
import { renderDocument } from '../render.ts';

export const PUBLIC = { access: { kind: 'public' } } as const;
export const AUTHENTICATED = { access: { kind: 'authenticated' } } as const;
export const FLOW_COOKIE = 'ggk_login';
export const RETURN_COOKIE = 'ggk_return';

/** A form field or query value as it arrives; the handler checks it itself. */
export const field = () => z.string().max(10_000).optional();

// Only local paths as a return address (return-path.ts; access control uses it too).
export { safeReturnPath } from '../../return-path.ts';

export function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').send(body);
}

export async function redirectToBroker(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  invitationId?: string,
): Promise<FastifyReply> {
  const broker = deps.identity.broker;
  if (!broker) {
    const ctx = pageContext(request, reply, deps);
    return html(reply, 503, renderDocument(<LoginView ctx={ctx} failure={ctx.t('login.unavailable')} />));
  }
  const { flowCookie, redirectUrl } = await beginLogin(deps.db, broker, {
    now: deps.now(),
    ...(invitationId ? { invitationId } : {}),
  });
  reply.setCookie(FLOW_COOKIE, flowCookie, { ...COOKIE_OPTIONS, maxAge: 15 * 60 });
  return reply.redirect(redirectUrl, 303);
}
