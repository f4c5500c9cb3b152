-- A Flyway callback, run before the applied migrations are checked against these scripts (not a migration: it has
-- no version and no history row). V2 once also created V1's index idx_chat_sessions_api_key_hash again, a no-op that
-- PostgreSQL reported with a notice; a database that ran that text (checksum 1363055565) ran what V2 does now, so its
-- history row takes the checksum of the text without it (-1233729814) instead of failing the validation.
DO $$
BEGIN
    IF to_regclass('middleware_schema_history') IS NOT NULL THEN
        UPDATE middleware_schema_history SET checksum = -1233729814 WHERE version = '2' AND checksum = 1363055565;
    END IF;
END $$;
