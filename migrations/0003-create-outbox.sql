-- Outbox: mail is written in the same transaction as the change that causes it, and a worker
-- delivers it afterwards with retries. A row is pending until it has sent_at (delivered) or
-- failed_at (given up after the last attempt). Bodies hold links only, never delivered data.
create table outbox (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (length(btrim(kind)) > 0),
  recipient text not null check (position('@' in recipient) > 1),
  subject text not null check (length(btrim(subject)) > 0),
  body_text text not null,
  body_html text,
  -- The same notice (e.g. "report of delivery X ready for user Y") is never queued twice.
  dedupe_key text unique,
  created_at timestamptz not null default now(),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  last_error text,
  failed_at timestamptz,
  constraint outbox_sent_or_failed check (sent_at is null or failed_at is null)
);

-- The worker's scan: pending rows that are due, oldest due first.
create index outbox_pending on outbox (next_attempt_at) where sent_at is null and failed_at is null;
-- The monitoring page: mail that was given up.
create index outbox_failed on outbox (failed_at) where failed_at is not null;
