// SQL of the round monitor, the servicedesk view, the reminders and the pilot feedback.
import { sql } from 'kysely';
import { listMailRecipients } from '../users/index.ts';
import type { Db, DeliveryState } from '../database-schema.ts';
import type { ReminderFacts } from './monitoring-rules.ts';

export interface RoundDeliveryRow {
  id: string;
  receipt_number: string;
  organisation_id: string;
  organisation_name: string;
  gemeente_id: string;
  gemeentecode: string;
  gemeente_name: string;
  half_year: string;
  state: DeliveryState;
  channel: 'portal' | 'api';
  uploaded_by: string | null;
  uploader_name: string | null;
  received_at: Date;
  checked_at: Date | null;
  technical_notice_due_at: Date;
  content_report_due_at: Date | null;
  /** Per judged file: its type, period and verdict. */
  judged: Array<{
    type: string;
    period: string | null;
    status: 'approved' | 'rejected';
    /** The code the file is about: the gemeente's own or, for a merged gemeente, a predecessor's. */
    gemeentecode: string | null;
  }>;
  file_names: string[];
  /** When the first "report ready" mail of this delivery was sent (null: none sent yet). */
  notified_at: Date | null;
}

/** Every delivery of a round (optionally of some gemeenten), with what its check said per file. */
export async function listRoundDeliveries(
  db: Db,
  roundId: string,
  filter: { gemeenteIds?: readonly string[]; organisationIds?: readonly string[] } = {},
): Promise<RoundDeliveryRow[]> {
  const byGemeente =
    filter.gemeenteIds && filter.gemeenteIds.length > 0
      ? sql`and d.gemeente_id in (${sql.join(filter.gemeenteIds)})`
      : filter.gemeenteIds
        ? sql`and false`
        : sql``;
  const byOrganisation =
    filter.organisationIds && filter.organisationIds.length > 0
      ? sql`and (d.organisation_id in (${sql.join(filter.organisationIds)}) or d.gemeente_id in (${sql.join(filter.organisationIds)}))`
      : filter.organisationIds
        ? sql`and false`
        : sql``;
  const { rows } = await sql<RoundDeliveryRow>`
    select d.id, d.receipt_number, d.organisation_id, o.name as organisation_name, d.gemeente_id,
      g.gemeentecode, g.name as gemeente_name, d.half_year, d.state, d.channel, d.uploaded_by,
      u.name as uploader_name, d.received_at, d.checked_at, d.technical_notice_due_at, d.content_report_due_at,
      coalesce(j.judged, '[]'::json) as judged, coalesce(n.file_names, '[]'::json) as file_names,
      -- Keys are report_ready:<delivery>:<user>; the form of the condition is the index's (0030-b).
      (select min(m.sent_at) from outbox m
        where m.dedupe_key like 'report_ready:%' and split_part(m.dedupe_key, ':', 2) = d.id::text) as notified_at
    from deliveries d
    join organisations o on o.id = d.organisation_id
    join organisations g on g.id = d.gemeente_id
    left join users u on u.id = d.uploaded_by
    -- The files of the round's deliveries grouped once (a hash join), not looked up per delivery:
    -- the monitor reads the 1,500 deliveries of a round on every view (issue 21).
    left join (
      select rf.delivery_id, json_agg(json_build_object('type', rf.file_type, 'period', rf.period,
               'status', rf.status, 'gemeentecode', rf.gemeentecode)) as judged
        from delivery_report_files rf join deliveries rd on rd.id = rf.delivery_id
       where rd.round_id = ${roundId} and rf.file_type is not null
       group by rf.delivery_id) j on j.delivery_id = d.id
    left join (
      select f.delivery_id, json_agg(f.name order by f.position) as file_names
        from delivery_files f join deliveries rd on rd.id = f.delivery_id
       where rd.round_id = ${roundId}
       group by f.delivery_id) n on n.delivery_id = d.id
    where d.round_id = ${roundId} ${byGemeente} ${byOrganisation}
    order by d.received_at`.execute(db);
  return rows;
}

/**
 * The monitor's version (migrations 0031-a, 0032-b: the sum of its counters): it changes in the commit
 * of every transaction that changes what the monitor reads. As a string: a bigint; '' without counters.
 */
export async function readMonitorVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ version: string }>`select version from monitor_version where id = 1`.execute(
    db,
  );
  return rows[0]?.version ?? '';
}

/**
 * Placed op-orde reports of these deliveries, with the first successful download of the report by
 * the organisation (a user acting for it, or its API token): staff looking at it do not count.
 */
export async function listContentReportPlacements(
  db: Db,
  deliveryIds: readonly string[],
): Promise<Array<{ delivery_id: string; placed_at: Date; fetched_at: Date | null }>> {
  if (deliveryIds.length === 0) return [];
  const { rows } = await sql<{ delivery_id: string; placed_at: Date; fetched_at: Date | null }>`
    select cr.delivery_id, cr.placed_at,
      (select min(dl.downloaded_at) from downloads dl
        where dl.delivery_id = cr.delivery_id and dl.kind like 'content\_report\_%' and dl.outcome = 'success'
          and (dl.organisation_id is not null or dl.api_token_id is not null)) as fetched_at
    from content_reports cr
    where cr.state = 'placed' and cr.placed_at is not null
      -- One array parameter, not one parameter per delivery: the monitor asks for a round's 1,500 at
      -- once, and planning an IN list of 1,500 parameters cost more than the query (issue 21).
      and cr.delivery_id = any(${[...deliveryIds]}::uuid[])`.execute(db);
  return rows;
}

export interface HandoverTimingRow {
  delivery_id: string;
  /** The approval that put the delivery in CBS's feed. */
  offered_at: Date;
  received_by_cbs_at: Date | null;
  /** When it was withdrawn, if its withdrawal is in the feed (it was offered before). */
  withdrawn_at: Date | null;
  erasure_confirmed_at: Date | null;
}

/** The deliveries of a round that were offered to CBS (migration 0013-a), with CBS's answers. */
export async function listHandoverTimings(db: Db, roundId: string): Promise<HandoverTimingRow[]> {
  const { rows } = await sql<HandoverTimingRow>`
    select d.id as delivery_id, coalesce(d.checked_at, f.created_at) as offered_at,
           r.received_at as received_by_cbs_at, xw.withdrawn_at, xw.confirmed_at as erasure_confirmed_at
      from cbs_handover_feed f
      join deliveries d on d.id = f.delivery_id
      left join cbs_receipts r on r.delivery_id = d.id
      -- A delivery withdrawn in parts has one withdrawal item per part: the oldest one CBS has not
      -- confirmed counts (else the newest confirmed one), so one delivery stays one row.
      left join lateral (
        select w.withdrawn_at, e.confirmed_at
          from cbs_handover_feed x
          join withdrawals w on w.id = x.withdrawal_id
          left join cbs_erasure_confirmations e on e.withdrawal_id = x.withdrawal_id
         where x.kind = 'withdrawal' and x.delivery_id = d.id
         order by (e.confirmed_at is null) desc,
                  case when e.confirmed_at is null then w.withdrawn_at end asc,
                  w.withdrawn_at desc
         limit 1) xw on true
     where f.kind = 'delivery' and d.round_id = ${roundId}
     order by f.seq`.execute(db);
  return rows;
}

export interface RegularRouteRow {
  id: string;
  round_id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: 'gemeente' | 'samenwerkingsverband';
  gemeentecode: string | null;
  delivered_on: string;
  note: string | null;
  marked_at: Date;
  marked_by_name: string | null;
}

/** The participants of a round marked as "geleverd via de reguliere route", by name. */
export async function listRegularRoutes(db: Db, roundId: string): Promise<RegularRouteRow[]> {
  const { rows } = await sql<RegularRouteRow>`
    select r.id, r.round_id, r.organisation_id, o.name as organisation_name, o.kind as organisation_kind,
           o.gemeentecode, to_char(r.delivered_on, 'YYYY-MM-DD') as delivered_on, r.note, r.marked_at,
           u.name as marked_by_name
      from regular_route_deliveries r
      join organisations o on o.id = r.organisation_id
      left join users u on u.id = r.marked_by
     where r.round_id = ${roundId}
     order by o.name`.execute(db);
  return rows;
}

export async function findRegularRoute(
  db: Db,
  roundId: string,
  organisationId: string,
): Promise<RegularRouteRow | undefined> {
  return (await listRegularRoutes(db, roundId)).find((r) => r.organisation_id === organisationId);
}

/** Records the mark; false when this participant was marked for the round already. */
export async function insertRegularRoute(
  db: Db,
  row: {
    roundId: string;
    organisationId: string;
    deliveredOn: string;
    note: string | null;
    markedBy: string | null;
    apiTokenId: string | null;
    markedAt: Date;
  },
): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    insert into regular_route_deliveries (round_id, organisation_id, delivered_on, note, marked_by, api_token_id,
                                          marked_at)
    values (${row.roundId}, ${row.organisationId}, ${row.deliveredOn}::date, ${row.note}, ${row.markedBy},
            ${row.apiTokenId}, ${row.markedAt})
    on conflict (round_id, organisation_id) do nothing
    returning id`.execute(db);
  return rows[0]?.id;
}

/** Removes the mark (its history is in the audit trail); the removed row, or undefined when none. */
export async function deleteRegularRoute(
  db: Db,
  roundId: string,
  organisationId: string,
): Promise<{ id: string; delivered_on: string; note: string | null } | undefined> {
  const { rows } = await sql<{ id: string; delivered_on: string; note: string | null }>`
    delete from regular_route_deliveries where round_id = ${roundId} and organisation_id = ${organisationId}
    returning id, to_char(delivered_on, 'YYYY-MM-DD') as delivered_on, note`.execute(db);
  return rows[0];
}

export interface MonitorGemeenteRow {
  id: string;
  gemeentecode: string;
  name: string;
  province: string | null;
  is_pilot: boolean;
}

/** The participating gemeenten of a round, by gemeentecode. */
export async function listParticipatingGemeenten(db: Db, roundId: string): Promise<MonitorGemeenteRow[]> {
  return db
    .selectFrom('round_participants as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.gemeentecode', 'o.name', 'o.province', 'p.is_pilot'])
    .where('p.round_id', '=', roundId)
    .where('o.kind', '=', 'gemeente')
    .orderBy('o.gemeentecode')
    .execute() as Promise<MonitorGemeenteRow[]>;
}

export interface ParticipantOrganisationRow {
  id: string;
  kind: 'gemeente' | 'samenwerkingsverband';
  name: string;
  gemeentecode: string | null;
  is_pilot: boolean;
}

export async function listParticipantOrganisations(
  db: Db,
  roundId: string,
): Promise<ParticipantOrganisationRow[]> {
  return db
    .selectFrom('round_participants as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.kind', 'o.name', 'o.gemeentecode', 'p.is_pilot'])
    .where('p.round_id', '=', roundId)
    .orderBy('o.kind')
    .orderBy('o.name')
    .execute();
}

export interface MembershipRow {
  collaboration_id: string;
  collaboration_name: string;
  gemeente_id: string;
  gemeentecode: string;
  gemeente_name: string;
  domain: 'jeugd' | 'wmo' | 'beschermd-wonen';
}

/** Memberships on `date` of the collaborations that take part in the round. */
export async function listParticipatingMemberships(
  db: Db,
  roundId: string,
  date: string,
): Promise<MembershipRow[]> {
  return db
    .selectFrom('collaboration_members as m')
    .innerJoin('organisations as c', 'c.id', 'm.collaboration_id')
    .innerJoin('organisations as g', 'g.id', 'm.gemeente_id')
    .innerJoin('round_participants as p', (j) =>
      j.onRef('p.organisation_id', '=', 'c.id').on('p.round_id', '=', roundId),
    )
    .select([
      'm.collaboration_id',
      'c.name as collaboration_name',
      'm.gemeente_id',
      'g.gemeentecode',
      'g.name as gemeente_name',
      'm.domain',
    ])
    .where('m.valid_from', '<=', date)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>=', date)]))
    .orderBy('c.name')
    .orderBy('g.gemeentecode')
    .execute() as Promise<MembershipRow[]>;
}

export interface RecipientRow {
  user_id: string;
  name: string;
  email: string;
}

/** Enabled users with a confirmed address who hold one of these roles in an organisation. */
export async function listOrganisationUsers(
  db: Db,
  organisationId: string,
  roles: ReadonlyArray<'aanleveraar' | 'rapportontvanger'>,
): Promise<RecipientRow[]> {
  return listMailRecipients(db, [organisationId], roles);
}

/** Claims a reminder key; false when a reminder with that key was recorded before. */
export async function insertReminder(
  db: Db,
  row: {
    reminder_key: string;
    kind: 'window_closing' | 'report_not_fetched' | 'pilot_target';
    round_id: string;
    organisation_id: string;
    subject: string;
    facts: ReminderFacts;
    recipients: number;
    sent_at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('reminders')
    .values({ ...row, facts: JSON.stringify(row.facts) })
    .onConflict((oc) => oc.column('reminder_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function listReminders(db: Db, filter: { roundId?: string; organisationId?: string }) {
  let q = db
    .selectFrom('reminders as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'r.kind',
      'r.subject',
      'r.facts',
      'r.recipients',
      'r.sent_at',
      'o.name as organisation_name',
    ])
    .orderBy('r.sent_at', 'desc');
  if (filter.roundId) q = q.where('r.round_id', '=', filter.roundId);
  if (filter.organisationId) q = q.where('r.organisation_id', '=', filter.organisationId);
  return q.limit(200).execute();
}

// ---------------------------------------------------------------------------------------------
// Servicedesk

export async function searchUsers(db: Db, term: string, limit = 25) {
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'is_disabled'])
    .where((eb) => eb.or([eb('name', 'ilike', like), eb('email', 'ilike', like)]))
    .orderBy('name')
    .limit(limit)
    .execute();
}

export async function searchOrganisations(db: Db, term: string, limit = 25) {
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('organisations')
    .select(['id', 'kind', 'name', 'gemeentecode'])
    .where((eb) => eb.or([eb('name', 'ilike', like), eb('gemeentecode', '=', term)]))
    .orderBy('name')
    .limit(limit)
    .execute();
}

export async function findUser(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'is_disabled', 'email_confirmed_at', 'eherkenning_subject'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listRolesWithOrganisation(db: Db, userId: string) {
  return db
    .selectFrom('user_roles as r')
    .leftJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.role', 'r.organisation_id', 'o.name as organisation_name'])
    .where('r.user_id', '=', userId)
    .orderBy('o.name')
    .execute();
}

export async function listUsersWithRoleIn(db: Db, organisationId: string) {
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.is_disabled', 'r.role'])
    .where('r.organisation_id', '=', organisationId)
    .orderBy('u.name')
    .execute();
}

/** Users invited to an organisation (accepted or not): their invitation mail belongs to its history. */
export async function listInvitedUsers(db: Db, organisationId: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['u.id', 'u.name', 'u.email', 'i.created_at', 'i.accepted_at', 'i.revoked_at', 'i.expires_at'])
    .where('i.organisation_id', '=', organisationId)
    .orderBy('i.created_at', 'desc')
    .limit(50)
    .execute();
}

export async function listRecentDownloads(
  db: Db,
  filter: { userId?: string; organisationId?: string },
  limit = 50,
) {
  let q = db
    .selectFrom('downloads as dl')
    .innerJoin('deliveries as d', 'd.id', 'dl.delivery_id')
    .leftJoin('users as u', 'u.id', 'dl.user_id')
    .select([
      'dl.id',
      'dl.downloaded_at',
      'dl.kind',
      'dl.outcome',
      'dl.error',
      'dl.api_token_id',
      'u.name as user_name',
      'd.id as delivery_id',
      'd.receipt_number',
    ])
    .orderBy('dl.downloaded_at', 'desc')
    .limit(limit);
  if (filter.userId) q = q.where('dl.user_id', '=', filter.userId);
  if (filter.organisationId)
    q = q.where((eb) =>
      eb.or([
        eb('dl.organisation_id', '=', filter.organisationId!),
        eb('d.organisation_id', '=', filter.organisationId!),
      ]),
    );
  return q.execute();
}

export async function listMailsTo(db: Db, recipients: readonly string[], limit = 50) {
  if (recipients.length === 0) return [];
  return db
    .selectFrom('outbox')
    .select([
      'id',
      'kind',
      'recipient',
      'subject',
      'body_text',
      'created_at',
      'sent_at',
      'failed_at',
      'last_error',
      'attempts',
    ])
    .where(
      sql<string>`lower(recipient)`,
      'in',
      recipients.map((r) => r.toLowerCase()),
    )
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Pilot feedback

export async function insertFeedback(
  db: Db,
  row: {
    kind: 'feedback' | 'evaluation';
    round_id: string;
    organisation_id: string;
    user_id: string;
    rating: number;
    body: string;
    page: string | null;
    answers: string | null;
    created_at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('pilot_feedback')
    .values(row)
    .onConflict((oc) => oc.columns(['round_id', 'user_id']).where('kind', '=', 'evaluation').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function hasEvaluation(db: Db, roundId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('pilot_feedback')
    .select('id')
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .where('kind', '=', 'evaluation')
    .executeTakeFirst();
  return row !== undefined;
}

export interface FeedbackRow {
  id: string;
  kind: 'feedback' | 'evaluation';
  organisation_name: string;
  user_name: string | null;
  rating: number;
  body: string;
  page: string | null;
  answers: unknown;
  created_at: Date;
}

export async function listFeedback(db: Db, roundId: string): Promise<FeedbackRow[]> {
  return db
    .selectFrom('pilot_feedback as f')
    .innerJoin('organisations as o', 'o.id', 'f.organisation_id')
    .leftJoin('users as u', 'u.id', 'f.user_id')
    .select([
      'f.id',
      'f.kind',
      'o.name as organisation_name',
      'u.name as user_name',
      'f.rating',
      'f.body',
      'f.page',
      'f.answers',
      'f.created_at',
    ])
    .where('f.round_id', '=', roundId)
    .orderBy('f.created_at', 'desc')
    .execute() as Promise<FeedbackRow[]>;
}
