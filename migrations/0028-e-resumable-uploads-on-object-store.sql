-- Resumable (tus) uploads on the object store (GGK_STORAGE=s3, issue 19): any node continues an
-- upload another node started, without a shared GGK_DATA_DIR. The upload itself (who, which file,
-- how long, how far, its key wrapped by the master key) is a row here; its bytes are parts in the
-- object store, one encrypted object per received chunk (http/deliveries/object-upload-store.ts).
-- With GGK_STORAGE=file these tables stay empty: the temporary files stay in GGK_DATA_DIR/hervatbaar.
create table tus_uploads (
  id text primary key check (id ~ '^[0-9a-f]{32}$'),
  -- The wrap's purpose ("tus:<id>") under the column name of delivery_files, so `ggk keys rotate`
  -- re-wraps an upload's key like a file's (key-rotation.ts) and the old master key can go at once.
  stored_file_id text generated always as ('tus:' || id) stored,
  wrapped_key text not null,
  -- Null while the client has not said how long the file is (tus creation-defer-length).
  upload_length bigint check (upload_length >= 0),
  upload_offset bigint not null default 0 check (upload_offset >= 0),
  -- What ggk set on creation: filename, owner (user id), organisation (organisation id).
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  check (upload_length is null or upload_offset <= upload_length)
);
create index tus_uploads_created_at on tus_uploads (created_at);

-- One row per part object. No foreign key on purpose: a part outlives its upload (cancelled,
-- finished, expired, withdrawn) until its object has been removed from the store, so a crash between
-- the two leaves a row to finish the removal, never an object nobody knows.
create table tus_upload_parts (
  object_key text primary key check (object_key ~ '^[0-9a-f]{32}$'),
  upload_id text not null check (upload_id ~ '^[0-9a-f]{32}$'),
  start_offset bigint not null check (start_offset >= 0),
  -- Null while the part is being written; its plaintext length once it is committed.
  bytes bigint check (bytes > 0),
  created_at timestamptz not null default now()
);
create index tus_upload_parts_upload on tus_upload_parts (upload_id, start_offset);
create unique index tus_upload_parts_committed on tus_upload_parts (upload_id, start_offset)
  where bytes is not null;
