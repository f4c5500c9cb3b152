-- Users, teams, memberships, virtual keys, end users (customers) and budgets: the LiteLLM admin model
-- (shared/spec/admin-api.md). Written for PostgreSQL and for H2 in PostgreSQL mode (the embedded database), so:
-- JSON and lists are TEXT holding JSON, times are TIMESTAMP WITH TIME ZONE, no PostgreSQL-only types.

CREATE TABLE budgets (
	budget_id VARCHAR(255) PRIMARY KEY,
	max_budget DOUBLE PRECISION,
	soft_budget DOUBLE PRECISION,
	max_parallel_requests INTEGER,
	tpm_limit BIGINT,
	rpm_limit BIGINT,
	budget_duration VARCHAR(32),
	budget_reset_at TIMESTAMP WITH TIME ZONE,
	model_max_budget TEXT,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	created_by VARCHAR(255),
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_by VARCHAR(255)
);

CREATE TABLE users (
	user_id VARCHAR(255) PRIMARY KEY,
	user_alias VARCHAR(255),
	user_email VARCHAR(320),
	user_role VARCHAR(64) NOT NULL,
	sso_user_id VARCHAR(255),
	organization_id VARCHAR(255),
	models TEXT NOT NULL,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	max_budget DOUBLE PRECISION,
	budget_duration VARCHAR(32),
	budget_reset_at TIMESTAMP WITH TIME ZONE,
	model_spend TEXT NOT NULL,
	model_max_budget TEXT NOT NULL,
	tpm_limit BIGINT,
	rpm_limit BIGINT,
	max_parallel_requests INTEGER,
	metadata TEXT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX users_email ON users (user_email);

CREATE TABLE teams (
	team_id VARCHAR(255) PRIMARY KEY,
	team_alias VARCHAR(255),
	organization_id VARCHAR(255),
	models TEXT NOT NULL,
	model_aliases TEXT NOT NULL,
	max_budget DOUBLE PRECISION,
	soft_budget DOUBLE PRECISION,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	budget_duration VARCHAR(32),
	budget_reset_at TIMESTAMP WITH TIME ZONE,
	model_spend TEXT NOT NULL,
	model_max_budget TEXT NOT NULL,
	tpm_limit BIGINT,
	rpm_limit BIGINT,
	max_parallel_requests INTEGER,
	blocked BOOLEAN NOT NULL DEFAULT FALSE,
	metadata TEXT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE team_members (
	team_id VARCHAR(255) NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
	user_id VARCHAR(255) NOT NULL,
	role VARCHAR(32) NOT NULL,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	max_budget_in_team DOUBLE PRECISION,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

-- token: lowercase hex SHA-256 of the key, as LiteLLM stores it; the key itself is never stored.
CREATE TABLE api_keys (
	token VARCHAR(64) PRIMARY KEY,
	key_name VARCHAR(64) NOT NULL,
	key_alias VARCHAR(255),
	user_id VARCHAR(255),
	team_id VARCHAR(255),
	organization_id VARCHAR(255),
	budget_id VARCHAR(255),
	models TEXT NOT NULL,
	aliases TEXT NOT NULL,
	config TEXT NOT NULL,
	permissions TEXT NOT NULL,
	allowed_routes TEXT NOT NULL,
	allowed_cache_controls TEXT NOT NULL,
	tags TEXT NOT NULL,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	max_budget DOUBLE PRECISION,
	soft_budget DOUBLE PRECISION,
	budget_duration VARCHAR(32),
	budget_reset_at TIMESTAMP WITH TIME ZONE,
	model_spend TEXT NOT NULL,
	model_max_budget TEXT NOT NULL,
	expires TIMESTAMP WITH TIME ZONE,
	tpm_limit BIGINT,
	rpm_limit BIGINT,
	max_parallel_requests INTEGER,
	blocked BOOLEAN,
	key_type VARCHAR(32),
	metadata TEXT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	created_by VARCHAR(255),
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_by VARCHAR(255),
	last_active TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX api_keys_alias ON api_keys (key_alias);
CREATE INDEX api_keys_user ON api_keys (user_id);
CREATE INDEX api_keys_team ON api_keys (team_id);

CREATE TABLE customers (
	user_id VARCHAR(255) PRIMARY KEY,
	alias VARCHAR(255),
	blocked BOOLEAN NOT NULL DEFAULT FALSE,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	budget_id VARCHAR(255),
	allowed_model_region VARCHAR(8),
	default_model VARCHAR(255),
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
