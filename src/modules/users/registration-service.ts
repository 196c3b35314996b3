// The "aanmeldformulier gebruikers": how an organisation gets its first gebruikersbeheerder. Anyone
// may apply for an organisation without one; the operator approves (the applicant is invited as
// gebruikersbeheerder) or rejects (the applicant is told why). Either way the applicant gets mail.
import { AppError } from '../../platform/errors/app-error.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import { Problems } from '../../platform/errors/problems.ts';
import type { Db } from '../database-schema.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail } from '../i18n/index.ts';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/index.ts';
import { findOrganisationById } from '../organisations/index.ts';
import { assertPersonalEmail } from './email-policy.ts';
import {
  countAdministrators,
  decideRegistration,
  findPendingRegistration,
  insertRegistration,
  listRegistrationsByStatus,
  lockRegistration,
  type RegistrationRow,
} from './registration-repository.ts';
import { inviteUser } from './user-admin-service.ts';

function operatorOf(userId: string | null): AuditActor {
  return userId ? { kind: 'user', userId } : SYSTEM_ACTOR;
}

export async function submitRegistration(
  db: Db,
  input: {
    organisationId: string;
    name: string;
    email: string;
    function?: string;
    functionalEmailPrefixes: readonly string[];
    /** The app's clock: the submission's time on the operator's list, its mails and audit. */
    now: Date;
  },
): Promise<{ id: string | null }> {
  // Every field is checked (in the order of the form) before the form is refused, so the applicant
  // sees all that is wrong at once.
  const problems = new Problems();
  // No organisation chosen ('') or a tampered value: the same message, not a database error.
  const organisation = isUuid(input.organisationId)
    ? await findOrganisationById(db, input.organisationId)
    : undefined;
  if (!organisation) problems.add(new AppError('registration.organisation_required'));
  const name = input.name.trim();
  if (name === '') problems.add(new AppError('registration.name_required'));
  const email = problems.check(() => assertPersonalEmail(input.email, input.functionalEmailPrefixes));
  if (problems.found || !organisation || email === undefined) throw problems.error();
  // Whether an organisation has a gebruikersbeheerder is not told to an anonymous visitor: the form
  // is accepted like any other, and only the owner of the address learns it, by mail.
  if ((await countAdministrators(db, organisation.id)) > 0) {
    await enqueueMail(db, {
      recipient: email,
      kind: 'registration_has_administrator',
      at: input.now,
      ...bilingualMail(
        'mail.registrationHasAdministrator.subject',
        'mail.registrationHasAdministrator.body',
        () => ({ name, organisation: organisation.name }),
      ),
    });
    return { id: null };
  }
  if (await findPendingRegistration(db, organisation.id, email)) {
    throw new AppError('registration.duplicate');
  }
  const row = await insertRegistration(db, {
    organisation_id: organisation.id,
    applicant_name: name,
    applicant_email: email,
    applicant_function: input.function?.trim() || null,
    created_at: input.now,
  });
  await enqueueMail(db, {
    recipient: email,
    kind: 'registration_received',
    at: input.now,
    ...bilingualMail('mail.registrationReceived.subject', 'mail.registrationReceived.body', () => ({
      name,
      organisation: organisation.name,
    })),
  });
  // The applicant has no account yet: ggk records the submission on their behalf.
  await recordAudit(db, {
    actor: SYSTEM_ACTOR,
    organisationId: organisation.id,
    action: 'registration.submitted',
    subjectIds: [row.id],
    at: input.now,
  });
  return row;
}

export function listRegistrations(db: Db, status?: RegistrationRow['status']): Promise<RegistrationRow[]> {
  return listRegistrationsByStatus(db, status);
}

async function requirePending(db: Db, id: string): Promise<RegistrationRow> {
  const row = isUuid(id) ? await lockRegistration(db, id) : undefined;
  if (!row) throw new AppError('registration.not_found');
  if (row.status !== 'pending') throw new AppError('registration.already_decided');
  return row;
}

export async function approveRegistration(
  db: Db,
  input: {
    id: string;
    operatorUserId: string | null;
    now: Date;
    baseUrl: string;
    functionalEmailPrefixes: readonly string[];
  },
): Promise<void> {
  const row = await requirePending(db, input.id);
  await inviteUser(
    db,
    {
      organisationId: row.organisation_id,
      actorUserId: input.operatorUserId,
      now: input.now,
      baseUrl: input.baseUrl,
      functionalEmailPrefixes: input.functionalEmailPrefixes,
    },
    {
      name: row.applicant_name,
      email: row.applicant_email,
      roles: ['gebruikersbeheerder'],
      // The applicant entered their own address, which the registration form checks the same way.
      confirmedPersonal: true,
    },
  );
  await decideRegistration(db, row.id, {
    status: 'approved',
    decided_by: input.operatorUserId,
    decided_at: input.now,
    decision_note: null,
  });
  await recordAudit(db, {
    actor: operatorOf(input.operatorUserId),
    organisationId: row.organisation_id,
    action: 'registration.approved',
    subjectIds: [row.id],
    at: input.now,
  });
}

export async function rejectRegistration(
  db: Db,
  input: { id: string; operatorUserId: string | null; now: Date; note: string },
): Promise<void> {
  const note = input.note.trim();
  if (note === '') throw new AppError('registration.reason_required');
  const row = await requirePending(db, input.id);
  await decideRegistration(db, row.id, {
    status: 'rejected',
    decided_by: input.operatorUserId,
    decided_at: input.now,
    decision_note: note,
  });
  await enqueueMail(db, {
    recipient: row.applicant_email,
    kind: 'registration_rejected',
    at: input.now,
    ...bilingualMail('mail.registrationRejected.subject', 'mail.registrationRejected.body', () => ({
      name: row.applicant_name,
      organisation: row.organisation_name,
      reason: note,
    })),
  });
  await recordAudit(db, {
    actor: operatorOf(input.operatorUserId),
    organisationId: row.organisation_id,
    action: 'registration.rejected',
    subjectIds: [row.id],
    at: input.now,
  });
}
