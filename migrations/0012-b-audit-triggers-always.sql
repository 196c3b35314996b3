-- `set local session_replication_role = replica` switches off ordinary triggers for a session, so a
-- superuser could delete or change audit entries past the append-only triggers of 0007 without any
-- ALTER TABLE. Triggers enabled ALWAYS fire in every replication role. What remains possible for a
-- superuser or the table's owner (ALTER TABLE … DISABLE TRIGGER, DROP TRIGGER, writing the data
-- files) is described in docs/security.md; the hash chain and the head hash anchored outside the
-- database (`ggk audit verify --expect`) are what show it afterwards.
alter table audit_entries enable always trigger audit_entries_no_update_or_delete;
alter table audit_entries enable always trigger audit_entries_no_truncate;
