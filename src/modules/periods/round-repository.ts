import { sql } from 'kysely';
import type { Db } from '../database-schema.ts';
import { amsterdamDate } from '../../platform/time/amsterdam-time.ts';
import type { CbsWithdrawalForm, Round } from './round-rules.ts';

const roundColumns = [
  'id',
  'name',
  'half_year',
  'previous_half_year',
  'delivery_opens_at',
  'delivery_closes_at',
  'pilot_target_at',
  'withdrawal_opens_at',
  'withdrawal_closes_at',
  'spec_version',
  'cbs_form_opens_on',
  'cbs_form_closes_on',
  'cbs_withdrawal_form_url',
  'cbs_withdrawal_form_email',
] as const;

type RoundRecord = {
  id: string;
  name: string;
  half_year: string;
  previous_half_year: string | null;
  delivery_opens_at: Date;
  delivery_closes_at: Date;
  pilot_target_at: Date | null;
  withdrawal_opens_at: Date;
  withdrawal_closes_at: Date;
  spec_version: string;
  cbs_form_opens_on: string | null;
  cbs_form_closes_on: string | null;
  cbs_withdrawal_form_url: string | null;
  cbs_withdrawal_form_email: string | null;
};

function toRound(r: RoundRecord): Round {
  return {
    id: r.id,
    name: r.name,
    halfYear: r.half_year,
    previousHalfYear: r.previous_half_year,
    deliveryOpensAt: r.delivery_opens_at,
    deliveryClosesAt: r.delivery_closes_at,
    pilotTargetAt: r.pilot_target_at,
    withdrawalOpensAt: r.withdrawal_opens_at,
    withdrawalClosesAt: r.withdrawal_closes_at,
    specVersion: r.spec_version,
    // A round without its own form days (made before migration 0028-d) takes its intrekkingsperiode.
    cbsForm: {
      opensOn: r.cbs_form_opens_on ?? amsterdamDate(r.withdrawal_opens_at),
      closesOn: r.cbs_form_closes_on ?? amsterdamDate(r.withdrawal_closes_at),
      url: r.cbs_withdrawal_form_url,
      email: r.cbs_withdrawal_form_email,
    },
  };
}

export async function insertRound(
  db: Db,
  round: Omit<Round, 'id' | 'cbsForm'> & { cbsForm: Partial<CbsWithdrawalForm> },
): Promise<Round> {
  const row = await db
    .insertInto('rounds')
    .values({
      name: round.name,
      half_year: round.halfYear,
      previous_half_year: round.previousHalfYear,
      delivery_opens_at: round.deliveryOpensAt,
      delivery_closes_at: round.deliveryClosesAt,
      pilot_target_at: round.pilotTargetAt,
      withdrawal_opens_at: round.withdrawalOpensAt,
      withdrawal_closes_at: round.withdrawalClosesAt,
      spec_version: round.specVersion,
      cbs_form_opens_on: round.cbsForm.opensOn ?? null,
      cbs_form_closes_on: round.cbsForm.closesOn ?? null,
      cbs_withdrawal_form_url: round.cbsForm.url ?? null,
      cbs_withdrawal_form_email: round.cbsForm.email ?? null,
    })
    .returning(roundColumns)
    .executeTakeFirstOrThrow();
  return toRound(row);
}

export async function findRoundByHalfYear(db: Db, halfYear: string): Promise<Round | undefined> {
  const row = await db
    .selectFrom('rounds')
    .select(roundColumns)
    .where('half_year', '=', halfYear)
    .executeTakeFirst();
  return row && toRound(row);
}

export async function findRoundById(db: Db, id: string): Promise<Round | undefined> {
  const row = await db.selectFrom('rounds').select(roundColumns).where('id', '=', id).executeTakeFirst();
  return row && toRound(row);
}

export async function listRounds(db: Db): Promise<Round[]> {
  const rows = await db
    .selectFrom('rounds')
    .select(roundColumns)
    .orderBy('delivery_opens_at', 'desc')
    .execute();
  return rows.map(toRound);
}

export async function upsertParticipant(
  db: Db,
  p: { round_id: string; organisation_id: string; is_pilot: boolean },
): Promise<void> {
  await db
    .insertInto('round_participants')
    .values(p)
    .onConflict((oc) => oc.columns(['round_id', 'organisation_id']).doUpdateSet({ is_pilot: p.is_pilot }))
    .execute();
}

export interface ParticipantRow {
  organisation_id: string;
  name: string;
  kind: 'gemeente' | 'samenwerkingsverband';
  gemeentecode: string | null;
  province: string | null;
  is_pilot: boolean;
}

export async function listParticipants(db: Db, roundId: string): Promise<ParticipantRow[]> {
  return db
    .selectFrom('round_participants as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.organisation_id', 'o.name', 'o.kind', 'o.gemeentecode', 'o.province', 'p.is_pilot'])
    .where('p.round_id', '=', roundId)
    .orderBy('o.kind')
    .orderBy('o.gemeentecode')
    .orderBy('o.name')
    .execute();
}

export async function countParticipants(db: Db, roundId: string): Promise<{ total: number; pilot: number }> {
  const row = await db
    .selectFrom('round_participants')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.count<string>('organisation_id').filterWhere('is_pilot', '=', true).as('pilot'),
    ])
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), pilot: Number(row.pilot) };
}

/** Which of these organisations take part in the round (only its pilot participants, when asked). */
export async function findParticipatingOrganisations(
  db: Db,
  roundId: string,
  organisationIds: readonly string[],
  options: { pilotOnly?: boolean } = {},
): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  let q = db
    .selectFrom('round_participants')
    .select('organisation_id')
    .where('round_id', '=', roundId)
    .where('organisation_id', 'in', organisationIds);
  if (options.pilotOnly) q = q.where('is_pilot', '=', true);
  return (await q.execute()).map((r) => r.organisation_id);
}

/**
 * Sets whether the round's gemeenten see only CBS's op-orde rapport; the previous value, or undefined
 * when the round does not exist (the row is locked, so two changes at once see each other's value).
 */
export async function updateCbsReportOnly(
  db: Db,
  roundId: string,
  only: boolean,
): Promise<{ previous: boolean; name: string } | undefined> {
  const { rows } = await sql<{ previous: boolean; name: string }>`
    update rounds r set cbs_report_only = ${only}
      from (select id, cbs_report_only from rounds where id = ${roundId}::uuid for update) old
     where r.id = old.id
    returning old.cbs_report_only as previous, r.name`.execute(db);
  return rows[0];
}
