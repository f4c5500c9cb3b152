package dev.llmgw.gateway.error;

/**
 * 503: a store the gateway depends on (its database) cannot be reached, so the request
 * can be neither answered nor refused on its merits. The caller should retry shortly: a
 * 500 would say the gateway is broken, a 401 that a valid key is invalid. Worded and
 * typed as LiteLLM's auth path answers a database outage ({@code no_db_connection}). Not
 * retryable at another deployment: the caller retries, not the router.
 */
public final class ServiceUnavailableError extends GatewayError {

	public static final String TYPE = "no_db_connection";

	public ServiceUnavailableError(String message) {
		super(503, TYPE, message, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, for a dependency other than the database
	 * @param param what was being done
	 */
	public ServiceUnavailableError(String message, String type, String param) {
		super(503, type, message, param);
	}

	public static ServiceUnavailableError databaseUnreachable() {
		return new ServiceUnavailableError(
				"Service Unavailable, the database is temporarily unreachable. Please retry shortly.");
	}

}
