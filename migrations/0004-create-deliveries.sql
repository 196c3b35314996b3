-- A delivery: one upload (one or more files, or one ZIP) by an organisation for one gemeente and
-- half year in a round. It gets a receipt only once its files are stored (encrypted) and this row,
-- its files and its check job are committed together.
create sequence delivery_receipt_numbers;

create table deliveries (
  id uuid primary key default gen_random_uuid(),
  receipt_number text not null unique,
  round_id uuid not null references rounds (id),
  organisation_id uuid not null references organisations (id),
  gemeente_id uuid not null references organisations (id),
  half_year text not null check (half_year ~ '^[0-9]{4}H[12]$'),
  channel text not null check (channel in ('portal', 'api')),
  uploaded_by uuid references users (id),
  api_token_id uuid references api_tokens (id),
  state text not null default 'received'
    check (state in ('received', 'checking', 'approved', 'rejected', 'withdrawn')),
  received_at timestamptz not null,
  checked_at timestamptz,
  technical_notice_due_at timestamptz not null,
  content_report_due_at timestamptz,
  report json, -- json, not jsonb: the report keeps the key order of the public contract
  constraint delivery_has_uploader check (uploaded_by is not null or api_token_id is not null),
  constraint checked_has_report check (state not in ('approved', 'rejected') or (report is not null and checked_at is not null))
);
create index deliveries_gemeente on deliveries (gemeente_id, half_year, received_at desc);
create index deliveries_organisation on deliveries (organisation_id, received_at desc);
create index deliveries_round_state on deliveries (round_id, state);

-- The stored files of a delivery. The data key (wrapped by the master key) lives here; destroying it
-- makes the stored file unreadable for good.
create table delivery_files (
  id uuid primary key default gen_random_uuid(),
  delivery_id uuid not null references deliveries (id) on delete cascade,
  position int not null,
  name text not null,
  bytes bigint not null check (bytes >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  stored_file_id text not null unique,
  wrapped_key text,
  unique (delivery_id, position)
);
create index delivery_files_sha256 on delivery_files (sha256);

-- Per data file of the technical report: what the check found it to be. "In force" per gemeente,
-- type and half year is the newest approved delivery's file of that type and period.
create table delivery_report_files (
  delivery_id uuid not null references deliveries (id) on delete cascade,
  name text not null,
  file_type text check (file_type in ('wmo', 'wmo-kosten', 'sbw', 'jeugd')),
  period text,
  status text not null check (status in ('approved', 'rejected')),
  primary key (delivery_id, name)
);
create index delivery_report_files_type on delivery_report_files (file_type, period);
