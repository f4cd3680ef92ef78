-- SolarFleet's own energy history. Identifiers use the "C" collation so that ordering is ordinal, the same as
-- in the grains, and so that ordered reads walk the primary key.

-- One row per inverter and site-local date: the billed energy and how much of the day was observed.
-- energy_wh only ever grows (the writer takes the greater of stored and incoming), so a replayed batch
-- never lowers or double-counts it.
CREATE TABLE solarfleet.daily_ledger
(
    site_id          text COLLATE "C" NOT NULL CHECK (site_id <> ''),
    inverter_id      text COLLATE "C" NOT NULL CHECK (inverter_id <> ''),
    date             date             NOT NULL,
    energy_wh        bigint           NOT NULL CHECK (energy_wh >= 0),
    lifetime_end_kwh double precision,
    coverage         double precision NOT NULL CHECK (coverage >= 0 AND coverage <= 1),
    complete         boolean          NOT NULL,
    anomalies        integer          NOT NULL CHECK (anomalies >= 0),
    last_anomaly     text,
    updated_at       timestamptz      NOT NULL,
    PRIMARY KEY (site_id, inverter_id, date)
);

-- Fleet-wide reports select by date alone.
CREATE INDEX daily_ledger_by_date ON solarfleet.daily_ledger (date);

-- Raw decoded readings, kept for a retention period. "timestamp" is the Pi's own clock: site-local, no zone.
-- The key makes a replayed batch insert nothing new.
CREATE TABLE solarfleet.readings
(
    site_id         text COLLATE "C" NOT NULL,
    inverter_id     text COLLATE "C" NOT NULL,
    polled_at       timestamptz      NOT NULL,
    "timestamp"     timestamp,
    power_w         integer,
    energy_today_wh bigint,
    lifetime_kwh    double precision,
    status_code     integer,
    grid_v          double precision,
    grid_hz         double precision,
    uptime_s        bigint,
    PRIMARY KEY (site_id, inverter_id, polled_at)
);

-- Retention deletes the oldest readings first, in batches.
CREATE INDEX readings_by_polled_at ON solarfleet.readings (polled_at);
