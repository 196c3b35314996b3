-- Per round, who participants can turn to (issue 20, "help at hand"): the servicedesk's phone, e-mail
-- and opening hours (in Dutch and English, as the portal is bilingual) and CBS's contact for the
-- monitor. The operator sets them in the portal (/beheer/contactgegevens); the page footer, every
-- error page and every mail show those of the current round. A round without its own row shows
-- those of the latest round that has them.
create table round_contacts (
  round_id uuid primary key references rounds (id) on delete cascade,
  servicedesk_phone text not null,
  servicedesk_email text not null,
  servicedesk_hours_nl text not null,
  servicedesk_hours_en text not null,
  cbs_phone text,
  cbs_email text,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null,
  constraint round_contacts_servicedesk_phone check (servicedesk_phone ~ '^\+?[0-9][0-9 ()-]{5,28}$'),
  constraint round_contacts_cbs_phone check (cbs_phone is null or cbs_phone ~ '^\+?[0-9][0-9 ()-]{5,28}$'),
  constraint round_contacts_servicedesk_email check (
    servicedesk_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
  ),
  constraint round_contacts_cbs_email check (
    cbs_email is null or cbs_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
  ),
  constraint round_contacts_hours check (
    length(servicedesk_hours_nl) between 1 and 200 and length(servicedesk_hours_en) between 1 and 200
  )
);
