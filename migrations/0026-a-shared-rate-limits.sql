-- Rate-limit counters shared by every web node (issue 19): one row per budget (limit and key), counted
-- by an atomic upsert, so N nodes behind a load balancer give a client one budget, not N. The window
-- is fixed: it starts at the first request and the count restarts once resets_at has passed.
-- UNLOGGED: no WAL for a row that changes on every request; a database crash empties the table,
-- which only hands every client a fresh budget. Expired rows are deleted by the nodes now and then.
create unlogged table rate_limit_counters (
  key text primary key,
  hits integer not null,
  resets_at timestamptz not null
) with (fillfactor = 70);
