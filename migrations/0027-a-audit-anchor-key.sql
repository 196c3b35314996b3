-- The key that signs the daily audit anchor, kept wrapped by the master key like a file's data key.
-- It was derived from the master key, so `ggk keys rotate` changed it and statements signed before a
-- rotation no longer verified once the old key was destroyed. Kept here, `ggk keys rotate` re-wraps it
-- (the column names are those of delivery_files so the rotation treats it as one more wrap; the
-- "file id" is the wrap's purpose) and it stays the same key across rotations. One row. The first
-- key stored is the one derived from the master key then in use, so statements already mailed verify.
create table audit_anchor_key (
  id smallint primary key default 1 check (id = 1),
  stored_file_id text not null default 'audit-anchor:v1' check (stored_file_id = 'audit-anchor:v1'),
  wrapped_key text not null,
  created_at timestamptz not null default now()
);
