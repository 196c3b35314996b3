import { sql } from 'kysely';
import type { Db } from '../database-schema.ts';
import { listMailRecipients } from '../users/index.ts';

export interface WithdrawalRow {
  id: string;
  round_id: string;
  round_name: string;
  gemeente_id: string;
  gemeente_name: string;
  gemeentecode: string;
  channel: 'portal' | 'cbs_form';
  requested_by: string | null;
  requested_by_name: string | null;
  reason: string | null;
  form_received_on: string | null;
  form_reference: string | null;
  withdrawn_at: Date;
  deleted: unknown;
  /** The part (migration 0028-b): both null = the whole round; a half year; a file type of it. */
  half_year: string | null;
  file_type: 'wmo' | 'wmo-kosten' | 'sbw' | 'jeugd' | null;
  /** Whether CBS was offered files of this withdrawal (a withdrawal item in its feed). */
  offered_to_cbs: boolean;
  /** When CBS confirmed it erased this part on its side, and when it says it did. */
  erasure_confirmed_at: Date | null;
  erased_by_cbs_at: Date | null;
}

function selectWithdrawals(db: Db) {
  return db
    .selectFrom('withdrawals as w')
    .innerJoin('organisations as g', 'g.id', 'w.gemeente_id')
    .innerJoin('rounds as r', 'r.id', 'w.round_id')
    .leftJoin('users as u', 'u.id', 'w.requested_by')
    .select([
      'w.id',
      'w.round_id',
      'r.name as round_name',
      'w.gemeente_id',
      'g.name as gemeente_name',
      'g.gemeentecode',
      'w.channel',
      'w.requested_by',
      'u.name as requested_by_name',
      'w.reason',
      'w.form_received_on',
      'w.form_reference',
      'w.withdrawn_at',
      'w.deleted',
      'w.half_year',
      'w.file_type',
      sql<boolean>`exists (select 1 from cbs_handover_feed x where x.kind = 'withdrawal' and x.withdrawal_id = w.id)`.as(
        'offered_to_cbs',
      ),
      sql<Date | null>`(select e.confirmed_at from cbs_erasure_confirmations e where e.withdrawal_id = w.id)`.as(
        'erasure_confirmed_at',
      ),
      sql<Date | null>`(select e.erased_at from cbs_erasure_confirmations e where e.withdrawal_id = w.id)`.as(
        'erased_by_cbs_at',
      ),
    ]);
}

/** The withdrawals of a gemeente in a round, one per part withdrawn, oldest first. */
export async function listWithdrawalsOfGemeente(
  db: Db,
  roundId: string,
  gemeenteId: string,
): Promise<WithdrawalRow[]> {
  return selectWithdrawals(db)
    .where('w.round_id', '=', roundId)
    .where('w.gemeente_id', '=', gemeenteId)
    .orderBy('w.withdrawn_at')
    .orderBy('w.id')
    .execute() as Promise<WithdrawalRow[]>;
}

export async function listWithdrawals(db: Db, limit = 200): Promise<WithdrawalRow[]> {
  return selectWithdrawals(db).orderBy('w.withdrawn_at', 'desc').limit(limit).execute() as Promise<
    WithdrawalRow[]
  >;
}

/** Serialises withdrawals of one gemeente: a double click waits, then finds the first one done. */
export async function lockGemeente(db: Db, gemeenteId: string): Promise<void> {
  await db.selectFrom('organisations').select('id').where('id', '=', gemeenteId).forUpdate().execute();
}

export async function insertWithdrawal(
  db: Db,
  row: {
    round_id: string;
    gemeente_id: string;
    channel: 'portal' | 'cbs_form';
    requested_by: string | null;
    reason: string | null;
    form_received_on: string | null;
    form_reference: string | null;
    withdrawn_at: Date;
    deleted: unknown;
    half_year: string | null;
    file_type: 'wmo' | 'wmo-kosten' | 'sbw' | 'jeugd' | null;
  },
): Promise<{ id: string }> {
  return db
    .insertInto('withdrawals')
    .values({ ...row, deleted: JSON.stringify(row.deleted) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Who is told: the intrekkers and gebruikersbeheerders of these organisations, and the requester. */
export async function listWithdrawalRecipients(
  db: Db,
  organisationIds: string[],
  requesterId: string | null,
): Promise<Array<{ user_id: string; email: string; name: string }>> {
  if (organisationIds.length === 0) return [];
  return listMailRecipients(db, organisationIds, ['intrekker', 'gebruikersbeheerder'], requesterId);
}

/** Who at a samenwerkingsverband hears that a member's delivery was withdrawn: who delivers and who manages. */
export async function listCollaborationRecipients(
  db: Db,
  collaborationId: string,
): Promise<Array<{ user_id: string; email: string; name: string }>> {
  return listMailRecipients(db, [collaborationId], ['aanleveraar', 'gebruikersbeheerder', 'intrekker']);
}
