// What every page's layout needs to know about the visitor: who is logged in, for which
// organisation, which links to show, the CSRF token for the header's forms, and the language:
// ctx.locale, ctx.t('key', { param }) for text and ctx.tx(...) for text with markup in a placeholder.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { actingRolesOf, staffRolesOf } from '../../modules/auth/index.ts';
import {
  CATALOGUES,
  translator,
  type Locale,
  type MessageKey,
  type Translate,
} from '../../modules/i18n/index.ts';
import type { RoundContacts } from '../../modules/periods/index.ts';
import type { AppDeps } from '../app.ts';
import { csrfTokenFor } from '../auth/cookies.ts';
import { localeOf } from './locale.ts';

export interface Crumb {
  href: string;
  label: string;
}

export interface PageContext {
  path: string;
  csrfToken: string;
  locale: Locale;
  t: Translate;
  /** Like t, but a placeholder may be markup (a link): returns children to put in an element. */
  tx: (key: MessageKey, params: Record<string, ComponentChildren>) => ComponentChildren[];
  /** The link that switches to the other language and comes back to this page. */
  languageSwitch: { href: string; locale: Locale };
  user?: {
    name: string;
    organisations: Array<{ id: string; name: string }>;
    actingOrganisationId: string | null;
    /** Minutes without activity after which the session ends (the warning of session.js). */
    idleMinutes: number;
  };
  nav: Array<{ href: string; label: string }>;
  /** The current round's contact details, for the footer (request.contacts, http/web/contacts.tsx). */
  contacts?: RoundContacts | undefined;
}

/** Splits a message on its {placeholders} and puts each parameter (text or markup) in its place. */
export function richText(template: string, params: Record<string, ComponentChildren>): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([A-Za-z0-9_]+)\}/g)) {
    out.push(template.slice(last, match.index));
    const name = match[1]!;
    out.push(Object.hasOwn(params, name) ? params[name] : match[0]);
    last = match.index! + match[0].length;
  }
  out.push(template.slice(last));
  return out.filter((part) => part !== '');
}

/** The language parts of the page context, for pages shown without a request's full context. */
export function languageContext(locale: Locale, path = '/') {
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  return {
    locale,
    t: translator(locale),
    tx: (key: MessageKey, params: Record<string, ComponentChildren>) =>
      richText(CATALOGUES[locale][key] ?? key, params),
    languageSwitch: { href: `/taal/${other}?terug=${encodeURIComponent(path)}`, locale: other },
  };
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): PageContext {
  const csrfToken = csrfTokenFor(request, reply);
  const path = request.url.split('?')[0] ?? '/';
  const language = languageContext(localeOf(request), path);
  const { t } = language;
  const session = request.session;
  if (!session) {
    return {
      path,
      csrfToken,
      ...language,
      contacts: request.contacts,
      nav: [
        { href: '/', label: t('nav.home') },
        { href: '/aanmelden', label: t('nav.register') },
      ],
    };
  }
  const roles = actingRolesOf(session.principal);
  const staff = staffRolesOf(session.principal);
  const nav = [
    { href: '/', label: t('nav.home') },
    { href: '/account', label: t('nav.account') },
  ];
  if (roles.includes('aanleveraar')) nav.push({ href: '/aanleveren', label: t('nav.deliver') });
  if (roles.includes('aanleveraar') || roles.includes('rapportontvanger') || staff.length > 0) {
    nav.push({ href: '/aanleveringen', label: t('nav.deliveries') });
  }
  if (roles.includes('intrekker')) nav.push({ href: '/intrekken', label: t('withdrawal.nav.withdraw') });
  if (roles.includes('gebruikersbeheerder')) {
    nav.push({ href: '/organisatie/gebruikers', label: t('nav.users') });
    nav.push({ href: '/organisatie/api-tokens', label: t('nav.apiTokens') });
    nav.push({ href: '/organisatie/audit', label: t('audit.title') });
  }
  if (staff.length > 0) nav.push({ href: '/intrekkingen', label: t('withdrawal.list.title') });
  if (staff.includes('cbs')) nav.push({ href: '/op-orde-rapporten', label: t('reports.title') });
  if (staff.includes('cbs')) nav.push({ href: '/cbs/aanleveringen', label: t('cbsReports.nav') });
  if (staff.includes('cbs')) nav.push({ href: '/cbs/tokens', label: t('cbsTokens.nav') });
  if (staff.length > 0) nav.push({ href: '/monitor', label: t('monitoring.nav.monitor') });
  if (staff.includes('operator')) {
    nav.push({ href: '/beheer/aanmeldingen', label: t('nav.registrations') });
    nav.push({ href: '/beheer/inlogpogingen', label: t('nav.loginAttempts') });
    nav.push({ href: '/beheer/audit', label: t('audit.title') });
    nav.push({ href: '/beheer/servicedesk', label: t('monitoring.nav.servicedesk') });
    nav.push({ href: '/beheer/feedback', label: t('monitoring.nav.feedback') });
    nav.push({ href: '/beheer/contactgegevens', label: t('help.admin.nav') });
  }
  if (deps.mailCatcher && staff.includes('operator')) {
    nav.push({ href: '/beheer/mail', label: t('nav.mail') });
  }
  return {
    path,
    csrfToken,
    ...language,
    contacts: request.contacts,
    user: {
      name: session.userName,
      organisations: session.organisations,
      actingOrganisationId: session.principal.actingOrganisationId,
      idleMinutes: deps.config.session.idleMinutes,
    },
    nav,
  };
}
