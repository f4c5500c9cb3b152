-- The embedded database is always new: the table in its final shape (see ../postgresql for the original's).
CREATE TABLE IF NOT EXISTS chat_sessions (
    session_id   VARCHAR(255) PRIMARY KEY,
    api_key_hash VARCHAR(255) NOT NULL,
    chat_history TEXT         NOT NULL DEFAULT '[]',
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    user_id      VARCHAR(255),
    version      BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS idx_chat_sessions_api_key_hash ON chat_sessions (api_key_hash);
CREATE INDEX IF NOT EXISTS idx_chat_sessions_user_id ON chat_sessions (user_id);
