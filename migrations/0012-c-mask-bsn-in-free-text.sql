-- Free text people type (feedback, withdrawal reasons and CBS form notes and references, registration
-- notes) is stored with every BSN masked: any run of exactly nine digits that passes the elfproef
-- keeps its first five digits, the rest becomes ****. The services mask before they store (and
-- before they write an e-mail or audit entry, src/platform/privacy/bsn-runs.ts); these triggers make
-- it hold for every path that writes the tables.
create function mask_bsn_runs(input text) returns text
language plpgsql immutable strict as $$
declare
  run text;
  total integer;
  result text := input;
begin
  for run in
    select distinct m[1] from regexp_matches(input, '(?<![0-9])([0-9]{9})(?![0-9])', 'g') as m
  loop
    total := 0;
    for i in 1..8 loop
      total := total + (10 - i) * substr(run, i, 1)::integer;
    end loop;
    total := total - substr(run, 9, 1)::integer;
    if total % 11 = 0 and run <> '000000000' then
      result := regexp_replace(result, '(?<![0-9])' || run || '(?![0-9])', substr(run, 1, 5) || '****', 'g');
    end if;
  end loop;
  return result;
end;
$$;

create function feedback_mask_bsn() returns trigger
language plpgsql as $$
begin
  new.body := mask_bsn_runs(new.body);
  return new;
end;
$$;
create trigger pilot_feedback_mask_bsn before insert or update on pilot_feedback
  for each row execute function feedback_mask_bsn();

create function withdrawals_mask_bsn() returns trigger
language plpgsql as $$
begin
  new.reason := mask_bsn_runs(new.reason);
  new.form_reference := mask_bsn_runs(new.form_reference);
  return new;
end;
$$;
create trigger withdrawals_mask_bsn before insert or update on withdrawals
  for each row execute function withdrawals_mask_bsn();

create function registration_requests_mask_bsn() returns trigger
language plpgsql as $$
begin
  new.applicant_function := mask_bsn_runs(new.applicant_function);
  new.decision_note := mask_bsn_runs(new.decision_note);
  return new;
end;
$$;
create trigger registration_requests_mask_bsn before insert or update on registration_requests
  for each row execute function registration_requests_mask_bsn();

-- What was stored before this migration, masked once.
update pilot_feedback set body = mask_bsn_runs(body) where body ~ '[0-9]{9}';
update withdrawals set reason = mask_bsn_runs(reason), form_reference = mask_bsn_runs(form_reference)
  where reason ~ '[0-9]{9}' or form_reference ~ '[0-9]{9}';
update registration_requests
  set applicant_function = mask_bsn_runs(applicant_function), decision_note = mask_bsn_runs(decision_note)
  where applicant_function ~ '[0-9]{9}' or decision_note ~ '[0-9]{9}';
