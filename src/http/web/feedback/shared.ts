// What the feedback pages share: who may use them, the visitor's pilot context, and how a rating and
// an evaluation question read.
import type { FastifyRequest } from 'fastify';
import { actingOrganisationOf } from '../../../modules/auth/index.ts';
import { lookup, type Translate } from '../../../modules/i18n/index.ts';
import { EVALUATION_QUESTIONS, feedbackContext } from '../../../modules/monitoring/index.ts';
import type { AppDeps } from '../../app.ts';
import type { PageContext } from '../page-context.ts';

export const MEMBERS = {
  access: {
    kind: 'organisation',
    roles: ['gebruikersbeheerder', 'aanleveraar', 'rapportontvanger', 'intrekker'],
  },
} as const;
export const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;

/** The round this visitor may give feedback on, whether their organisation is in its pilot. */
export function feedbackContextOf(deps: AppDeps, request: FastifyRequest) {
  return feedbackContext(deps.db, {
    userId: request.session!.principal.userId,
    organisationId: actingOrganisationOf(request.principal),
    now: deps.now(),
  });
}

/** The label of a rating 1–5 ('slecht' … 'uitstekend'), or '' for anything else. */
export function ratingLabel(ctx: PageContext, rating: number): string {
  return lookup(ctx.locale, `feedback.rating.${rating}`) ?? '';
}

export function questionText(t: Translate, q: (typeof EVALUATION_QUESTIONS)[number]): string {
  return t(`feedback.question.${q.id}`);
}
