-- Orleans grain state for the ADO.NET grain storage provider.
--
-- The provider identifies a grain by two 32-bit hashes (of the grain id and of the grain type), the id's two
-- 64-bit halves (zero for string keys), the type name and the key string or extension (null when there is
-- none). The hashes make the lookup index narrow; the full identity decides the match.
-- version is the state's etag: null in the provider means "no record", a write must present the version it
-- read, and each successful write or clear returns the next one. A stale version gets no row (or null) back,
-- which the provider reports as an InconsistentStateException.

CREATE TABLE orleans_storage
(
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id         varchar(150) NOT NULL,
    grain_id_hash      integer      NOT NULL,
    grain_type_hash    integer      NOT NULL,
    grain_id_n0        bigint       NOT NULL,
    grain_id_n1        bigint       NOT NULL,
    grain_type         text         NOT NULL,
    grain_id_extension text,
    payload            bytea,
    version            integer      NOT NULL,
    modified_at        timestamptz  NOT NULL DEFAULT now()
);

-- One row per grain identity. A null extension and an empty one are different keys, hence the extra term.
CREATE UNIQUE INDEX orleans_storage_identity ON orleans_storage (service_id, grain_id_hash, grain_type_hash,
                                                                 grain_id_n0, grain_id_n1, grain_type,
                                                                 (grain_id_extension IS NULL),
                                                                 coalesce(grain_id_extension, ''));

CREATE FUNCTION orleans_storage_row_id(p_service_id text, p_grain_id_hash integer, p_grain_type_hash integer,
                                       p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type text,
                                       p_grain_id_extension text)
    RETURNS bigint
    LANGUAGE sql
    STABLE
AS
$$
SELECT id
FROM orleans_storage
WHERE service_id = p_service_id
  AND grain_id_hash = p_grain_id_hash
  AND grain_type_hash = p_grain_type_hash
  AND grain_id_n0 = p_grain_id_n0
  AND grain_id_n1 = p_grain_id_n1
  AND grain_type = p_grain_type
  AND grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension;
$$;

-- Returns the new version, or null when the caller's version is stale (or it expected no record and one exists).
CREATE FUNCTION orleans_storage_write(p_service_id text, p_grain_id_hash integer, p_grain_type_hash integer,
                                      p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type text,
                                      p_grain_id_extension text, p_version integer, p_payload bytea)
    RETURNS integer
    LANGUAGE plpgsql
AS
$$
DECLARE
    new_version integer;
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO orleans_storage (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
                                     grain_type, grain_id_extension, payload, version)
        VALUES (p_service_id, p_grain_id_hash, p_grain_type_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type,
                p_grain_id_extension, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO new_version;
    ELSE
        UPDATE orleans_storage
        SET payload     = p_payload,
            version     = version + 1,
            modified_at = now()
        WHERE id = orleans_storage_row_id(p_service_id, p_grain_id_hash, p_grain_type_hash, p_grain_id_n0,
                                          p_grain_id_n1, p_grain_type, p_grain_id_extension)
          AND version = p_version
        RETURNING version INTO new_version;
    END IF;
    RETURN new_version;
END;
$$;

INSERT INTO orleansquery (querykey, querytext)
VALUES ('ReadFromStorageKey',
        'SELECT payload AS "PayloadBinary", version AS "Version"
         FROM orleans_storage
         WHERE id = orleans_storage_row_id(@ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1,
                                           @GrainTypeString, @GrainIdExtensionString)'),
       ('WriteToStorageKey',
        'SELECT orleans_storage_write(@ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1,
                                      @GrainTypeString, @GrainIdExtensionString, @GrainStateVersion,
                                      @PayloadBinary) AS "NewGrainStateVersion"'),
       -- Keeps the row (payload gone, version bumped) so a later write still needs the current etag.
       ('ClearStorageKey',
        'UPDATE orleans_storage SET payload = NULL, version = version + 1, modified_at = now()
         WHERE id = orleans_storage_row_id(@ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1,
                                           @GrainTypeString, @GrainIdExtensionString)
           AND version = @GrainStateVersion
         RETURNING version'),
       -- Removes the row; the provider expects the version after the one deleted as proof of success.
       ('DeleteStorageKey',
        'DELETE FROM orleans_storage
         WHERE id = orleans_storage_row_id(@ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1,
                                           @GrainTypeString, @GrainIdExtensionString)
           AND version = @GrainStateVersion
         RETURNING version + 1');
