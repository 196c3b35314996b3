-- Per-file verdicts (issue 18). Every data file of a delivery gets its own verdict; approved files
-- are in force whatever happens to the other files of the upload. A delivery is 'approved' when at
-- least one of its files is (its outcome says whether all or only some were), 'rejected' when none.
alter table deliveries add column outcome text
  check (outcome in ('approved', 'partially_approved', 'rejected'));
update deliveries set outcome = state where state in ('approved', 'rejected');
alter table deliveries add constraint outcome_matches_state check (
  (state = 'approved' and outcome in ('approved', 'partially_approved'))
  or (state = 'rejected' and outcome = 'rejected')
  or state not in ('approved', 'rejected'));

-- A data file's verdict row gets its own id and the stored file it came from (a ZIP holds several
-- data files), with its hash and size, so others (the CBS feed) can name and fetch exactly it.
alter table delivery_report_files add column id uuid not null default gen_random_uuid();
alter table delivery_report_files add constraint delivery_report_files_id unique (id);
alter table delivery_report_files add column delivery_file_id uuid references delivery_files (id) on delete cascade;
alter table delivery_report_files add column sha256 text check (sha256 ~ '^[0-9a-f]{64}$');
alter table delivery_report_files add column bytes bigint check (bytes >= 0);
create index delivery_report_files_stored on delivery_report_files (delivery_file_id);

-- The duplicate rule, held by the database (issue 15 finding 2): a stored file's content may be
-- delivered once per gemeente and half year while it is being checked or once it is approved. The
-- claim is released when every data file in it is rejected, or when it is withdrawn, so a rejected
-- file can be sent again. Concurrent identical uploads race for this primary key: one commits.
create table delivered_file_claims (
  gemeente_id uuid not null references organisations (id),
  half_year text not null check (half_year ~ '^[0-9]{4}H[12]$'),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  delivery_id uuid not null references deliveries (id) on delete cascade,
  name text not null,
  primary key (gemeente_id, half_year, sha256)
);
create index delivered_file_claims_delivery on delivered_file_claims (delivery_id);

insert into delivered_file_claims (gemeente_id, half_year, sha256, delivery_id, name)
select distinct on (d.gemeente_id, d.half_year, f.sha256) d.gemeente_id, d.half_year, f.sha256, d.id, f.name
from delivery_files f join deliveries d on d.id = f.delivery_id
where d.state in ('received', 'checking', 'approved')
order by d.gemeente_id, d.half_year, f.sha256, d.received_at;
