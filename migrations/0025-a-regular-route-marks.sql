-- "Geleverd via de reguliere route" (0013-a): the note is free text people type, stored with every
-- BSN masked like the other free text (0012-c, 0020-a); a mark may also come from CBS's channel (an
-- API token instead of a user).
alter table regular_route_deliveries add column api_token_id uuid references api_tokens (id) on delete set null;

create function regular_route_mask_bsn() returns trigger
language plpgsql as $$
begin
  new.note := mask_bsn_runs(new.note);
  return new;
end;
$$;
create trigger regular_route_deliveries_mask_bsn before insert or update on regular_route_deliveries
  for each row execute function regular_route_mask_bsn();

update regular_route_deliveries set note = mask_bsn_runs(note) where note ~ '[0-9]{9}';
