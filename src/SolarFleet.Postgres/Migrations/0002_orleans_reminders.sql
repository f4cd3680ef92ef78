-- Orleans reminders for the ADO.NET reminder provider.
--
-- grain_hash is the grain's uniform hash as a signed 32-bit integer (the provider casts it); the provider
-- asks for ring ranges (begin, end] in that signed space and picks the wrapping query itself.
-- version is the reminder's etag: a fresh reminder starts at 0 and every re-registration bumps it.

CREATE TABLE orleans_reminders
(
    service_id    varchar(150) NOT NULL,
    grain_id      text         NOT NULL,
    reminder_name text         NOT NULL,
    start_time    timestamptz  NOT NULL,
    period        bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

-- The columns the provider reads back, under the names it reads them by.
CREATE VIEW orleans_reminder_rows AS
SELECT service_id    AS "ServiceId",
       grain_hash    AS "GrainHash",
       grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period        AS "Period",
       version       AS "Version"
FROM orleans_reminders;

INSERT INTO orleansquery (querykey, querytext)
VALUES ('ReadReminderRowsKey',
        'SELECT * FROM orleans_reminder_rows WHERE "ServiceId" = @ServiceId AND "GrainId" = @GrainId'),
       ('ReadReminderRowKey',
        'SELECT * FROM orleans_reminder_rows
         WHERE "ServiceId" = @ServiceId AND "GrainId" = @GrainId AND "ReminderName" = @ReminderName'),
       ('ReadRangeRows1Key',
        'SELECT * FROM orleans_reminder_rows
         WHERE "ServiceId" = @ServiceId AND "GrainHash" > @BeginHash AND "GrainHash" <= @EndHash'),
       ('ReadRangeRows2Key',
        'SELECT * FROM orleans_reminder_rows
         WHERE "ServiceId" = @ServiceId AND ("GrainHash" > @BeginHash OR "GrainHash" <= @EndHash)'),
       ('UpsertReminderRowKey',
        'INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
         VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
         ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
             SET start_time = EXCLUDED.start_time,
                 period     = EXCLUDED.period,
                 grain_hash = EXCLUDED.grain_hash,
                 version    = r.version + 1
         RETURNING version AS "Version"'),
       ('DeleteReminderRowKey',
        'WITH removed AS (
             DELETE FROM orleans_reminders
             WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
               AND version = @Version
             RETURNING 1)
         SELECT EXISTS (SELECT 1 FROM removed)'),
       ('DeleteReminderRowsKey',
        'DELETE FROM orleans_reminders WHERE service_id = @ServiceId');
