-- LiteLLM's request tags (its LiteLLM_SpendLogs.request_tags and LiteLLM_DailyTagSpend): the tags a call was sent
-- with ("tags" or metadata.tags), kept on its spend-log row as a JSON list and added up per day, tag, key, model and
-- provider in the same transaction as the other daily tables. Rows written before hold no tags.
ALTER TABLE spend_logs ADD COLUMN request_tags TEXT DEFAULT '[]' NOT NULL;

CREATE TABLE daily_tag_spend (
	id VARCHAR(36) PRIMARY KEY,
	tag VARCHAR(255) NOT NULL,
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
CREATE UNIQUE INDEX daily_tag_spend_row ON daily_tag_spend (tag, date, api_key, model, custom_llm_provider);
CREATE INDEX daily_tag_spend_date ON daily_tag_spend (date);
