-- eHerkenning names the organisation a person acts for by its legal subject: a KvK number (8 digits)
-- or an OIN (20 digits). A samenwerkingsverband has no legal personality of its own; its people act
-- under the legal subject of the lead gemeente, so it has none here.
alter table organisations add column legal_subject_id text unique
  check (legal_subject_id ~ '^([0-9]{8}|[0-9]{20})$');

-- The portal's own staff act for their own legal subjects (the operator and CBS).
create table staff_legal_subjects (
  role text primary key check (role in ('operator', 'cbs')),
  legal_subject_id text not null check (legal_subject_id ~ '^([0-9]{8}|[0-9]{20})$')
);

alter table users add column email_confirmed_at timestamptz;

create table invitations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null unique,
  invited_by uuid references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz
);
create index invitations_user on invitations (user_id);

create table email_confirmations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  email text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  confirmed_at timestamptz
);

-- A login in progress: what the relying party must check when the broker sends the user back.
create table login_flows (
  id_hash text primary key,
  state text not null,
  nonce text not null,
  code_verifier text not null,
  invitation_id uuid references invitations (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

-- Server-side sessions: the cookie holds a random id, the table its hash. Logout deletes the rows.
create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  acting_organisation_id uuid references organisations (id),
  legal_subject_id text not null,
  csrf_token text not null,
  id_token text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

-- Every login attempt with its outcome, for the user ("why can't I log in") and the servicedesk.
create table login_attempts (
  id uuid primary key default gen_random_uuid(),
  attempted_at timestamptz not null default now(),
  outcome text not null check (outcome in ('success', 'failure')),
  reason text,
  acting_subject text,
  legal_subject_id text,
  level_of_assurance text,
  user_id uuid references users (id) on delete set null,
  organisation_id uuid references organisations (id),
  constraint failure_has_reason check (outcome = 'success' or reason is not null)
);
create index login_attempts_user on login_attempts (user_id, attempted_at desc);
create index login_attempts_organisation on login_attempts (organisation_id, attempted_at desc);
create index login_attempts_time on login_attempts (attempted_at desc);

-- API tokens for municipal software: stored hashed, a subset of the organisation's roles, an expiry.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  name text not null check (length(btrim(name)) > 0),
  token_prefix text not null,
  token_hash text not null unique,
  roles text[] not null check (
    cardinality(roles) > 0 and roles <@ array['gebruikersbeheerder', 'aanleveraar', 'rapportontvanger', 'intrekker']
  ),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_tokens_organisation on api_tokens (organisation_id);

-- The "aanmeldformulier gebruikers": a request to become an organisation's first gebruikersbeheerder.
create table registration_requests (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  applicant_name text not null,
  applicant_email text not null,
  applicant_function text,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by uuid references users (id),
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz not null default now()
);
create index registration_requests_status on registration_requests (status, created_at);
