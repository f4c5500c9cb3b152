-- Rows the original wrote may hold the history as json and the times as text; ours are text and timestamps.
DO $$
DECLARE
    kind TEXT;
    time_column TEXT;
BEGIN
    SELECT data_type INTO kind FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'chat_sessions' AND column_name = 'chat_history';
    IF kind IN ('json', 'jsonb') THEN
        ALTER TABLE chat_sessions ALTER COLUMN chat_history TYPE TEXT USING chat_history::text;
    END IF;
    UPDATE chat_sessions SET chat_history = '[]' WHERE chat_history IS NULL OR chat_history = '' OR chat_history = 'null';
    FOREACH time_column IN ARRAY ARRAY['created_at', 'updated_at'] LOOP
        SELECT data_type INTO kind FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'chat_sessions' AND column_name = time_column;
        IF kind IN ('text', 'character varying') THEN
            EXECUTE format('ALTER TABLE chat_sessions ALTER COLUMN %I DROP DEFAULT', time_column);
            EXECUTE format('ALTER TABLE chat_sessions ALTER COLUMN %1$I TYPE TIMESTAMP WITH TIME ZONE'
                || ' USING COALESCE(NULLIF(%1$I, '''')::timestamptz, CURRENT_TIMESTAMP)', time_column);
        END IF;
    END LOOP;
END $$;

UPDATE chat_sessions SET created_at = CURRENT_TIMESTAMP WHERE created_at IS NULL;
UPDATE chat_sessions SET updated_at = created_at WHERE updated_at IS NULL;
ALTER TABLE chat_sessions ALTER COLUMN chat_history SET DEFAULT '[]';
ALTER TABLE chat_sessions ALTER COLUMN chat_history SET NOT NULL;
ALTER TABLE chat_sessions ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE chat_sessions ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE chat_sessions ALTER COLUMN updated_at SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE chat_sessions ALTER COLUMN updated_at SET NOT NULL;

-- The user the creating key belongs to: a session follows its user across the user's keys.
ALTER TABLE chat_sessions ADD COLUMN IF NOT EXISTS user_id VARCHAR(255);
-- Bumped by every write, so that a write never replaces a turn it did not read.
ALTER TABLE chat_sessions ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS idx_chat_sessions_user_id ON chat_sessions (user_id);
-- idx_chat_sessions_api_key_hash is V1's: this script created it again, which PostgreSQL skips with a notice that
-- Flyway logs as a warning on every new database. Databases that ran that text are moved to this one's checksum by
-- beforeValidate.sql.
