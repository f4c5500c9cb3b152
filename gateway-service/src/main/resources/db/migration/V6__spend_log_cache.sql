-- Whether the response cache answered a call and under which key, as LiteLLM's LiteLLM_SpendLogs has them:
-- cache_hit is 'True' or 'False', cache_key the key or 'Cache OFF'. Rows written before hold the defaults.
ALTER TABLE spend_logs ADD COLUMN cache_hit VARCHAR(8) DEFAULT 'False' NOT NULL;
ALTER TABLE spend_logs ADD COLUMN cache_key VARCHAR(512) DEFAULT 'Cache OFF' NOT NULL;
