-- Files stored for an upload whose delivery is not committed yet. The row is written before the file
-- gets its final name and removed in the transaction that registers the delivery; a row left behind
-- by a process that died names a file to remove (see recoverInterruptedUploads).
create table pending_uploads (
  stored_file_id text primary key,
  host text not null,
  pid integer not null,
  created_at timestamptz not null default now()
);
