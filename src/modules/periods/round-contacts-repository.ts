// The contact details per round (0029-a): read all of them (there is at most one row per round) and
// set a round's, whoever changed them last.
import type { Db } from '../database-schema.ts';

export interface RoundContactsRow {
  round_id: string;
  servicedesk_phone: string;
  servicedesk_email: string;
  servicedesk_hours_nl: string;
  servicedesk_hours_en: string;
  cbs_phone: string | null;
  cbs_email: string | null;
  updated_at: Date;
}

const columns = [
  'round_id',
  'servicedesk_phone',
  'servicedesk_email',
  'servicedesk_hours_nl',
  'servicedesk_hours_en',
  'cbs_phone',
  'cbs_email',
  'updated_at',
] as const;

export async function listRoundContactRows(db: Db): Promise<RoundContactsRow[]> {
  return db.selectFrom('round_contacts').select(columns).execute();
}

export async function upsertRoundContacts(
  db: Db,
  row: Omit<RoundContactsRow, 'updated_at'> & { updated_at: Date; updated_by: string | null },
): Promise<void> {
  const { round_id: _roundId, ...changes } = row;
  await db
    .insertInto('round_contacts')
    .values(row)
    .onConflict((oc) => oc.column('round_id').doUpdateSet(changes))
    .execute();
}
