-- Per round, the CBS withdrawal form (issue 18): the days on which CBS accepts the paper form (the
-- regular route accepts forms "vanaf begin maart", before the portal's intrekkingsperiode opens),
-- and where the form is found and sent, so the withdrawal pages show the real link and address
-- instead of only naming the form. A round without a form window (all rounds made before this
-- migration) takes the days of its intrekkingsperiode, as before.
alter table rounds
  add column cbs_form_opens_on date,
  add column cbs_form_closes_on date,
  add column cbs_withdrawal_form_url text,
  add column cbs_withdrawal_form_email text,
  add constraint cbs_form_window_whole check ((cbs_form_opens_on is null) = (cbs_form_closes_on is null)),
  add constraint cbs_form_window_order check (cbs_form_closes_on >= cbs_form_opens_on),
  add constraint cbs_withdrawal_form_url_https check (
    cbs_withdrawal_form_url is null or cbs_withdrawal_form_url ~ '^https://[^[:space:]]+$'
  ),
  add constraint cbs_withdrawal_form_email_address check (
    cbs_withdrawal_form_email is null or cbs_withdrawal_form_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
  );

-- The reminder before the pilot target date (streefdatum), once per round and participant like the
-- reminder before the close.
alter table reminders drop constraint reminders_kind_check;
alter table reminders add constraint reminders_kind_check
  check (kind in ('window_closing', 'report_not_fetched', 'pilot_target'));
