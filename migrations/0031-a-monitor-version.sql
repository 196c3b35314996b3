-- The round monitor's version (issue 21): one number that changes in every transaction that changes
-- what the monitor reads, made visible by that transaction's own commit. The monitor keeps what it
-- read from the database (modules/monitoring) under the version it saw just before reading it, and
-- reads it again only when the version differs: a commit that changes its data changes the version
-- in the same commit, so a kept copy is never older than the version it is kept under, and no
-- request after the commit is answered from the copy before it. This lives in the database, not in
-- the code that writes, so every path (portal, API, jobs, command line, a hand-written statement)
-- counts.
--
-- The triggers are deferred: the version row is locked only from the commit's deferred triggers to
-- the end of the commit, not from a transaction's first write, so writers of the round wait for each
-- other only during commits. They take the hand-over feed's lock (4711, 13; migration 0013-a) before
-- the row: the feed's deferred triggers take it at commit too, and one order of the two locks in
-- every transaction is what keeps two commits from waiting for each other.
create table monitor_version (
  id int primary key check (id = 1),
  -- From a sequence, never reused: a value once seen stands for one state only.
  version bigint not null
);
create sequence monitor_version_seq;
insert into monitor_version (id, version) values (1, nextval('monitor_version_seq'));

create function monitor_version_bump_once() returns void language plpgsql as $$
begin
  -- Once per transaction is enough: its commit makes every change it made visible at once. A bump
  -- inside a savepoint rolled back is forgotten with the setting.
  if current_setting('ggk.monitor_version_bumped', true) = 'yes' then
    return;
  end if;
  perform pg_advisory_xact_lock(4711, 13);
  update monitor_version set version = nextval('monitor_version_seq') where id = 1;
  perform set_config('ggk.monitor_version_bumped', 'yes', true);
end $$;

create function monitor_version_bump() returns trigger language plpgsql as $$
begin
  perform monitor_version_bump_once();
  return null;
end $$;

-- A download counts only as the first fetch of an op-orde report by its organisation (the monitor's
-- "fetched"); a later one changes nothing the monitor shows. An earlier fetch that is visible here
-- has committed (and bumped the version itself).
create function monitor_version_bump_fetch() returns trigger language plpgsql as $$
begin
  if exists (
    select 1 from downloads d
     where d.delivery_id = new.delivery_id and d.id <> new.id and d.kind like 'content\_report\_%'
       and d.outcome = 'success' and (d.organisation_id is not null or d.api_token_id is not null)
       and d.downloaded_at <= new.downloaded_at) then
    return null;
  end if;
  perform monitor_version_bump_once();
  return null;
end $$;

-- Every table the monitor reads (modules/monitoring/monitoring-repository.ts: the round's deliveries,
-- their files and verdicts, op-orde reports and their first fetch, the hand-over to CBS, the
-- regular-route marks, the participants, memberships, organisations and rounds, and user names).
do $$
declare
  t text;
begin
  foreach t in array array[
    'deliveries', 'delivery_files', 'delivery_report_files', 'content_reports', 'cbs_handover_feed',
    'cbs_receipts', 'withdrawals', 'cbs_erasure_confirmations', 'regular_route_deliveries',
    'round_participants', 'collaboration_members', 'organisations', 'rounds'
  ] loop
    execute format(
      'create constraint trigger monitor_version after insert or update or delete on %I
         deferrable initially deferred for each row execute function monitor_version_bump()', t);
    execute format(
      'create trigger monitor_version_truncate after truncate on %I
         for each statement execute function monitor_version_bump()', t);
  end loop;
end $$;

-- Users: only their names are shown (uploader, who marked a regular route); logins change other columns.
create constraint trigger monitor_version after insert or update of name or delete on users
  deferrable initially deferred for each row execute function monitor_version_bump();
create trigger monitor_version_truncate after truncate on users
  for each statement execute function monitor_version_bump();

create constraint trigger monitor_version after update or delete on downloads
  deferrable initially deferred for each row execute function monitor_version_bump();
create constraint trigger monitor_version_fetch after insert on downloads
  deferrable initially deferred for each row
  when (new.kind like 'content\_report\_%' and new.outcome = 'success'
        and (new.organisation_id is not null or new.api_token_id is not null))
  execute function monitor_version_bump_fetch();
create trigger monitor_version_truncate after truncate on downloads
  for each statement execute function monitor_version_bump();

-- Fired in every replication role too (as the audit's triggers, 0012-b): `session_replication_role =
-- replica` switches off ordinary triggers, and a write the version missed is a stale monitor.
do $$
declare
  r record;
begin
  for r in select c.relname, t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid
            where t.tgname like 'monitor\_version%' and not t.tgisinternal loop
    execute format('alter table %I enable always trigger %I', r.relname, r.tgname);
  end loop;
end $$;
