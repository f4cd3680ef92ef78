-- Alerts and the webhook outbox. Ids and names use the "C" collation so that ordering is ordinal, as in memory.

-- One row per alert from raise to resolve. kind and severity are the camelCase names the API shows
-- ("darkInDaylight", "critical"). figures: the numbers behind the alert, a JSON object of name to number.
-- A raise inserts the row; a resolution sets resolved_at and figures once; acknowledged_* are set once.
CREATE TABLE solarfleet.alerts
(
    id              text COLLATE "C" NOT NULL PRIMARY KEY CHECK (id <> ''),
    kind            text COLLATE "C" NOT NULL,
    severity        text COLLATE "C" NOT NULL,
    site_id         text COLLATE "C" NOT NULL CHECK (site_id <> ''),
    inverter_id     text COLLATE "C" NOT NULL CHECK (inverter_id <> ''),
    raised_at       timestamptz      NOT NULL,
    resolved_at     timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by text,
    summary         text             NOT NULL,
    detail          text             NOT NULL,
    figures         jsonb            NOT NULL
);

-- Lists are newest raised first, paged by (raised_at, id): every index ends in that order so that a page is a range
-- scan from its cursor. All alerts, and one site's history:
CREATE INDEX alerts_by_raised ON solarfleet.alerts (raised_at DESC, id DESC);
CREATE INDEX alerts_by_site ON solarfleet.alerts (site_id, raised_at DESC, id DESC);

-- Open alerts (the common question) by site, kind and severity; small, since alerts resolve.
CREATE INDEX alerts_open ON solarfleet.alerts (raised_at DESC, id DESC) WHERE resolved_at IS NULL;
CREATE INDEX alerts_open_by_site ON solarfleet.alerts (site_id, raised_at DESC, id DESC) WHERE resolved_at IS NULL;
CREATE INDEX alerts_open_by_kind ON solarfleet.alerts (kind, raised_at DESC, id DESC) WHERE resolved_at IS NULL;
CREATE INDEX alerts_open_by_severity ON solarfleet.alerts (severity, raised_at DESC, id DESC) WHERE resolved_at IS NULL;

-- One delivery per webhook (by its configured name) and alert transition, written in the transaction that records
-- the transition. alert is the alert as it stood at the transition: what is sent. due_at is when it may next be
-- leased: its next attempt, or while a silo holds it, the end of that lease (so a crashed silo's lease runs out).
-- attempts counts leases, and tells a lease from a later one.
CREATE TABLE solarfleet.webhook_deliveries
(
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook      text COLLATE "C" NOT NULL CHECK (webhook <> ''),
    alert_id     text COLLATE "C" NOT NULL REFERENCES solarfleet.alerts (id),
    transition   text COLLATE "C" NOT NULL CHECK (transition IN ('raised', 'resolved')),
    alert        jsonb            NOT NULL,
    state        text COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'gave_up')),
    attempts     integer          NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at   timestamptz      NOT NULL,
    due_at       timestamptz      NOT NULL,
    delivered_at timestamptz,
    last_error   text,
    UNIQUE (webhook, alert_id, transition)
);

-- Leasing takes the pending deliveries due first; the backlog counts them.
CREATE INDEX webhook_deliveries_due ON solarfleet.webhook_deliveries (due_at, id) WHERE state = 'pending';
