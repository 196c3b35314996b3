// The visitor's language: Dutch unless the language cookie says English. The switch in the header is
// a plain link (GET /taal/en?terug=/pagina), so it works without JavaScript; it only sets the
// preference cookie and returns to the page, and "terug" must be a path on ggk itself.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import {
  DEFAULT_LOCALE,
  isLocale,
  translator,
  type Locale,
  type Translate,
} from '../../modules/i18n/index.ts';
import { z } from 'zod';
import { COOKIE_OPTIONS } from '../auth/cookies.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The visitor's language (cookie ggk_taal), Dutch by default. */
    locale: Locale;
  }
}

export const LOCALE_COOKIE = 'ggk_taal';

export function localeOf(request: FastifyRequest): Locale {
  return request.locale ?? DEFAULT_LOCALE;
}

export function translatorFor(request: FastifyRequest): Translate {
  return translator(localeOf(request));
}

/** A path on ggk to return to; anything else (another host, //host, a scheme) becomes "/". */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return '/';
  return /^[\x21-\x7e]*$/.test(value) ? value : '/';
}

export function registerLocale(app: FastifyInstance): void {
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.addHook('onRequest', async (request) => {
    const chosen = request.cookies?.[LOCALE_COOKIE];
    request.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/taal/:locale',
    {
      schema: {
        params: z.object({ locale: z.string().max(10) }),
        querystring: z.object({ terug: z.string().max(2000).optional() }),
      },
      config: { access: { kind: 'public' } },
    },
    async (request, reply) => {
      const locale = request.params.locale;
      if (!isLocale(locale)) return reply.callNotFound();
      reply.setCookie(LOCALE_COOKIE, locale, { ...COOKIE_OPTIONS, maxAge: 365 * 24 * 3600 });
      return reply.redirect(safeReturnPath(request.query.terug), 303);
    },
  );
}
