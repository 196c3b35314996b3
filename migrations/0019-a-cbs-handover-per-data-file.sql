-- The hand-over to CBS per data file (contract cbs-handover.md: each listed file is one WMO, WMOKOSTEN,
-- SBW or JEUGD file with its own SHA-256 and size). Migration 0013-a joined ggk's report to the stored
-- files by name, so a ZIP delivery (whose report names its entries, "MSD.zip/WMO_….csv") never
-- reached the feed. Since 0015-a each verdict row names the stored file it was read from and the data
-- file's own SHA-256 and size; the feed is now made from those.
--
-- cbs_handover_files: what CBS was offered, one row per approved data file, fixed when the feed item
-- is made (ggk's report rows are deleted at withdrawal and changed by CBS's verdict; what was offered
-- must stay answerable: 410, receipts, verdicts). The id is the fileId in the feed: the stored file's
-- id for a file delivered as such (as before), the verdict row's id for an entry of a ZIP, which is
-- served decrypted and unpacked from the stored ZIP.
create table cbs_handover_files (
  id uuid primary key,
  delivery_id uuid not null references deliveries (id),
  delivery_file_id uuid not null references delivery_files (id),
  -- The data file's name in ggk's report: the stored name, or "<zip name>/<path in the zip>".
  report_name text not null,
  -- The name CBS gets (the file's own name; the report name with '/' as '_' when two would clash).
  name text not null,
  file_type text not null,
  bytes bigint not null check (bytes >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  position int not null,
  unique (delivery_id, name),
  unique (delivery_id, report_name)
);

-- The approved data files of a delivery as they are offered (used by the trigger and the backfill).
create function cbs_offerable_files(delivery uuid)
returns table (id uuid, delivery_file_id uuid, report_name text, name text, file_type text, bytes bigint,
               sha256 text, "position" int)
language sql stable as $$
  select x.id, x.delivery_file_id, x.report_name,
         case when count(*) over (partition by x.base) > 1 then replace(x.report_name, '/', '_') else x.base end,
         x.file_type, x.bytes, x.sha256, (row_number() over (order by x.stored_position, x.report_name))::int
    from (
      select case when rf.name = f.name then f.id else rf.id end as id, f.id as delivery_file_id,
             rf.name as report_name, regexp_replace(rf.name, '^.*/', '') as base, rf.file_type,
             case when rf.name = f.name then f.bytes else rf.bytes end as bytes,
             case when rf.name = f.name then f.sha256 else rf.sha256 end as sha256,
             f.position as stored_position
        from delivery_report_files rf
        join delivery_files f
          on f.delivery_id = rf.delivery_id
         and (f.id = rf.delivery_file_id or (rf.delivery_file_id is null and f.name = rf.name))
       where rf.delivery_id = delivery and rf.status = 'approved' and rf.file_type is not null
     ) x
   -- An entry judged before 0015-a has no checksum of its own: it cannot be offered.
   where x.sha256 is not null and x.bytes is not null
$$;

create or replace function cbs_handover_enqueue() returns trigger language plpgsql as $$
declare
  d record;
  approved uuid[];
  offered uuid[];
begin
  -- One writer of the feed at a time, until commit (the lock is released after the commit is visible).
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
  elsif d.withdrawn_at is not null and d.withdrawal_id is not null then
    select file_ids into offered from cbs_handover_feed where kind = 'delivery' and delivery_id = d.id;
    if offered is not null
       and not exists (select 1 from cbs_handover_feed where kind = 'withdrawal' and delivery_id = d.id) then
      insert into cbs_handover_feed (seq, kind, delivery_id, withdrawal_id, file_ids)
      values (nextval('cbs_handover_seq'), 'withdrawal', d.id, d.withdrawal_id, offered);
    end if;
  end if;
  return null;
end $$;

-- What was offered already: the stored files named in the feed (0013-a offered only those). Their
-- type from ggk's report, or (the report rows of a withdrawn delivery are gone) from the file name.
insert into cbs_handover_files (id, delivery_id, delivery_file_id, report_name, name, file_type, bytes, sha256,
                                position)
select f.id, h.delivery_id, f.id, f.name, f.name,
       coalesce(rf.file_type,
                case split_part(upper(f.name), '_', 1)
                  when 'WMOKOSTEN' then 'wmo-kosten' when 'SBW' then 'sbw' when 'JEUGD' then 'jeugd'
                  else 'wmo' end),
       f.bytes, f.sha256, array_position(h.file_ids, f.id)
  from cbs_handover_feed h
  join delivery_files f on f.id = any(h.file_ids)
  left join delivery_report_files rf on rf.delivery_id = f.delivery_id and rf.name = f.name
 where h.kind = 'delivery';

-- Approved deliveries that never reached the feed (a ZIP's entries), in the order they were checked.
insert into cbs_handover_files (id, delivery_id, delivery_file_id, report_name, name, file_type, bytes, sha256,
                                position)
select o.id, d.id, o.delivery_file_id, o.report_name, o.name, o.file_type, o.bytes, o.sha256, o.position
  from deliveries d cross join lateral cbs_offerable_files(d.id) o
 where d.withdrawn_at is null and d.checked_at is not null
   and not exists (select 1 from cbs_handover_feed h where h.kind = 'delivery' and h.delivery_id = d.id);

insert into cbs_handover_feed (seq, kind, delivery_id, file_ids)
select nextval('cbs_handover_seq'), 'delivery', x.delivery_id, x.approved
  from (
    select hf.delivery_id, d.checked_at, array_agg(hf.id order by hf.position) as approved
      from cbs_handover_files hf join deliveries d on d.id = hf.delivery_id
     where not exists (select 1 from cbs_handover_feed h where h.kind = 'delivery' and h.delivery_id = hf.delivery_id)
     group by hf.delivery_id, d.checked_at
     order by d.checked_at, hf.delivery_id
  ) x;

-- Fetches and verdicts name the offered file (for a ZIP entry that is no stored file).
alter table cbs_file_fetches drop constraint cbs_file_fetches_delivery_file_id_fkey;
alter table cbs_file_fetches rename column delivery_file_id to file_id;
alter table cbs_file_fetches add constraint cbs_file_fetches_file_id_fkey
  foreign key (file_id) references cbs_handover_files (id);
alter table cbs_file_verdicts drop constraint cbs_file_verdicts_delivery_file_id_fkey;
alter table cbs_file_verdicts rename column delivery_file_id to file_id;
alter table cbs_file_verdicts add constraint cbs_file_verdicts_file_id_fkey
  foreign key (file_id) references cbs_handover_files (id);
