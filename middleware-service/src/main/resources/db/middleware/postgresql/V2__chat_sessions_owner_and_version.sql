-- Rows the original wrote may hold the history as json and the times as text; ours are text and timestamps.
DO $$
DECLARE
    kind TEXT;
BEGIN
    SELECT data_type INTO kind FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'chat_sessions' AND column_name = 'chat_history';
    IF kind IN ('json', 'jsonb') THEN
        ALTER TABLE chat_sessions ALTER COLUMN chat_history TYPE TEXT USING chat_history::text;
    END IF;
    UPDATE chat_sessions SET chat_history = '[]' WHERE chat_history IS NULL OR chat_history = '' OR chat_history = 'null';
    SELECT data_type INTO kind FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'chat_sessions' AND column_name = 'created_at';
    IF kind IN ('text', 'character varying') THEN
        ALTER TABLE chat_sessions ALTER COLUMN created_at DROP DEFAULT;
        ALTER TABLE chat_sessions ALTER COLUMN created_at TYPE TIMESTAMP WITH TIME ZONE
            USING COALESCE(NULLIF(created_at, '')::timestamptz, CURRENT_TIMESTAMP);
    END IF;
    SELECT data_type INTO kind FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'chat_sessions' AND column_name = 'updated_at';
    IF kind IN ('text', 'character varying') THEN
        ALTER TABLE chat_sessions ALTER COLUMN updated_at DROP DEFAULT;
        ALTER TABLE chat_sessions ALTER COLUMN updated_at TYPE TIMESTAMP WITH TIME ZONE
            USING COALESCE(NULLIF(updated_at, '')::timestamptz, CURRENT_TIMESTAMP);
    END IF;
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
CREATE INDEX IF NOT EXISTS idx_chat_sessions_api_key_hash ON chat_sessions (api_key_hash);
CREATE INDEX IF NOT EXISTS idx_chat_sessions_user_id ON chat_sessions (user_id);
