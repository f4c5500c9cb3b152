-- The Usage page's standard ranges (the last 7 and 30 days), summed for their closed days, so that a summary adds
-- only today's rows to them (spend/reports/UsageWindows). A range may be summed again (rows were added to its days since),
-- under a new window_id; summaries read the newest complete one, whose rows never change, and older ones are
-- dropped a while later. Each dimension keeps its biggest names; the state row records, per dimension, the spend of
-- the last name kept when more were cut (0 when none were), which bounds every name left out.
CREATE TABLE usage_window_state (
	window_id VARCHAR(36) PRIMARY KEY,
	start_date VARCHAR(10) NOT NULL,
	end_date VARCHAR(10) NOT NULL,
	completed_at TIMESTAMP WITH TIME ZONE NOT NULL,
	source_rows BIGINT NOT NULL,
	model_bound DOUBLE PRECISION NOT NULL,
	key_bound DOUBLE PRECISION NOT NULL,
	user_bound DOUBLE PRECISION NOT NULL,
	team_bound DOUBLE PRECISION NOT NULL
);
CREATE INDEX usage_window_state_range ON usage_window_state (start_date, end_date);

-- An instance summing a range holds its claim; a claim older than a quarter of an hour is an instance's that died.
CREATE TABLE usage_window_claims (
	start_date VARCHAR(10) NOT NULL,
	end_date VARCHAR(10) NOT NULL,
	claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (start_date, end_date)
);

CREATE TABLE usage_windows (
	window_id VARCHAR(36) NOT NULL,
	dimension VARCHAR(8) NOT NULL,
	name VARCHAR(255) NOT NULL,
	spend DOUBLE PRECISION NOT NULL,
	prompt_tokens BIGINT NOT NULL,
	completion_tokens BIGINT NOT NULL,
	api_requests BIGINT NOT NULL,
	successful_requests BIGINT NOT NULL,
	failed_requests BIGINT NOT NULL,
	PRIMARY KEY (window_id, dimension, name)
);
