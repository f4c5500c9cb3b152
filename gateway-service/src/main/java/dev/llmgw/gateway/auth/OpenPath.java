package dev.llmgw.gateway.auth;

/**
 * A path a feature serves without a key when the operator said so (such as
 * {@code /metrics} with {@code require_auth_for_metrics_endpoint: false}). A bean of this
 * type is all a feature needs: authentication asks every one.
 */
@FunctionalInterface
public interface OpenPath {

	/** Whether the request path is served without a key. */
	boolean matches(String path);

}
