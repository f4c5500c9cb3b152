package dev.llmgw.fake.google;

import java.time.Instant;
import java.util.Set;

/**
 * What an issued access token stands for.
 *
 * @param clientEmail the service account it was issued to
 * @param scopes the scopes the assertion asked for
 * @param expiresAt when it stops being accepted
 */
public record AccessGrant(String clientEmail, Set<String> scopes, Instant expiresAt) {

	/** The scope Vertex AI requires. */
	public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

	public boolean expired(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	public boolean allows(String scope) {
		return this.scopes.contains(scope);
	}

}
