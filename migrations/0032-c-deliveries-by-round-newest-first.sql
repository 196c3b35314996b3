-- The staff's "Aanleveringen" page lists a round's deliveries newest first, 50 at a time
-- (searchDeliveries: where round_id = ... order by received_at desc, id limit 50). With only
-- (round_id, state) to go by, every view read and sorted all of the round's deliveries (1,502 after the
-- closing-day surge) to show 50 (issue 21). In this order the first 50 are read from the index.
create index deliveries_round_received on deliveries (round_id, received_at desc, id);
