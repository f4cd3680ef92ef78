-- Orleans cluster membership for the ADO.NET clustering provider (invariant "Npgsql").
--
-- The providers load their SQL at start-up from a table they name without quotes (OrleansQuery, columns
-- QueryKey and QueryText), so it lives in the default search path and folds to lower case.
-- Every query binds @Name parameters and reads result columns by name; the aliases below spell the names
-- the providers look for.

CREATE TABLE orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

-- One row per cluster (deployment). Its version is the membership table's optimistic-concurrency etag:
-- every insert or update of a silo row must present the version it read and bumps it by one.
CREATE TABLE orleans_membership_version
(
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership
(
    deployment_id   varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- The version row always comes back (the provider takes the table version from the first row); silo columns
-- are null when no silo matches. A null address reads every silo of the deployment.
CREATE FUNCTION orleans_membership_read(p_deployment_id text, p_address text, p_port integer, p_generation integer)
    RETURNS TABLE
            (
                "Version"      integer,
                "Address"      varchar,
                "Port"         integer,
                "Generation"   integer,
                "SiloName"     varchar,
                "HostName"     varchar,
                "Status"       integer,
                "ProxyPort"    integer,
                "SuspectTimes" text,
                "StartTime"    timestamptz,
                "IAmAliveTime" timestamptz
            )
    LANGUAGE sql
    STABLE
AS
$$
SELECT v.version, m.address, m.port, m.generation, m.silo_name, m.host_name, m.status, m.proxy_port,
       m.suspect_times, m.start_time, m.i_am_alive_time
FROM orleans_membership_version v
         LEFT JOIN orleans_membership m
                   ON m.deployment_id = v.deployment_id
                       AND (p_address IS NULL OR (m.address = p_address AND m.port = p_port AND m.generation = p_generation))
WHERE v.deployment_id = p_deployment_id
ORDER BY m.address, m.port, m.generation;
$$;

-- Claims the next table version if the caller still holds the current one. Raises no error when it does not:
-- returns false so the membership protocol re-reads and retries.
CREATE FUNCTION orleans_membership_claim_version(p_deployment_id text, p_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS
$$
BEGIN
    UPDATE orleans_membership_version
    SET version    = version + 1,
        changed_at = now()
    WHERE deployment_id = p_deployment_id
      AND version = p_version;
    RETURN FOUND;
END;
$$;

-- Inserting a silo row and bumping the version succeed or fail together.
CREATE FUNCTION orleans_membership_insert(p_deployment_id text, p_address text, p_port integer,
                                          p_generation integer, p_silo_name text, p_host_name text,
                                          p_status integer, p_proxy_port integer, p_start_time timestamptz,
                                          p_i_am_alive_time timestamptz, p_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS
$$
BEGIN
    IF NOT orleans_membership_claim_version(p_deployment_id, p_version) THEN
        RETURN false;
    END IF;
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
            p_start_time, p_i_am_alive_time);
    RETURN true;
EXCEPTION
    -- The silo row exists already: undo the version bump with the rest of this block.
    WHEN unique_violation THEN RETURN false;
END;
$$;

CREATE FUNCTION orleans_membership_update(p_deployment_id text, p_address text, p_port integer,
                                          p_generation integer, p_status integer, p_suspect_times text,
                                          p_i_am_alive_time timestamptz, p_version integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS
$$
BEGIN
    IF NOT orleans_membership_claim_version(p_deployment_id, p_version) THEN
        RETURN false;
    END IF;
    UPDATE orleans_membership
    SET status          = p_status,
        suspect_times   = p_suspect_times,
        i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment_id
      AND address = p_address
      AND port = p_port
      AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'no_data_found';
    END IF;
    RETURN true;
EXCEPTION
    -- No such silo row: undo the version bump with the rest of this block.
    WHEN no_data_found THEN RETURN false;
END;
$$;

INSERT INTO orleansquery (querykey, querytext)
VALUES ('InsertMembershipVersionKey',
        'WITH created AS (
             INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
             ON CONFLICT (deployment_id) DO NOTHING
             RETURNING deployment_id)
         SELECT EXISTS (SELECT 1 FROM created)'),
       ('MembershipReadRowKey',
        'SELECT * FROM orleans_membership_read(@DeploymentId, @Address, @Port, @Generation)'),
       ('MembershipReadAllKey',
        'SELECT * FROM orleans_membership_read(@DeploymentId, NULL, NULL, NULL)'),
       ('InsertMembershipKey',
        'SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                          @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)'),
       ('UpdateMembershipKey',
        'SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                          @IAmAliveTime, @Version)'),
       ('UpdateIAmAlivetimeKey',
        'UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
         WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation'),
       ('GatewaysQueryKey',
        'SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
         FROM orleans_membership
         WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0'),
       ('DeleteMembershipTableEntriesKey',
        'DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId'),
       -- Only silos already declared dead (status 6) whose last heartbeat is older than the cut-off.
       ('CleanupDefunctSiloEntriesKey',
        'DELETE FROM orleans_membership
         WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime');
