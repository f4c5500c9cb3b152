package dev.llmgw.gateway.providers.vertex;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Google's token endpoint's answer to a JWT-bearer grant: the token, or an OAuth error
 * (https://developers.google.com/identity/protocols/oauth2/service-account#httprest,
 * https://datatracker.ietf.org/doc/html/rfc6749#section-5.2). Never printed with its
 * token.
 *
 * @param accessToken the bearer token
 * @param expiresIn its lifetime in seconds (3599)
 * @param error the OAuth error code, e.g. {@code invalid_grant}
 * @param errorDescription what was wrong, e.g. {@code Invalid JWT Signature.}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GoogleTokenResponse(@JsonProperty("access_token") @Nullable String accessToken,
		@JsonProperty("expires_in") @Nullable Long expiresIn, @JsonProperty("error") @Nullable String error,
		@JsonProperty("error_description") @Nullable String errorDescription) {

	@Override
	public String toString() {
		return "GoogleTokenResponse[" + ((this.accessToken != null) ? "token" : this.error) + "]";
	}

}
