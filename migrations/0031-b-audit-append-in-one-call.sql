-- One append to the audit trail in one call (issue 21). The trail's advisory lock is held from the
-- moment an append takes it until its transaction commits; taken from the application it was held
-- over three round trips (lock, read the chain's head, insert) and the commit, and every upload and
-- every check records an entry, so in the closing-day surge most of the database's sessions waited on
-- this lock (bench:surge, pg_stat_activity) while the holder waited for its busy process to send the
-- next statement. Here the lock, the head and the insert are one statement of the caller's
-- transaction: the lock is held for that call's answer and the commit.
--
-- The hash is the one of src/modules/audit/audit-hash.ts: SHA-256 (hex) over the canonical content,
-- which the application gives as three pieces around the two values only the chain knows (the new
-- seq and the previous hash): prefix || seq || middle || previous_hash || suffix. `ggk audit verify`
-- recomputes every hash in the application, so a difference shows there.
--
-- Each statement of a volatile function reads with a new snapshot (READ COMMITTED), so the head is
-- read after the lock is granted and sees the previous holder's committed entry.
create function audit_append(
  p_id uuid,
  p_recorded_at timestamptz,
  p_actor_kind text,
  p_actor_user_id uuid,
  p_actor_token_id uuid,
  p_organisation_id uuid,
  p_action text,
  p_subject_ids text[],
  p_details jsonb,
  p_content_prefix text,
  p_content_middle text,
  p_content_suffix text
) returns table (seq bigint, hash text)
language plpgsql volatile
as $$
declare
  v_seq bigint;
  v_previous text;
  v_hash text;
begin
  -- The trail's one lock key (0x67676b_a0d17); held until the caller's transaction ends.
  perform pg_advisory_xact_lock(7105867812119);
  select e.seq, e.hash into v_seq, v_previous from audit_entries e order by e.seq desc limit 1;
  v_seq := coalesce(v_seq, 0) + 1;
  v_previous := coalesce(v_previous, repeat('0', 64));
  v_hash := encode(
    sha256(convert_to(p_content_prefix || v_seq::text || p_content_middle || v_previous || p_content_suffix, 'UTF8')),
    'hex'
  );
  insert into audit_entries (
    seq, id, recorded_at, actor_kind, actor_user_id, actor_token_id, organisation_id, action,
    subject_ids, details, previous_hash, hash
  ) values (
    v_seq, p_id, p_recorded_at, p_actor_kind, p_actor_user_id, p_actor_token_id, p_organisation_id,
    p_action, p_subject_ids, p_details, v_previous, v_hash
  );
  return query select v_seq, v_hash;
end
$$;
