-- One row per LLM call, written after the response in batches (LiteLLM's LiteLLM_SpendLogs, shared/spec/admin-api.md
-- §5.1). request_id is the call's x-litellm-call-id; api_key is the key's SHA-256, never the key.
CREATE TABLE spend_logs (
	request_id VARCHAR(128) PRIMARY KEY,
	call_type VARCHAR(64) NOT NULL,
	status VARCHAR(16) NOT NULL,
	api_key VARCHAR(64),
	user_id VARCHAR(255),
	team_id VARCHAR(255),
	end_user VARCHAR(255),
	spend DOUBLE PRECISION NOT NULL,
	prompt_tokens BIGINT NOT NULL,
	completion_tokens BIGINT NOT NULL,
	total_tokens BIGINT NOT NULL,
	start_time TIMESTAMP WITH TIME ZONE NOT NULL,
	end_time TIMESTAMP WITH TIME ZONE NOT NULL,
	model VARCHAR(255),
	model_id VARCHAR(255),
	model_group VARCHAR(255),
	custom_llm_provider VARCHAR(64),
	api_base VARCHAR(1024),
	metadata TEXT NOT NULL
);
CREATE INDEX spend_logs_api_key ON spend_logs (api_key);
CREATE INDEX spend_logs_user ON spend_logs (user_id);
CREATE INDEX spend_logs_start ON spend_logs (start_time);
