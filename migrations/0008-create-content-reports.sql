-- The op-orde (content) report of an approved delivery: figures and comparisons only (counts and
-- amounts, never a BSN), produced by the content-report job. A report is placed (visible to the
-- organisation, recipients notified) or held by CBS for manual review until the hold is released.
-- Withdrawal deletes the row: its contents are derived from the withdrawn data.
create table content_reports (
  delivery_id uuid primary key references deliveries (id) on delete cascade,
  state text not null check (state in ('held', 'placed')),
  contents json not null, -- json, not jsonb: tables keep their order
  generated_at timestamptz not null,
  placed_at timestamptz,
  constraint placed_has_time check (state <> 'placed' or placed_at is not null)
);
create index content_reports_held on content_reports (state) where state = 'held';

-- A CBS hold: reports of a round (gemeente_id null) or of one gemeente in a round are not placed
-- until the hold is released. At most one open hold per round and gemeente.
create table content_report_holds (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references rounds (id),
  gemeente_id uuid references organisations (id),
  held_by uuid references users (id) on delete set null,
  held_at timestamptz not null,
  released_by uuid references users (id) on delete set null,
  released_at timestamptz
);
create unique index content_report_holds_open
  on content_report_holds (round_id, coalesce(gemeente_id, '00000000-0000-0000-0000-000000000000'::uuid))
  where released_at is null;

-- Downloads of the op-orde report are recorded like those of the technical report.
alter table downloads drop constraint downloads_kind_check;
alter table downloads add constraint downloads_kind_check check (kind in (
  'technical_report_json', 'technical_report_csv', 'technical_report_html',
  'content_report_html', 'content_report_pdf', 'content_report_csv', 'content_report_json'));
