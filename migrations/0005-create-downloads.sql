-- Every download of a report: who, what, when, and whether it succeeded (for the servicedesk's "why
-- does my download fail" and the "fetched within 1 working day" follow-up of pilot participants).
create table downloads (
  id uuid primary key default gen_random_uuid(),
  downloaded_at timestamptz not null,
  delivery_id uuid not null references deliveries (id) on delete cascade,
  kind text not null check (kind in ('technical_report_json', 'technical_report_csv', 'technical_report_html')),
  user_id uuid references users (id) on delete set null,
  api_token_id uuid references api_tokens (id) on delete set null,
  organisation_id uuid references organisations (id),
  outcome text not null check (outcome in ('success', 'error')),
  error text
);
create index downloads_delivery on downloads (delivery_id, downloaded_at);
create index downloads_user on downloads (user_id, downloaded_at desc);
