-- The audit trail: one row per action, appended in the same transaction as the change it records.
-- Tamper-evident: each row's hash covers its canonical content and the previous row's hash (a chain
-- in `seq` order, see src/modules/audit/audit-hash.ts); `ggk audit verify` recomputes it. Appends are
-- serialised by a transaction-level advisory lock, so the chain stays linear under concurrency.
-- No foreign keys: the trail outlives the users, tokens and deliveries it names, and a cascade or
-- "set null" would be an update of history.
create table audit_entries (
  seq bigint primary key check (seq > 0),
  id uuid not null unique default gen_random_uuid(),
  recorded_at timestamptz not null,
  actor_kind text not null check (actor_kind in ('user', 'api_token', 'system')),
  actor_user_id uuid,
  actor_token_id uuid,
  organisation_id uuid,
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$'),
  subject_ids text[] not null default '{}',
  details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
  previous_hash text not null check (previous_hash ~ '^[0-9a-f]{64}$'),
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$'),
  constraint audit_actor_shape check (
    (actor_kind = 'user' and actor_user_id is not null and actor_token_id is null)
    or (actor_kind = 'api_token' and actor_token_id is not null and actor_user_id is null)
    or (actor_kind = 'system' and actor_user_id is null and actor_token_id is null)
  )
);
create index audit_entries_organisation on audit_entries (organisation_id, seq desc);
create index audit_entries_action on audit_entries (action, seq desc);
create index audit_entries_actor_user on audit_entries (actor_user_id, seq desc);
create index audit_entries_time on audit_entries (recorded_at desc);
create index audit_entries_subjects on audit_entries using gin (subject_ids);

-- Append-only, enforced by PostgreSQL itself: no UPDATE, DELETE or TRUNCATE, whoever asks. In
-- development and tests ggk may connect as a superuser (privileges do not bind it); these triggers do.
-- Only someone who may ALTER the table (its owner) can switch them off, and the hash chain then still
-- shows what was changed. Production: see docs/decisions/0007-audit-trail.md (non-owner web role).
create function audit_entries_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_entries is append-only: % is not allowed', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_entries_no_update_or_delete
  before update or delete on audit_entries
  for each row execute function audit_entries_refuse_change();

create trigger audit_entries_no_truncate
  before truncate on audit_entries
  for each statement execute function audit_entries_refuse_change();

revoke all on audit_entries from public;
revoke all on function audit_entries_refuse_change() from public;

-- Withdrawals: the fact that remains once the data are gone. One row per (gemeente, round): a second
-- request (double click, a form after a portal withdrawal) finds it and changes nothing.
create table withdrawals (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references rounds (id),
  gemeente_id uuid not null references organisations (id),
  channel text not null check (channel in ('portal', 'cbs_form')),
  requested_by uuid references users (id) on delete set null,
  reason text check (reason is null or length(reason) <= 1000),
  form_received_on date,
  form_reference text check (form_reference is null or length(form_reference) <= 100),
  withdrawn_at timestamptz not null,
  -- What was deleted: per delivery its id, receipt number and per file its name, size and SHA-256.
  deleted jsonb not null default '[]',
  constraint form_has_details check (
    channel <> 'cbs_form' or (form_received_on is not null and form_reference is not null)
  ),
  unique (round_id, gemeente_id)
);

-- A deleted delivery keeps its rows (who, when, checksums) but no longer any data or key.
alter table deliveries add column withdrawn_at timestamptz;
alter table deliveries add column withdrawal_id uuid references withdrawals (id);
alter table deliveries add column purged_at timestamptz;
alter table delivery_files add column destroyed_at timestamptz;
-- A delivery whose files passed the retention period keeps its state, but not its report contents.
alter table deliveries drop constraint checked_has_report;
alter table deliveries add constraint checked_has_report check (
  state not in ('approved', 'rejected') or purged_at is not null or (report is not null and checked_at is not null)
);
