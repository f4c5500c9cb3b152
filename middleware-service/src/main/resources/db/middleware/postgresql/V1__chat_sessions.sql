-- The original middleware's table. IF NOT EXISTS: a database the original wrote to keeps its rows, and V2 brings
-- them up to date.
CREATE TABLE IF NOT EXISTS chat_sessions (
    session_id   VARCHAR(255) PRIMARY KEY,
    api_key_hash VARCHAR(255) NOT NULL,
    chat_history TEXT         NOT NULL DEFAULT '[]',
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_chat_sessions_api_key_hash ON chat_sessions (api_key_hash);
