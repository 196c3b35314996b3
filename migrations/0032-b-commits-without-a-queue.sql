-- Commits that do not queue behind each other (issue 21, the closing-day surge). Sampling
-- pg_stat_activity during bench:surge showed most busy sessions waiting on the audit trail's lock, and
-- the holder mostly idle in its transaction: after `audit_append` answered, the lock stayed held until
-- the caller's busy process sent COMMIT, and every upload and every check appends an entry. Behind
-- that, every commit that changed the monitor's data took the hand-over feed's lock (4711, 13) and
-- then the one row of monitor_version (0031-a), so uploads and checks also queued there.
--
-- 1. The monitor's version without a row every commit waits for. A commit adds one to any one of a
--    few counters that no other transaction holds (`for update skip locked`; when all are held, a new
--    counter), and the version is their sum. A later snapshot sees every commit an earlier one saw,
--    and each commit that changes the monitor's data adds one: two reads that give the same sum saw
--    the same commits, so what the monitor keeps under a version is never older than the version
--    (the argument of 0031-a holds as it was). The sum starts from the last version, so a value seen
--    before this migration is not seen again for another state. A bump waits for no one, so it needs
--    no lock order any more: it no longer takes the feed's lock.
--
-- 2. The audit entry appended in the commit. `recordAudit` inserts what the entry says into
--    audit_pending (no lock); a deferred trigger appends it to the chain when the transaction commits
--    (audit_append of 0031-b: the trail's lock, the head, the insert) and removes the pending row. The
--    trail's lock is then held from that trigger to the end of the commit, inside the one COMMIT
--    statement, never across a round trip to the application. An entry still exists exactly when the
--    change it records was committed. The chain's seq and hash are known only at commit; no caller
--    needs them.
--
--    Lock order: the feed's triggers take the feed's lock (4711, 13) at commit; audit_append takes it
--    before the trail's lock, so every transaction takes the two in one order (feed, then trail)
--    whatever the order of its deferred triggers, and two commits never wait for each other. Nearly
--    every transaction that appends an entry commits through the trail's lock anyway, so the feed's
--    lock makes no new queue.

-- 1. The monitor's version.
create table monitor_version_counters (
  id int primary key,
  bumps bigint not null check (bumps >= 0)
);
create sequence monitor_version_counter_seq;
-- The first counter carries the last version; a few more so concurrent commits each find a free one.
insert into monitor_version_counters (id, bumps)
select nextval('monitor_version_counter_seq'), (select version from monitor_version where id = 1);
insert into monitor_version_counters (id, bumps)
select nextval('monitor_version_counter_seq'), 0 from generate_series(1, 7);

create or replace function monitor_version_bump_once() returns void language plpgsql as $$
begin
  -- Once per transaction is enough: its commit makes every change it made visible at once. A bump
  -- inside a savepoint rolled back is forgotten with the setting.
  if current_setting('ggk.monitor_version_bumped', true) = 'yes' then
    return;
  end if;
  update monitor_version_counters set bumps = bumps + 1
   where id = (select c.id from monitor_version_counters c limit 1 for update skip locked);
  if not found then
    -- Every counter is held by a commit in progress: one more, which no one else can hold.
    insert into monitor_version_counters (id, bumps) values (nextval('monitor_version_counter_seq'), 1);
  end if;
  perform set_config('ggk.monitor_version_bumped', 'yes', true);
end $$;

-- What the monitor reads (modules/monitoring: `select version from monitor_version where id = 1`).
drop table monitor_version;
drop sequence monitor_version_seq;
create view monitor_version as
  select 1 as id, sum(bumps)::bigint as version from monitor_version_counters;

-- 2. The audit entry appended in the commit. Unlogged: a row lives only inside its own transaction
-- (inserted, then removed by the trigger at commit), so there is nothing to recover after a crash.
create unlogged table audit_pending (
  id uuid primary key,
  recorded_at timestamptz not null,
  actor_kind text not null,
  actor_user_id uuid,
  actor_token_id uuid,
  organisation_id uuid,
  action text not null,
  subject_ids text[] not null,
  details jsonb not null,
  content_prefix text not null,
  content_middle text not null,
  content_suffix text not null
);

create or replace function audit_append(
  p_id uuid,
  p_recorded_at timestamptz,
  p_actor_kind text,
  p_actor_user_id uuid,
  p_actor_token_id uuid,
  p_organisation_id uuid,
  p_action text,
  p_subject_ids text[],
  p_details jsonb,
  p_content_prefix text,
  p_content_middle text,
  p_content_suffix text
) returns table (seq bigint, hash text)
language plpgsql volatile
as $$
declare
  v_seq bigint;
  v_previous text;
  v_hash text;
begin
  -- The feed's lock first (see the top of this file), then the trail's one lock key
  -- (0x67676b_a0d17); both held until the caller's transaction ends.
  perform pg_advisory_xact_lock(4711, 13);
  perform pg_advisory_xact_lock(7105867812119);
  select e.seq, e.hash into v_seq, v_previous from audit_entries e order by e.seq desc limit 1;
  v_seq := coalesce(v_seq, 0) + 1;
  v_previous := coalesce(v_previous, repeat('0', 64));
  v_hash := encode(
    sha256(convert_to(p_content_prefix || v_seq::text || p_content_middle || v_previous || p_content_suffix, 'UTF8')),
    'hex'
  );
  insert into audit_entries (
    seq, id, recorded_at, actor_kind, actor_user_id, actor_token_id, organisation_id, action,
    subject_ids, details, previous_hash, hash
  ) values (
    v_seq, p_id, p_recorded_at, p_actor_kind, p_actor_user_id, p_actor_token_id, p_organisation_id,
    p_action, p_subject_ids, p_details, v_previous, v_hash
  );
  return query select v_seq, v_hash;
end
$$;

create function audit_pending_append() returns trigger language plpgsql as $$
begin
  perform audit_append(
    new.id, new.recorded_at, new.actor_kind, new.actor_user_id, new.actor_token_id, new.organisation_id,
    new.action, new.subject_ids, new.details, new.content_prefix, new.content_middle, new.content_suffix);
  delete from audit_pending where id = new.id;
  return null;
end $$;

create constraint trigger audit_pending_append after insert on audit_pending
  deferrable initially deferred for each row execute function audit_pending_append();
-- In every replication role too (as the trail's own triggers, 0012-b): a pending entry that is never
-- appended would be a change without its entry.
alter table audit_pending enable always trigger audit_pending_append;
