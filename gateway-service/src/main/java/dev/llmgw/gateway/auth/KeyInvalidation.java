package dev.llmgw.gateway.auth;

/**
 * Tells every gateway instance that cached key data changed, so that a deleted or blocked
 * key, or a changed user or team, takes effect everywhere at once. The admin API calls it
 * after each change it commits.
 */
public interface KeyInvalidation {

	void keyChanged(String tokenHash);

	void userChanged(String userId);

	void teamChanged(String teamId);

}
