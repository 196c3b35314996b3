// The figures /metrics reads from PostgreSQL at scrape time (http/observability.ts), so every node
// reports the same: counts, ages and durations over the shared tables and pg-boss's queue. Reads only.
import { sql } from 'kysely';
import type { Db } from '../database-schema.ts';

export interface Quantiles {
  p50: number | null;
  p95: number | null;
  p99?: number | null;
}

export async function countDeliveryFilesByState(db: Db): Promise<Array<{ state: string; n: number }>> {
  const { rows } = await sql<{ state: string; n: number }>`
    select d.state, count(*)::int as n from delivery_files f join deliveries d on d.id = f.delivery_id
     group by 1`.execute(db);
  return rows;
}

/** Plaintext bytes of every delivered file (all time). */
export async function sumDeliveredBytes(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select coalesce(sum(bytes), 0)::text as n from delivery_files`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export async function countDeliveriesReceivedLastHour(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from deliveries where received_at > now() - interval '1 hour'`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Receipt to technical report, over deliveries checked in the last hour, in seconds. */
export async function checkDurationQuantiles(db: Db): Promise<Quantiles | undefined> {
  const { rows } = await sql<Quantiles>`
    select percentile_cont(0.5) within group (order by s) as p50,
           percentile_cont(0.95) within group (order by s) as p95,
           percentile_cont(0.99) within group (order by s) as p99
      from (select extract(epoch from checked_at - received_at) as s from deliveries
             where checked_at > now() - interval '1 hour') t`.execute(db);
  return rows[0];
}

/** Technical report to op-orde report, over reports generated in the last hour, in seconds. */
export async function contentReportDurationQuantiles(db: Db): Promise<Quantiles | undefined> {
  const { rows } = await sql<Quantiles>`
    select percentile_cont(0.5) within group (order by s) as p50,
           percentile_cont(0.95) within group (order by s) as p95
      from (select extract(epoch from c.generated_at - d.checked_at) as s
              from content_reports c join deliveries d on d.id = c.delivery_id
             where c.generated_at > now() - interval '1 hour' and d.checked_at is not null) t`.execute(db);
  return rows[0];
}

/** Jobs waiting or running, by queue and state (pg-boss's own table). */
export async function countJobsByQueue(db: Db): Promise<Array<{ name: string; state: string; n: number }>> {
  const { rows } = await sql<{ name: string; state: string; n: number }>`
    select name, state::text as state, count(*)::int as n from pgboss.job
     where state in ('created', 'retry', 'active') group by 1, 2`.execute(db);
  return rows;
}

/** Age in seconds of the oldest job waiting to start, by queue. */
export async function oldestWaitingJobs(db: Db): Promise<Array<{ name: string; age: number }>> {
  const { rows } = await sql<{ name: string; age: number }>`
    select name, extract(epoch from now() - min(created_on))::float as age from pgboss.job
     where state in ('created', 'retry') and start_after <= now() group by 1`.execute(db);
  return rows;
}

/** Mails not sent yet, and the age in seconds of the oldest. */
export async function outboxBacklog(db: Db): Promise<{ n: number; age: number | null }> {
  const { rows } = await sql<{ n: number; age: number | null }>`
    select count(*)::int as n, extract(epoch from now() - min(created_at))::float as age
      from outbox where sent_at is null`.execute(db);
  return rows[0] ?? { n: 0, age: null };
}

export async function countLoginFailuresLastHour(db: Db): Promise<Array<{ reason: string; n: number }>> {
  const { rows } = await sql<{ reason: string; n: number }>`
    select coalesce(reason, 'unknown') as reason, count(*)::int as n from login_attempts
     where outcome = 'failure' and attempted_at > now() - interval '1 hour' group by 1`.execute(db);
  return rows;
}

/** Deliveries offered to CBS and not yet received by it (not withdrawn): count and oldest age. */
export async function handoverBacklog(db: Db): Promise<{ n: number; age: number | null } | undefined> {
  const { rows } = await sql<{ n: number; age: number | null }>`
    select count(*)::int as n, extract(epoch from now() - min(f.created_at))::float as age
      from cbs_handover_feed f
     where f.kind = 'delivery'
       and not exists (select 1 from cbs_receipts r where r.delivery_id = f.delivery_id)
       and not exists (select 1 from deliveries d where d.id = f.delivery_id and d.withdrawn_at is not null)`.execute(
    db,
  );
  return rows[0];
}

/** Withdrawals of offered deliveries whose erasure CBS has not confirmed yet: count and oldest age. */
export async function erasureBacklog(db: Db): Promise<{ n: number; age: number | null } | undefined> {
  const { rows } = await sql<{ n: number; age: number | null }>`
    select count(*)::int as n, extract(epoch from now() - min(w.created_at))::float as age
      from cbs_handover_feed w
     where w.kind = 'withdrawal'
       and not exists (select 1 from cbs_erasure_confirmations e where e.withdrawal_id = w.withdrawal_id)`.execute(
    db,
  );
  return rows[0];
}
