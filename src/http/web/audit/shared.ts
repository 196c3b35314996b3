// What the audit trail's routes share: who may use the operator's pages, the filter in the query
// string (the page and its CSV read the same) and how it becomes a filter of the audit module.
import { z } from 'zod';
import { isAuditAction, type AuditFilter } from '../../../modules/audit/index.ts';
import { findCollaborationByName, findGemeenteByCode } from '../../../modules/organisations/index.ts';
import { findUserByEmail } from '../../../modules/users/index.ts';
import { isUuid } from '../../../platform/errors/ids.ts';
import type { Translate } from '../../../modules/i18n/index.ts';
import { amsterdamInstant } from '../../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../../app.ts';
import type { FieldError } from '../components.tsx';

export const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;

/** The filter; filterOf ignores what it does not understand and names an unknown organisation or user. */
export const auditQuery = z.object({
  actie: z.string().max(1000).optional(),
  organisatie: z.string().max(1000).optional(),
  gebruiker: z.string().max(1000).optional(),
  onderwerp: z.string().max(1000).optional(),
  van: z.string().max(1000).optional(),
  tot: z.string().max(1000).optional(),
  voor: z.string().max(1000).optional(),
});
export type Query = z.output<typeof auditQuery>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter from the query string; `problem` is the field naming an organisation or user that was not found. */
export async function filterOf(
  deps: AppDeps,
  t: Translate,
  q: Query,
): Promise<{ filter: AuditFilter; problem?: FieldError }> {
  const filter: AuditFilter = {};
  const action = (q.actie ?? '').trim();
  if (action && isAuditAction(action)) filter.action = action;
  const organisation = (q.organisatie ?? '').trim();
  if (organisation) {
    const found = /^\d{4}$/.test(organisation)
      ? await findGemeenteByCode(deps.db, organisation)
      : await findCollaborationByName(deps.db, organisation);
    if (!found)
      return {
        filter,
        problem: { field: 'organisatie', message: t('audit.noOrganisation', { value: organisation }) },
      };
    filter.organisationId = found.id;
  }
  const user = (q.gebruiker ?? '').trim();
  if (user) {
    const found = isUuid(user) ? { id: user } : await findUserByEmail(deps.db, user);
    if (!found)
      return { filter, problem: { field: 'gebruiker', message: t('audit.noUser', { value: user }) } };
    filter.actorUserId = found.id;
  }
  const subject = (q.onderwerp ?? '').trim();
  if (subject) filter.subjectId = subject;
  if (DATE.test(q.van ?? '')) filter.from = amsterdamInstant(q.van!);
  if (DATE.test(q.tot ?? '')) filter.until = new Date(amsterdamInstant(q.tot!).getTime() + 86400_000);
  return { filter };
}
