// What every page's layout needs to know about the visitor: who is logged in, for which
// organisation, which links to show, and the CSRF token for the header's forms.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actingRolesOf, staffRolesOf } from '../../modules/auth/index.ts';
import type { AppDeps } from '../app.ts';
import { csrfTokenFor } from '../auth/access-control.ts';

export interface PageContext {
  path: string;
  csrfToken: string;
  user?: {
    name: string;
    organisations: Array<{ id: string; name: string }>;
    actingOrganisationId: string | null;
  };
  nav: Array<{ href: string; label: string }>;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): PageContext {
  const csrfToken = csrfTokenFor(request, reply);
  const path = request.url.split('?')[0] ?? '/';
  const session = request.session;
  if (!session) {
    return {
      path,
      csrfToken,
      nav: [
        { href: '/', label: 'Start' },
        { href: '/aanmelden', label: 'Aanmelden als organisatie' },
      ],
    };
  }
  const roles = actingRolesOf(session.principal);
  const staff = staffRolesOf(session.principal);
  const nav = [
    { href: '/', label: 'Start' },
    { href: '/account', label: 'Mijn account' },
  ];
  if (roles.includes('aanleveraar')) nav.push({ href: '/aanleveren', label: 'Aanleveren' });
  if (roles.includes('aanleveraar') || roles.includes('rapportontvanger') || staff.length > 0) {
    nav.push({ href: '/aanleveringen', label: 'Aanleveringen' });
  }
  if (roles.includes('gebruikersbeheerder')) {
    nav.push({ href: '/organisatie/gebruikers', label: 'Gebruikers' });
    nav.push({ href: '/organisatie/api-tokens', label: 'API-tokens' });
  }
  if (staff.includes('operator')) {
    nav.push({ href: '/beheer/aanmeldingen', label: 'Aanmeldingen' });
    nav.push({ href: '/beheer/inlogpogingen', label: 'Inlogpogingen' });
  }
  if (deps.mailCatcher && (staff.includes('operator') || deps.config.environment === 'development')) {
    nav.push({ href: '/beheer/mail', label: 'Verstuurde e-mail' });
  }
  return {
    path,
    csrfToken,
    user: {
      name: session.userName,
      organisations: session.organisations,
      actingOrganisationId: session.principal.actingOrganisationId,
    },
    nav,
  };
}
