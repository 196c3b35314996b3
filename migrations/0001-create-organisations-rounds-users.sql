-- Organisations: a gemeente (with its CBS code) or a samenwerkingsverband (a named collaboration
-- that delivers for its member gemeenten).
create table organisations (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('gemeente', 'samenwerkingsverband')),
  name text not null check (length(btrim(name)) > 0),
  gemeentecode char(4) unique check (gemeentecode ~ '^[0-9]{4}$'),
  province text,
  lead_gemeente_id uuid references organisations (id),
  created_at timestamptz not null default now(),
  constraint gemeente_has_code check ((kind = 'gemeente') = (gemeentecode is not null)),
  constraint only_collaboration_has_lead check (kind = 'samenwerkingsverband' or lead_gemeente_id is null)
);
create unique index organisations_collaboration_name on organisations (lower(name)) where kind = 'samenwerkingsverband';

-- Membership of a gemeente in a samenwerkingsverband, per domain, over a period [valid_from, valid_to].
create table collaboration_members (
  id uuid primary key default gen_random_uuid(),
  collaboration_id uuid not null references organisations (id) on delete cascade,
  gemeente_id uuid not null references organisations (id),
  domain text not null check (domain in ('jeugd', 'wmo', 'beschermd-wonen')),
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  constraint member_period_order check (valid_to is null or valid_to >= valid_from)
);
create index collaboration_members_collaboration on collaboration_members (collaboration_id);
create index collaboration_members_gemeente on collaboration_members (gemeente_id);

-- A round: the delivery of one half year (and optionally the one before it) in a delivery window.
create table rounds (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  half_year text not null unique check (half_year ~ '^[0-9]{4}H[12]$'),
  previous_half_year text check (previous_half_year ~ '^[0-9]{4}H[12]$'),
  delivery_opens_at timestamptz not null,
  delivery_closes_at timestamptz not null,
  pilot_target_at timestamptz,
  withdrawal_opens_at timestamptz not null,
  withdrawal_closes_at timestamptz not null,
  spec_version text not null,
  created_at timestamptz not null default now(),
  constraint delivery_window_order check (delivery_closes_at > delivery_opens_at),
  constraint withdrawal_window_order check (withdrawal_closes_at > withdrawal_opens_at),
  constraint withdrawal_after_delivery check (withdrawal_opens_at >= delivery_closes_at),
  constraint pilot_target_in_window check (
    pilot_target_at is null or (pilot_target_at >= delivery_opens_at and pilot_target_at <= delivery_closes_at)
  )
);

create table round_participants (
  round_id uuid not null references rounds (id) on delete cascade,
  organisation_id uuid not null references organisations (id),
  is_pilot boolean not null default false,
  primary key (round_id, organisation_id)
);
create index round_participants_organisation on round_participants (organisation_id);

-- Users log in with eHerkenning; the identity is bound at first login (later issue).
create table users (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) > 0),
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  eherkenning_subject text unique,
  is_disabled boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index users_email on users (lower(email));

-- Organisation roles carry an organisation; portal staff roles (operator, cbs) never do.
create table user_roles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  organisation_id uuid references organisations (id),
  role text not null check (
    role in ('gebruikersbeheerder', 'aanleveraar', 'rapportontvanger', 'intrekker', 'operator', 'cbs')
  ),
  granted_at timestamptz not null default now(),
  constraint role_scope check (
    (role in ('operator', 'cbs')) = (organisation_id is null)
  )
);
create unique index user_roles_unique_org on user_roles (user_id, organisation_id, role) where organisation_id is not null;
create unique index user_roles_unique_staff on user_roles (user_id, role) where organisation_id is null;
create index user_roles_organisation on user_roles (organisation_id);
