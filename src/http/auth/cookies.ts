// ggk's cookies: their names and attributes, and the CSRF token a form carries (the session's, or
// before login a double-submit cookie). Apart from access-control.ts, which checks the token, so
// that rendering a page (page-context.ts) does not depend on access control, whose refusal page is
// itself a rendered page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { generateSecret } from '../../platform/crypto/secrets.ts';

export const SESSION_COOKIE = 'ggk_session';
export const CSRF_COOKIE = 'ggk_csrf';

/** The attributes of every ggk cookie. */
export const COOKIE_OPTIONS = {
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  // Always Secure: browsers accept Secure cookies from http://localhost and http://127.0.0.1 (a
  // potentially trustworthy origin), so the embedded setup works, and nothing else should be plain http.
  secure: true,
};

/** The CSRF token to put in a form: the session's, or a double-submit cookie before login. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  if (request.session) return request.session.csrfToken;
  const existing = request.cookies[CSRF_COOKIE];
  if (existing) return existing;
  const token = generateSecret(24);
  reply.setCookie(CSRF_COOKIE, token, { ...COOKIE_OPTIONS, maxAge: 3600 });
  request.cookies[CSRF_COOKIE] = token;
  return token;
}
