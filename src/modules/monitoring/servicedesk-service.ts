// The servicedesk's view of one user or organisation, from what ggk recorded: recent login attempts
// with their reasons, recent downloads and their errors, every delivery of the current round with
// where it is in its life, and the mails sent — with the secrets of their links removed.
import { listLoginAttempts, type LoginAttemptRow } from '../auth/index.ts';
import type { Db } from '../database-schema.ts';
import type { Round } from '../periods/index.ts';
import { redactLinkSecrets } from './link-secrets.ts';
import type { ReportPlacement, ReportPlacementSource } from './monitor-service.ts';
import {
  findUser,
  listMailsTo,
  listRecentDownloads,
  listReminders,
  listRolesWithOrganisation,
  listRoundDeliveries,
  listInvitedUsers,
  listUsersWithRoleIn,
  searchOrganisations,
  searchUsers,
  type RoundDeliveryRow,
} from './monitoring-repository.ts';
import { findOrganisationById } from '../organisations/index.ts';

const MAX_TERM = 100;

export async function searchServicedesk(db: Db, term: string) {
  const t = term.trim().slice(0, MAX_TERM);
  if (t.length < 2) return { term: t, users: [], organisations: [] };
  const [users, organisations] = await Promise.all([searchUsers(db, t), searchOrganisations(db, t)]);
  return { term: t, users, organisations };
}

export interface ServicedeskDelivery extends RoundDeliveryRow {
  /** Its op-orde report: null when not placed, undefined when reports are not tracked. */
  report: ReportPlacement | null | undefined;
}

export interface ServicedeskMail {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

async function deliveriesWithReports(
  db: Db,
  rows: RoundDeliveryRow[],
  reports: ReportPlacementSource | undefined,
): Promise<ServicedeskDelivery[]> {
  const placements = reports
    ? await reports(
        db,
        rows.map((d) => d.id),
      )
    : undefined;
  return rows.map((d) => ({
    ...d,
    report: placements ? (placements.get(d.id) ?? null) : undefined,
  }));
}

async function mailsTo(db: Db, addresses: string[]): Promise<ServicedeskMail[]> {
  const rows = await listMailsTo(db, addresses);
  return rows.map((m) => ({
    id: m.id,
    kind: m.kind,
    recipient: m.recipient,
    subject: redactLinkSecrets(m.subject),
    body: redactLinkSecrets(m.body_text),
    createdAt: m.created_at,
    sentAt: m.sent_at,
    failedAt: m.failed_at,
    lastError: m.last_error,
  }));
}

export interface ServicedeskUserView {
  user: NonNullable<Awaited<ReturnType<typeof findUser>>>;
  roles: Awaited<ReturnType<typeof listRolesWithOrganisation>>;
  loginAttempts: LoginAttemptRow[];
  downloads: Awaited<ReturnType<typeof listRecentDownloads>>;
  deliveries: ServicedeskDelivery[];
  mails: ServicedeskMail[];
}

export async function viewUser(
  db: Db,
  userId: string,
  round: Round | undefined,
  reports: ReportPlacementSource | undefined,
): Promise<ServicedeskUserView | undefined> {
  const user = await findUser(db, userId);
  if (!user) return undefined;
  const roles = await listRolesWithOrganisation(db, user.id);
  const organisationIds = [...new Set(roles.flatMap((r) => (r.organisation_id ? [r.organisation_id] : [])))];
  const [loginAttempts, downloads, deliveries, mails] = await Promise.all([
    listLoginAttempts(db, { userId: user.id, limit: 25 }),
    listRecentDownloads(db, { userId: user.id }),
    round ? listRoundDeliveries(db, round.id, { organisationIds }) : Promise.resolve([]),
    mailsTo(db, [user.email]),
  ]);
  return {
    user,
    roles,
    loginAttempts,
    downloads,
    deliveries: await deliveriesWithReports(db, deliveries, reports),
    mails,
  };
}

export interface ServicedeskOrganisationView {
  organisation: NonNullable<Awaited<ReturnType<typeof findOrganisationById>>>;
  users: Awaited<ReturnType<typeof listUsersWithRoleIn>>;
  invitations: Awaited<ReturnType<typeof listInvitedUsers>>;
  loginAttempts: LoginAttemptRow[];
  downloads: Awaited<ReturnType<typeof listRecentDownloads>>;
  deliveries: ServicedeskDelivery[];
  mails: ServicedeskMail[];
  reminders: Awaited<ReturnType<typeof listReminders>>;
}

export async function viewOrganisation(
  db: Db,
  organisationId: string,
  round: Round | undefined,
  reports: ReportPlacementSource | undefined,
): Promise<ServicedeskOrganisationView | undefined> {
  const organisation = await findOrganisationById(db, organisationId);
  if (!organisation) return undefined;
  const [users, invitations] = await Promise.all([
    listUsersWithRoleIn(db, organisation.id),
    listInvitedUsers(db, organisation.id),
  ]);
  const [loginAttempts, downloads, deliveries, mails, reminders] = await Promise.all([
    listLoginAttempts(db, { organisationId: organisation.id, limit: 25 }),
    listRecentDownloads(db, { organisationId: organisation.id }),
    round ? listRoundDeliveries(db, round.id, { organisationIds: [organisation.id] }) : Promise.resolve([]),
    mailsTo(db, [...new Set([...users, ...invitations].map((u) => u.email))]),
    listReminders(db, { organisationId: organisation.id }),
  ]);
  return {
    organisation,
    users,
    invitations,
    loginAttempts,
    downloads,
    deliveries: await deliveriesWithReports(db, deliveries, reports),
    mails,
    reminders,
  };
}
