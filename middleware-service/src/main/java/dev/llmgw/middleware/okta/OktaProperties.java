package dev.llmgw.middleware.okta;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Okta sign-up.
 *
 * @param masterKey the gateway's master key, which creates users on the gateway
 * ({@code middleware.master-key}: {@code LITELLM_MASTER_KEY})
 * @param okta the issuer whose tokens are taken ({@code middleware.okta.*})
 */
@ConfigurationProperties("middleware")
public record OktaProperties(@DefaultValue("") String masterKey, Okta okta) {

	/**
	 * @param issuer the issuer ({@code OKTA_ISSUER})
	 * @param audience the audience its tokens must name ({@code OKTA_AUDIENCE})
	 * @param jwksMinRefreshInterval the least time between two fetches of the issuer's
	 * keys ({@code OKTA_JWKS_MIN_REFRESH_INTERVAL}): a token naming an unknown key causes
	 * a fetch at most this often, however many arrive
	 */
	public record Okta(String issuer, String audience, @DefaultValue("5s") Duration jwksMinRefreshInterval) {

	}

}
