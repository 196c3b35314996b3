-- Reminders sent by the daily reminder job. The unique key makes each reminder go out once, however
-- often the job runs: the row and its mails are written in one transaction, and a second run finds
-- the key taken and sends nothing.
create table reminders (
  id uuid primary key default gen_random_uuid(),
  reminder_key text not null unique,
  kind text not null check (kind in ('window_closing', 'report_not_fetched')),
  round_id uuid not null references rounds (id) on delete cascade,
  organisation_id uuid not null references organisations (id),
  -- What the reminder was about, e.g. the missing file types per gemeente, or the report.
  subject text not null,
  recipients int not null check (recipients >= 0),
  sent_at timestamptz not null
);
create index reminders_round on reminders (round_id, sent_at);
create index reminders_organisation on reminders (organisation_id, sent_at desc);

-- Feedback of pilot participants: a short note from any page, or the evaluation after the round.
create table pilot_feedback (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('feedback', 'evaluation')),
  round_id uuid not null references rounds (id) on delete cascade,
  organisation_id uuid not null references organisations (id),
  user_id uuid references users (id) on delete set null,
  rating int not null check (rating between 1 and 5),
  body text not null default '' check (length(body) <= 4000),
  -- The page the feedback was given from (a path without query string).
  page text check (page is null or page ~ '^/[^?#]{0,200}$'),
  -- Evaluation answers: question id -> answer (closed questions) or text.
  answers json,
  created_at timestamptz not null
);
create index pilot_feedback_round on pilot_feedback (round_id, kind, created_at);
-- One evaluation per user and round; feedback notes as often as they like.
create unique index pilot_feedback_one_evaluation on pilot_feedback (round_id, user_id) where kind = 'evaluation';
