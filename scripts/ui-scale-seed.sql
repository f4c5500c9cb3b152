-- Seeds a gateway database (migrated by the gateway itself) for the admin UI's scale check (scripts/ui-scale.sh):
-- :keys virtual keys over 10,000 users and 1,000 teams, :logs spend-log rows over :days days, and the daily
-- aggregate tables as the spend writer would have kept them. Traffic is skewed as real traffic is: nine calls in
-- ten come from 1,000 busy keys, the rest from any key. Everything is derived from row numbers, so two runs seed
-- the same data.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

INSERT INTO users (user_id, user_email, user_role, models, spend, model_spend, model_max_budget, metadata,
	created_at, updated_at)
SELECT 'u' || n, 'user' || n || '@example.com', 'internal_user', '[]', 0, '{}', '{}', '{}', now(), now()
FROM generate_series(0, 9999) AS n;

INSERT INTO teams (team_id, team_alias, models, model_aliases, spend, model_spend, model_max_budget, metadata,
	created_at, updated_at)
SELECT 't' || n, 'team-' || n, '[]', '{}', 0, '{}', '{}', '{}', now(), now()
FROM generate_series(0, 999) AS n;

INSERT INTO team_members (team_id, user_id, role, created_at)
SELECT 't' || (n % 1000), 'u' || n, CASE WHEN n < 1000 THEN 'admin' ELSE 'user' END, now()
FROM generate_series(0, 9999) AS n;

INSERT INTO api_keys (token, key_name, key_alias, user_id, team_id, models, aliases, config, permissions,
	allowed_routes, allowed_cache_controls, tags, spend, model_spend, model_max_budget, metadata, created_at,
	updated_at)
SELECT md5('k' || k) || md5('K' || k), 'sk-...' || substr(md5('n' || k), 1, 4), 'key-' || k, 'u' || (k % 10000),
	't' || (k % 1000), '[]', '{}', '{}', '{}', '[]', '[]', '[]', 0, '{}', '{}', '{}',
	now() - make_interval(secs => k), now()
FROM generate_series(0, :keys - 1) AS k;

INSERT INTO spend_logs (request_id, call_type, status, api_key, user_id, team_id, spend, prompt_tokens,
	completion_tokens, total_tokens, start_time, end_time, model, model_id, model_group, custom_llm_provider,
	metadata)
SELECT 'req-' || n, 'acompletion', CASE WHEN n % 50 = 0 THEN 'failure' ELSE 'success' END,
	md5('k' || k) || md5('K' || k), 'u' || (k % 10000), 't' || (k % 1000),
	(20 + n % 200) * 0.000002, 20 + n % 200, 10 + n % 90, 30 + n % 200 + n % 90,
	now() - make_interval(secs => (n::bigint * 7 % (:days * 86400))),
	now() - make_interval(secs => (n::bigint * 7 % (:days * 86400))) + interval '400 milliseconds',
	(ARRAY['gpt-4o-mini', 'gpt-4o', 'claude-3-haiku', 'llama3-70b', 'mistral-large'])[1 + n % 5], 'm' || (n % 5),
	(ARRAY['gpt-4o-mini', 'gpt-4o', 'claude-3-haiku', 'llama3-70b', 'mistral-large'])[1 + n % 5],
	(ARRAY['openai', 'openai', 'bedrock', 'bedrock', 'bedrock'])[1 + n % 5], '{}'
FROM (
	SELECT n, CASE WHEN n % 10 < 9 THEN (n::bigint * 7919) % 1000 ELSE (n::bigint * 104729) % :keys END AS k
	FROM generate_series(0, :logs - 1) AS n
) AS calls;

INSERT INTO daily_user_spend (id, user_id, date, api_key, model, model_group, custom_llm_provider, prompt_tokens,
	completion_tokens, spend, api_requests, successful_requests, failed_requests, created_at, updated_at)
SELECT gen_random_uuid()::text, user_id, to_char(start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD'), api_key, model,
	model_group, custom_llm_provider, sum(prompt_tokens), sum(completion_tokens), sum(spend), count(*),
	count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status <> 'success'), now(), now()
FROM spend_logs
GROUP BY user_id, to_char(start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD'), api_key, model, model_group,
	custom_llm_provider;

INSERT INTO daily_team_spend (id, team_id, date, api_key, model, model_group, custom_llm_provider, prompt_tokens,
	completion_tokens, spend, api_requests, successful_requests, failed_requests, created_at, updated_at)
SELECT gen_random_uuid()::text, k.team_id, d.date, d.api_key, d.model, d.model_group, d.custom_llm_provider,
	sum(d.prompt_tokens), sum(d.completion_tokens), sum(d.spend), sum(d.api_requests), sum(d.successful_requests),
	sum(d.failed_requests), now(), now()
FROM daily_user_spend AS d JOIN api_keys AS k ON k.token = d.api_key
GROUP BY k.team_id, d.date, d.api_key, d.model, d.model_group, d.custom_llm_provider;

UPDATE api_keys SET spend = totals.spend
FROM (SELECT api_key, sum(spend) AS spend FROM daily_user_spend GROUP BY api_key) AS totals
WHERE api_keys.token = totals.api_key;

-- vacuumed as a live database is, so that index-only scans need not visit the table
VACUUM (ANALYZE);
