package dev.llmgw.middleware.metrics;

import dev.llmgw.metrics.Family;

/**
 * The middleware's metric families, all under {@code llmgw_middleware_}: the gateway's
 * are LiteLLM's and count the calls the middleware makes to it, so these count what only
 * the middleware sees.
 */
final class Families {

	/**
	 * The latency buckets, in seconds: the gateway's (LiteLLM's {@code LATENCY_BUCKETS}),
	 * so that one dashboard compares both services' latencies bucket for bucket.
	 */
	static final double[] LATENCY_BUCKETS = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0,
			120.0, 300.0, 420.0, 600.0 };

	static final Family CONVERSE_REQUESTS = new Family("llmgw_middleware_converse_requests",
			"Bedrock Converse calls answered, by operation, model id (from the path) and the HTTP status sent "
					+ "(499: the caller went away before any answer)",
			"operation", "model", "status_code");

	static final Family CONVERSE_LATENCY = new Family("llmgw_middleware_converse_latency",
			"Latency (seconds) of a Bedrock Converse call, from its request to the end of its response", "operation");

	static final Family STREAMS_ACTIVE = new Family("llmgw_middleware_streams_active",
			"Bedrock Converse streams being answered now", "operation");

	static final Family STREAM_EVENTS = new Family("llmgw_middleware_stream_events",
			"AWS event-stream frames sent on Bedrock Converse streams, exception frames included", "operation");

	static final Family HISTORY_READS = new Family("llmgw_middleware_history_reads",
			"Chat sessions read from the database (a call continuing one, the chat-history routes, a deletion's "
					+ "owner check) and session listings, by outcome: ok, not_found, error",
			"outcome");

	static final Family HISTORY_WRITES = new Family("llmgw_middleware_history_writes",
			"Chat sessions written (a turn stored) or deleted, by outcome: ok, not_found (a deletion that found it "
					+ "gone), refused (another key's session), error",
			"outcome");

	static final Family PROMPT_FETCHES = new Family("llmgw_middleware_prompt_fetches",
			"Managed prompts looked up, by source (bedrock: GetPrompt; cache: fetched in the last minutes) and outcome"
					+ " (ok, not_found, error)",
			"source", "outcome");

	static final Family OKTA_SIGNUPS = new Family("llmgw_middleware_okta_signups",
			"Okta sign-ups, by outcome: created (a new user with a key), existing (a new key for a known user), "
					+ "refused (an invalid token, or one naming no subject), error (the gateway refused or failed)",
			"outcome");

	private Families() {
	}

}
