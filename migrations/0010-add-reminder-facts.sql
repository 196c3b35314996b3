-- What a reminder was about, as facts (half year, file types, gemeente names, receipt number) next
-- to the Dutch subject line it was recorded with, so the servicedesk sees it in their own language.
-- Reminders recorded before this migration have no facts and keep showing their Dutch subject.
alter table reminders add column facts jsonb check (facts is null or jsonb_typeof(facts) = 'object');
