package dev.llmgw.gateway.ratelimit;

/** What a limit counts. */
public enum LimitKind {

	/** Requests per minute, counted when a request is admitted. */
	REQUESTS("requests"),

	/**
	 * Tokens per minute, counted when a request ends; refused once the minute's total
	 * reaches the limit.
	 */
	TOKENS("tokens"),

	/** Requests in flight, counted at admission and released at the end. */
	PARALLEL("parallel");

	private final String wireName;

	LimitKind(String wireName) {
		this.wireName = wireName;
	}

	/** The name used in Redis keys, scripts and LiteLLM's messages. */
	public String wireName() {
		return this.wireName;
	}

	/** LiteLLM's "Limit type" in refusals. */
	public String limitType() {
		return (this == PARALLEL) ? "max_parallel_requests" : this.wireName;
	}

}
