-- Withdrawal per part (issue 18): an intrekker withdraws everything of a round (as before), one half
-- year, or one file type of one half year ("de aanlevering … en/of correctielevering"). A gemeente
-- may therefore have several withdrawals in a round, one per part; what one withdrawal erased is
-- never erased again by another.

-- The part a withdrawal covers: both null = the whole round; a half year; a file type of a half year.
alter table withdrawals add column half_year text check (half_year ~ '^[0-9]{4}H[12]$');
alter table withdrawals add column file_type text check (file_type in ('wmo', 'wmo-kosten', 'sbw', 'jeugd'));
alter table withdrawals add constraint withdrawal_type_needs_half_year check (file_type is null or half_year is not null);
-- One row per (gemeente, round) no longer holds: one per part. A double click or two overlapping
-- requests are kept apart per file below.
alter table withdrawals drop constraint withdrawals_round_id_gemeente_id_key;
create index withdrawals_round_gemeente on withdrawals (round_id, gemeente_id, withdrawn_at);

-- Exactly one withdrawal per stored file, held by the database: a file's withdrawal is set once and
-- never changed; the same for a whole delivery. A second withdrawal that reaches a file already
-- withdrawn (a race past the service's lock) fails instead of claiming it again.
alter table delivery_files add column withdrawal_id uuid references withdrawals (id);
create index delivery_files_withdrawal on delivery_files (withdrawal_id) where withdrawal_id is not null;

create function withdrawal_set_once() returns trigger language plpgsql as $$
begin
  if old.withdrawal_id is not null and new.withdrawal_id is distinct from old.withdrawal_id then
    raise exception 'withdrawal_id of % % is already set: one withdrawal per file', tg_table_name, old.id
      using errcode = 'unique_violation';
  end if;
  return new;
end $$;

-- What was withdrawn before per delivery: each of its stored files by that withdrawal.
update delivery_files f set withdrawal_id = d.withdrawal_id
  from deliveries d where d.id = f.delivery_id and d.withdrawal_id is not null;

create trigger delivery_files_withdrawal_set_once before update of withdrawal_id on delivery_files
  for each row execute function withdrawal_set_once();
create trigger deliveries_withdrawal_set_once before update of withdrawal_id on deliveries
  for each row execute function withdrawal_set_once();

-- The feed: a delivery may now be withdrawn in parts, each its own withdrawal item naming only the
-- offered files of that part (contract: "fileIds"). One delivery item per delivery as before; one
-- withdrawal item per withdrawal and delivery.
alter table cbs_handover_feed drop constraint cbs_handover_feed_kind_delivery_id_key;
create unique index cbs_handover_feed_one_delivery_item on cbs_handover_feed (delivery_id) where kind = 'delivery';
create unique index cbs_handover_feed_one_withdrawal_item on cbs_handover_feed (withdrawal_id, delivery_id)
  where kind = 'withdrawal';

-- The delivery branch as in 0019-a; withdrawal items are now made per withdrawn file (below), so a
-- delivery withdrawn in two parts gets two items and its second part is not lost.
create or replace function cbs_handover_enqueue() returns trigger language plpgsql as $$
declare
  d record;
  approved uuid[];
begin
  perform pg_advisory_xact_lock(4711, 13);
  select id, checked_at, withdrawn_at, withdrawal_id into d from deliveries where id = new.id;
  if d.withdrawn_at is null and d.checked_at is not null then
    if exists (select 1 from cbs_handover_feed where kind = 'delivery' and delivery_id = d.id) then
      return null;
    end if;
    insert into cbs_handover_files (id, delivery_id, delivery_file_id, report_name, name, file_type, bytes,
                                    sha256, position)
    select o.id, d.id, o.delivery_file_id, o.report_name, o.name, o.file_type, o.bytes, o.sha256, o.position
      from cbs_offerable_files(d.id) o
    on conflict do nothing;
    select array_agg(h.id order by h.position) into approved from cbs_handover_files h where h.delivery_id = d.id;
    if approved is not null then
      insert into cbs_handover_feed (seq, kind, delivery_id, file_ids)
      values (nextval('cbs_handover_seq'), 'delivery', d.id, approved);
    end if;
  end if;
  return null;
end $$;

-- A stored file withdrawn: when its delivery was offered, the withdrawal item of this withdrawal and
-- delivery lists the offered data files of every stored file this withdrawal took (at commit, under
-- the feed's lock, once).
create function cbs_handover_enqueue_withdrawal() returns trigger language plpgsql as $$
declare
  offered uuid[];
begin
  perform pg_advisory_xact_lock(4711, 13);
  if exists (select 1 from cbs_handover_feed
              where kind = 'withdrawal' and withdrawal_id = new.withdrawal_id and delivery_id = new.delivery_id) then
    return null;
  end if;
  if not exists (select 1 from cbs_handover_feed where kind = 'delivery' and delivery_id = new.delivery_id) then
    return null;
  end if;
  select array_agg(h.id order by h.position) into offered
    from cbs_handover_files h
    join delivery_files f on f.id = h.delivery_file_id
    join cbs_handover_feed i on i.kind = 'delivery' and i.delivery_id = h.delivery_id and h.id = any(i.file_ids)
   where h.delivery_id = new.delivery_id and f.withdrawal_id = new.withdrawal_id;
  if offered is not null then
    insert into cbs_handover_feed (seq, kind, delivery_id, withdrawal_id, file_ids)
    values (nextval('cbs_handover_seq'), 'withdrawal', new.delivery_id, new.withdrawal_id, offered);
  end if;
  return null;
end $$;

create constraint trigger cbs_handover_enqueue_withdrawal
  after update of withdrawal_id on delivery_files
  deferrable initially deferred
  for each row
  when (new.withdrawal_id is not null and old.withdrawal_id is null)
  execute function cbs_handover_enqueue_withdrawal();
