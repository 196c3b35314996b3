-- The round monitor asks, for every delivery of the round, when its first "report ready" mail went
-- out (outbox rows keyed `report_ready:<delivery>:<user>`). A LIKE whose pattern is built from the
-- delivery's id cannot use the unique index on dedupe_key, so each delivery scanned the whole outbox:
-- deliveries × mails per monitor page (issue 21). This index finds a delivery's mails by its id.
create index outbox_report_ready_delivery on outbox ((split_part(dedupe_key, ':', 2)), sent_at)
  where dedupe_key like 'report_ready:%';
