-- A database the original created may hold session ids as uuid; ours bind them as text, and a client may choose any
-- string as a session id, so the column is text everywhere.
DO $$
BEGIN
    IF (SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema()
          AND table_name = 'chat_sessions' AND column_name = 'session_id') = 'uuid' THEN
        ALTER TABLE chat_sessions ALTER COLUMN session_id TYPE VARCHAR(255) USING session_id::text;
    END IF;
END $$;
