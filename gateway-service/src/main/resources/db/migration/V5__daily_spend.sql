-- LiteLLM's daily activity (its LiteLLM_DailyUserSpend, LiteLLM_DailyTeamSpend and LiteLLM_DailyEndUserSpend): per UTC
-- day, who (a user, a team, an end user), key, model and provider, the calls' tokens, spend and request counts, added
-- to by the spend writer in the same transaction as the spend-log rows, so that usage pages read a few rows per day
-- instead of every call. api_key is the key's SHA-256; an absent user, key, model or provider is '' rather than NULL,
-- so that each combination has exactly one row (a unique index would let rows with NULLs repeat).
CREATE TABLE daily_user_spend (
	id VARCHAR(36) PRIMARY KEY,
	user_id VARCHAR(255) NOT NULL,
	date VARCHAR(10) NOT NULL,
	api_key VARCHAR(64) NOT NULL,
	model VARCHAR(255) NOT NULL,
	model_group VARCHAR(255),
	custom_llm_provider VARCHAR(64) NOT NULL,
	prompt_tokens BIGINT NOT NULL DEFAULT 0,
	completion_tokens BIGINT NOT NULL DEFAULT 0,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	api_requests BIGINT NOT NULL DEFAULT 0,
	successful_requests BIGINT NOT NULL DEFAULT 0,
	failed_requests BIGINT NOT NULL DEFAULT 0,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX daily_user_spend_row ON daily_user_spend (user_id, date, api_key, model, custom_llm_provider);
CREATE INDEX daily_user_spend_date ON daily_user_spend (date);

CREATE TABLE daily_team_spend (
	id VARCHAR(36) PRIMARY KEY,
	team_id VARCHAR(255) NOT NULL,
	date VARCHAR(10) NOT NULL,
	api_key VARCHAR(64) NOT NULL,
	model VARCHAR(255) NOT NULL,
	model_group VARCHAR(255),
	custom_llm_provider VARCHAR(64) NOT NULL,
	prompt_tokens BIGINT NOT NULL DEFAULT 0,
	completion_tokens BIGINT NOT NULL DEFAULT 0,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	api_requests BIGINT NOT NULL DEFAULT 0,
	successful_requests BIGINT NOT NULL DEFAULT 0,
	failed_requests BIGINT NOT NULL DEFAULT 0,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX daily_team_spend_row ON daily_team_spend (team_id, date, api_key, model, custom_llm_provider);
CREATE INDEX daily_team_spend_date ON daily_team_spend (date);

CREATE TABLE daily_end_user_spend (
	id VARCHAR(36) PRIMARY KEY,
	end_user_id VARCHAR(255) NOT NULL,
	date VARCHAR(10) NOT NULL,
	api_key VARCHAR(64) NOT NULL,
	model VARCHAR(255) NOT NULL,
	model_group VARCHAR(255),
	custom_llm_provider VARCHAR(64) NOT NULL,
	prompt_tokens BIGINT NOT NULL DEFAULT 0,
	completion_tokens BIGINT NOT NULL DEFAULT 0,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	api_requests BIGINT NOT NULL DEFAULT 0,
	successful_requests BIGINT NOT NULL DEFAULT 0,
	failed_requests BIGINT NOT NULL DEFAULT 0,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX daily_end_user_spend_row ON daily_end_user_spend (end_user_id, date, api_key, model,
	custom_llm_provider);
CREATE INDEX daily_end_user_spend_date ON daily_end_user_spend (date);
