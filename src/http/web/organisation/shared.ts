// What the gebruikersbeheerder's pages share: their access rule, the notices a redirect names in
// ?melding=, the context the user services act in, and the shape of a form field.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actingOrganisationOf } from '../../../modules/auth/index.ts';
import type { MessageKey } from '../../../modules/i18n/index.ts';
import type { AdminContext } from '../../../modules/users/index.ts';
import type { AppDeps } from '../../app.ts';

export const ADMIN = { access: { kind: 'organisation', roles: ['gebruikersbeheerder'] } } as const;

/** A form field as it arrives; the services check it with their own Dutch messages. */
export const formField = () => z.string().max(10_000).optional();
/** A checkbox group: absent, one value or several. */
export const listField = () => z.union([z.string().max(200), z.array(z.string().max(200))]).optional();
/** The notice a page shows after a redirect (?melding=). */
export const noticeQuery = () => z.object({ melding: z.string().max(100).optional() });

export const NOTICES = {
  uitgenodigd: 'organisation.notice.invited',
  rol_toegekend: 'organisation.notice.roleGranted',
  rol_ingetrokken: 'organisation.notice.roleRevoked',
  uitgeschakeld: 'organisation.notice.disabled',
  token_ingetrokken: 'organisation.notice.tokenRevoked',
} as const satisfies Record<string, MessageKey>;
export type NoticeKey = (typeof NOTICES)[keyof typeof NOTICES];

export function noticeOf(melding: string | undefined): NoticeKey | undefined {
  const key = melding ?? '';
  return Object.hasOwn(NOTICES, key) ? NOTICES[key as keyof typeof NOTICES] : undefined;
}

export function adminContext(request: FastifyRequest, deps: AppDeps): AdminContext {
  return {
    organisationId: actingOrganisationOf(request.principal)!,
    actorUserId: request.session?.principal.userId ?? null,
    now: deps.now(),
    baseUrl: deps.config.baseUrl,
    functionalEmailPrefixes: deps.config.functionalEmailPrefixes,
  };
}
