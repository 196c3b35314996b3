-- The hand-over to CBS (contract cbs-handover.md): CBS's channel (a token of kind 'cbs'), the feed of
-- what CBS has to take, its fetches, acknowledgements, verdicts, its own op-orde rapport, its
-- confirmations of erasure, and the participants that delivered via the regular route.

-- A CBS token belongs to no organisation and carries no organisation role.
alter table api_tokens add column kind text not null default 'organisation' check (kind in ('organisation', 'cbs'));
alter table api_tokens alter column organisation_id drop not null;
alter table api_tokens drop constraint api_tokens_roles_check;
alter table api_tokens add constraint api_tokens_roles_check check (
  (kind = 'organisation' and organisation_id is not null and cardinality(roles) > 0
    and roles <@ array['gebruikersbeheerder', 'aanleveraar', 'rapportontvanger', 'intrekker'])
  or (kind = 'cbs' and organisation_id is null and cardinality(roles) = 0)
);

-- The feed: one item per approved delivery (its approved files, fixed when the item is made) and
-- one per withdrawal of a delivery that was in the feed. `seq` is the order. Items are only made by
-- the trigger below, at commit and under one lock, so a higher seq is never visible before a lower
-- one: paging by seq never skips an item that commits late.
create sequence cbs_handover_seq;
create table cbs_handover_feed (
  seq bigint primary key,
  kind text not null check (kind in ('delivery', 'withdrawal')),
  delivery_id uuid not null references deliveries (id),
  withdrawal_id uuid references withdrawals (id),
  file_ids uuid[] not null,
  created_at timestamptz not null default now(),
  unique (kind, delivery_id),
  constraint withdrawal_item_names_withdrawal check ((kind = 'withdrawal') = (withdrawal_id is not null))
);

create function cbs_handover_enqueue() returns trigger language plpgsql as $$
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
    select array_agg(f.id order by f.position) into approved
      from delivery_files f
      join delivery_report_files rf on rf.delivery_id = f.delivery_id and rf.name = f.name
     where f.delivery_id = d.id and rf.status = 'approved' and rf.file_type is not null;
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

create constraint trigger cbs_handover_enqueue
  after update of checked_at, withdrawn_at on deliveries
  deferrable initially deferred
  for each row
  when (new.checked_at is distinct from old.checked_at or new.withdrawn_at is distinct from old.withdrawn_at)
  execute function cbs_handover_enqueue();

-- Deliveries approved before this migration enter the feed in the order they were checked.
insert into cbs_handover_feed (seq, kind, delivery_id, file_ids)
select nextval('cbs_handover_seq'), 'delivery', x.id, x.approved
  from (
    select d.id, d.checked_at, array_agg(f.id order by f.position) as approved
      from deliveries d
      join delivery_files f on f.delivery_id = d.id
      join delivery_report_files rf on rf.delivery_id = f.delivery_id and rf.name = f.name
     where d.withdrawn_at is null and d.checked_at is not null and rf.status = 'approved'
       and rf.file_type is not null
     group by d.id, d.checked_at
     order by d.checked_at, d.id
  ) x;

-- Every file fetch by CBS (also refused ones: erased files), for the record.
create table cbs_file_fetches (
  id uuid primary key default gen_random_uuid(),
  fetched_at timestamptz not null,
  delivery_file_id uuid not null references delivery_files (id),
  api_token_id uuid references api_tokens (id) on delete set null,
  range_start bigint,
  range_end bigint,
  outcome text not null check (outcome in ('success', 'gone'))
);
create index cbs_file_fetches_file on cbs_file_fetches (delivery_file_id, fetched_at);

-- CBS has it: one acknowledgement per delivery, with the checksums CBS sent.
create table cbs_receipts (
  delivery_id uuid primary key references deliveries (id),
  received_at timestamptz not null,
  api_token_id uuid references api_tokens (id) on delete set null,
  files jsonb not null
);

-- CBS's verdict per file: final, it overrides ggk's check. ggk_status keeps what ggk had said.
create table cbs_file_verdicts (
  delivery_file_id uuid primary key references delivery_files (id),
  delivery_id uuid not null references deliveries (id),
  verdict text not null check (verdict in ('approved', 'rejected')),
  findings jsonb not null default '[]',
  ggk_status text check (ggk_status in ('approved', 'rejected')),
  decided_at timestamptz not null,
  api_token_id uuid references api_tokens (id) on delete set null
);
create index cbs_file_verdicts_delivery on cbs_file_verdicts (delivery_id);

-- CBS's own op-orde rapport (a PDF, stored encrypted like a delivered file), held or placed like ggk's.
create table cbs_content_reports (
  delivery_id uuid primary key references deliveries (id),
  stored_file_id text not null unique,
  wrapped_key text,
  bytes bigint not null check (bytes >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  state text not null check (state in ('held', 'placed')),
  uploaded_at timestamptz not null,
  placed_at timestamptz,
  uploaded_by_user uuid references users (id) on delete set null,
  api_token_id uuid references api_tokens (id) on delete set null,
  destroyed_at timestamptz
);

-- Per round: show only CBS's op-orde rapport (true) or ggk's beside it (false).
alter table rounds add column cbs_report_only boolean not null default false;

alter table downloads drop constraint downloads_kind_check;
alter table downloads add constraint downloads_kind_check check (kind in (
  'technical_report_json', 'technical_report_csv', 'technical_report_html',
  'content_report_html', 'content_report_pdf', 'content_report_csv', 'content_report_json',
  'cbs_content_report_pdf'));

-- CBS confirms that it erased the files of a withdrawal.
create table cbs_erasure_confirmations (
  withdrawal_id uuid primary key references withdrawals (id),
  erased_at timestamptz not null,
  confirmed_at timestamptz not null,
  api_token_id uuid references api_tokens (id) on delete set null
);

-- "Geleverd via de reguliere route": a participant delivered this half year straight to CBS.
create table regular_route_deliveries (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references rounds (id),
  organisation_id uuid not null references organisations (id),
  delivered_on date not null,
  note text check (note is null or length(note) <= 1000),
  marked_by uuid references users (id) on delete set null,
  marked_at timestamptz not null,
  unique (round_id, organisation_id)
);
