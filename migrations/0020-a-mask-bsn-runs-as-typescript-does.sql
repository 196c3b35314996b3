-- mask_bsn_runs (0012-c) follows the one rule of src/platform/privacy/bsn-runs.ts (maskBsnRuns), so
-- the services, which mask before they store, and these triggers, which mask whatever is written,
-- give the same text: a hexadecimal token of 32 characters or more (a SHA-256, a key id) is left
-- alone; elsewhere every run of exactly nine digits that passes the elfproef keeps its first five
-- digits, the rest becomes ****. The 0012-c version also masked digit runs inside such tokens.
--
-- The text is cut into maximal hexadecimal and other runs: a hexadecimal run of 32 or more is one
-- token (left alone), in a shorter one each maximal digit run of nine is a candidate. That is what the
-- TypeScript expression /[0-9a-f]{32,}|(?<![0-9])[0-9]{9}(?![0-9])/gi finds, scanning left to right.
create function bsn_passes_elfproef(digits text) returns boolean
language sql immutable strict as $$
  select case
    when digits ~ '^[0-9]{9}$' and digits <> '000000000' then
      ((select sum((10 - i) * substr(digits, i, 1)::integer) from generate_series(1, 8) as i)
        - substr(digits, 9, 1)::integer) % 11 = 0
    else false
  end
$$;

create or replace function mask_bsn_runs(input text) returns text
language sql immutable strict as $$
  select coalesce(string_agg(
    case
      when length(t.token[1]) >= 32 or t.token[1] !~ '[0-9]{9}' then t.token[1]
      else (
        select string_agg(
          case
            when length(p.part[1]) = 9 and bsn_passes_elfproef(p.part[1])
              then substr(p.part[1], 1, 5) || '****'
            else p.part[1]
          end, '' order by p.n)
        from regexp_matches(t.token[1], '[0-9]+|[^0-9]+', 'g') with ordinality as p (part, n))
    end, '' order by t.n), '')
  from regexp_matches(input, '[0-9a-fA-F]+|[^0-9a-fA-F]+', 'g') with ordinality as t (token, n)
$$;
