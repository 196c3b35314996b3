-- Idempotent API uploads (issue 15): a client whose POST /api/v1/deliveries got no answer (the web
-- node died after storing) retries with the same Idempotency-Key and must get the first delivery's
-- receipt, not a second delivery. The rule lives here: one delivery per organisation and key. The key
-- is claimed in the transaction that registers the delivery, so concurrent requests with one key wait
-- on this primary key and all but the first find it taken; the fingerprint (SHA-256 of gemeente,
-- half year and the files' names and hashes) tells a true retry from a key reused for other content.
create table delivery_idempotency_keys (
  organisation_id uuid not null references organisations (id),
  idempotency_key text not null check (idempotency_key ~ '^[!-~]{1,255}$'),
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
  delivery_id uuid not null references deliveries (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (organisation_id, idempotency_key)
);
create index delivery_idempotency_keys_delivery on delivery_idempotency_keys (delivery_id);
