-- An API token acts with the authority of the person who made it. When that person is disabled,
-- deleted or leaves the organisation, their tokens in it are revoked; when they lose a role, their
-- tokens keep only the roles they could still hand out (a gebruikersbeheerder may hand out every
-- token role, anyone else only the roles they hold themselves; no role left: revoked). This lives in
-- the database so that every path that changes users or roles (portal, command line, servicedesk,
-- a hand-written statement) narrows the tokens in the same transaction. Tokens made on the command
-- line (created_by null) are the operator's and are not affected.
create function api_tokens_follow_maker(maker uuid, organisation uuid) returns void
language plpgsql as $$
declare
  maker_disabled boolean;
  held text[];
begin
  select u.is_disabled into maker_disabled from users u where u.id = maker;
  select coalesce(array_agg(r.role), '{}') into held
    from user_roles r where r.user_id = maker and r.organisation_id = organisation;
  if maker_disabled is distinct from false or cardinality(held) = 0 then
    update api_tokens set revoked_at = now()
      where created_by = maker and organisation_id = organisation and revoked_at is null;
    return;
  end if;
  if 'gebruikersbeheerder' = any (held) then
    return;
  end if;
  update api_tokens set revoked_at = now()
    where created_by = maker and organisation_id = organisation and revoked_at is null
      and not (roles && held);
  update api_tokens
    set roles = array(select x from unnest(roles) with ordinality as t (x, n) where x = any (held) order by n)
    where created_by = maker and organisation_id = organisation and revoked_at is null
      and not (roles <@ held);
end;
$$;

create function api_tokens_follow_role_change() returns trigger
language plpgsql as $$
begin
  if old.organisation_id is not null then
    perform api_tokens_follow_maker(old.user_id, old.organisation_id);
  end if;
  return null;
end;
$$;

create trigger user_roles_narrow_api_tokens
  after delete or update on user_roles
  for each row execute function api_tokens_follow_role_change();

create function api_tokens_follow_user() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    update api_tokens set revoked_at = now() where created_by = old.id and revoked_at is null;
    return old;
  end if;
  if new.is_disabled then
    update api_tokens set revoked_at = now() where created_by = new.id and revoked_at is null;
  end if;
  return new;
end;
$$;

create trigger users_revoke_api_tokens
  before delete or update of is_disabled on users
  for each row execute function api_tokens_follow_user();

-- Tokens that outlived their maker before this migration: the same rule, once.
update api_tokens t set revoked_at = now()
  from users u
  where u.id = t.created_by and u.is_disabled and t.revoked_at is null;
update api_tokens t set revoked_at = now()
  where t.created_by is not null and t.revoked_at is null
    and not exists (
      select 1 from user_roles r where r.user_id = t.created_by and r.organisation_id = t.organisation_id
    );
