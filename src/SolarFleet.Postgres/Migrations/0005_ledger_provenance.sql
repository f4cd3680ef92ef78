-- How each ledger day was measured, and what was set aside on the way (billing tools decide what to invoice by it).
--
-- epoch grows when a day was deliberately started again (its Pi turned out to be a different inverter, or a
-- restart was taken back): a row of a later epoch replaces the stored one whole; within an epoch rows merge and
-- never lose energy. energy_wh = powertoday_wh + bridged_wh. Rows written before this version were measured from
-- PowerToday (or, without it, from PowerTotal); they count as PowerToday.
ALTER TABLE solarfleet.daily_ledger
    ADD COLUMN epoch        integer NOT NULL DEFAULT 0 CHECK (epoch >= 0),
    ADD COLUMN powertoday_wh bigint NOT NULL DEFAULT 0 CHECK (powertoday_wh >= 0),
    ADD COLUMN bridged_wh    bigint NOT NULL DEFAULT 0 CHECK (bridged_wh >= 0),
    ADD COLUMN set_aside_wh  bigint NOT NULL DEFAULT 0 CHECK (set_aside_wh >= 0),
    ADD COLUMN restarts      integer NOT NULL DEFAULT 0 CHECK (restarts >= 0),
    ADD COLUMN audit         jsonb;

UPDATE solarfleet.daily_ledger SET powertoday_wh = energy_wh;
