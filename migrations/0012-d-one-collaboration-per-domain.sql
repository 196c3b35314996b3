-- A gemeente is a member of at most one samenwerkingsverband per domain at any time: two
-- collaborations delivering Jeugd for the same gemeente and half year cannot both be right. Until now
-- only overlaps within one collaboration were refused (by the service); this makes it a rule of the
-- database, across collaborations, for every path that writes memberships.
create extension if not exists btree_gist;

-- Memberships that already overlap another collaboration's for the same gemeente and domain (the
-- demo data had Sittard-Geleen, Beek, Schinnen and Stein in two Jeugd collaborations): the earlier
-- recorded membership stays, the later one goes, each named in a notice.
do $$
declare
  r record;
begin
  for r in
    select later.id, g.name as gemeente, c.name as collaboration, later.domain
    from collaboration_members later
    join collaboration_members earlier
      on earlier.gemeente_id = later.gemeente_id
     and earlier.domain = later.domain
     and earlier.id <> later.id
     and (earlier.created_at, earlier.id) < (later.created_at, later.id)
     and daterange(earlier.valid_from, earlier.valid_to, '[]') && daterange(later.valid_from, later.valid_to, '[]')
    join organisations g on g.id = later.gemeente_id
    join organisations c on c.id = later.collaboration_id
  loop
    raise notice 'lidmaatschap verwijderd: % bij % (%), overlapt een eerder lidmaatschap', r.gemeente, r.collaboration, r.domain;
    delete from collaboration_members where id = r.id;
  end loop;
end;
$$;

alter table collaboration_members add constraint one_collaboration_per_domain
  exclude using gist (
    gemeente_id with =,
    domain with =,
    daterange(valid_from, valid_to, '[]') with &&
  );
