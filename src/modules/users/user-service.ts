// Users and their roles. Login and self-administration come with eHerkenning (a later issue);
// here: creating users and granting roles under the scope rule.
import { AppError } from '../../platform/errors/app-error.ts';
import { Problems } from '../../platform/errors/problems.ts';
import type { Db } from '../database-schema.ts';
import { findOrganisationById } from '../organisations/index.ts';
import { isStaffRole, type Role } from './roles.ts';
import {
  insertRole,
  insertUser,
  markEmailConfirmed,
  markInvitationAccepted,
  updateSubject,
  type UserRow,
} from './user-repository.ts';
import * as userRepository from './user-repository.ts';

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export async function createUser(db: Db, input: { name: string; email: string }): Promise<UserRow> {
  const name = input.name.trim();
  const email = input.email.trim();
  const problems = new Problems();
  if (name === '') problems.add(new AppError('user.name_required'));
  if (!emailPattern.test(email)) {
    problems.add(new AppError('user.bad_email'));
  }
  if (problems.found) throw problems.error();
  if (await findUserByEmail(db, email)) {
    throw new AppError('user.duplicate_email');
  }
  return insertUser(db, { name, email });
}

/** Grants a role: organisation roles need an organisation, staff roles (operator, cbs) must not have one. */
export async function grantRole(
  db: Db,
  input: { userId: string; role: Role; organisationId: string | null },
): Promise<void> {
  if (isStaffRole(input.role)) {
    if (input.organisationId !== null) {
      throw new AppError('user.role_scope', { reason: 'staff_role', role: input.role });
    }
  } else {
    if (input.organisationId === null) {
      throw new AppError('user.role_scope', { reason: 'organisation_role', role: input.role });
    }
    if (!(await findOrganisationById(db, input.organisationId))) {
      throw new AppError('organisation.not_found');
    }
  }
  await insertRole(db, { user_id: input.userId, organisation_id: input.organisationId, role: input.role });
}

/** Binds the eHerkenning subject (the acting person's pseudonym) to the user: their next login finds them. */
export async function bindSubject(db: Db, userId: string, subject: string): Promise<void> {
  await updateSubject(db, userId, subject);
}

/** Records that the user reads their mailbox (once: a later confirmation keeps the first date). */
export async function confirmEmailOf(db: Db, userId: string, at: Date): Promise<void> {
  await markEmailConfirmed(db, userId, at);
}

/**
 * A login through an invitation link (auth's completeLogin decided it is valid): the subject is bound
 * when the person had none yet, the invitation is used up, and following the link proves the mailbox.
 */
export async function acceptInvitation(
  db: Db,
  input: { invitationId: string; userId: string; subject?: string; now: Date },
): Promise<void> {
  if (input.subject !== undefined) await updateSubject(db, input.userId, input.subject);
  await markInvitationAccepted(db, input.invitationId, input.now);
  await markEmailConfirmed(db, input.userId, input.now);
}

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function findUserByEmail(
  ...args: Parameters<typeof userRepository.findUserByEmail>
): ReturnType<typeof userRepository.findUserByEmail> {
  return userRepository.findUserByEmail(...args);
}

export function findUserById(
  ...args: Parameters<typeof userRepository.findUserById>
): ReturnType<typeof userRepository.findUserById> {
  return userRepository.findUserById(...args);
}

export function listRolesOfUser(
  ...args: Parameters<typeof userRepository.listRolesOfUser>
): ReturnType<typeof userRepository.listRolesOfUser> {
  return userRepository.listRolesOfUser(...args);
}

export function listMailRecipients(
  ...args: Parameters<typeof userRepository.listMailRecipients>
): ReturnType<typeof userRepository.listMailRecipients> {
  return userRepository.listMailRecipients(...args);
}

export function listUsersOfOrganisation(
  ...args: Parameters<typeof userRepository.listUsersOfOrganisation>
): ReturnType<typeof userRepository.listUsersOfOrganisation> {
  return userRepository.listUsersOfOrganisation(...args);
}
