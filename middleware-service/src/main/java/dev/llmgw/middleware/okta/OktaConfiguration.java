package dev.llmgw.middleware.okta;

import java.time.Clock;
import java.time.Duration;

import dev.llmgw.middleware.upstream.GatewayClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Okta sign-up, on when {@code OKTA_ISSUER} and {@code OKTA_AUDIENCE} are set; it calls
 * the gateway with {@code LITELLM_MASTER_KEY}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${middleware.okta.issuer:}'.isEmpty() and !'${middleware.okta.audience:}'.isEmpty()")
public class OktaConfiguration {

	/**
	 * @param jwksRefreshInterval the least time between two fetches of the issuer's keys
	 * ({@code OKTA_JWKS_MIN_REFRESH_INTERVAL}, 5 s): a token naming an unknown key causes
	 * a fetch at most this often, however many arrive
	 * @param clock the time that interval is measured in; the system's unless a test
	 * gives one
	 */
	@Bean
	OktaOnboardingFilter oktaOnboardingFilter(@Value("${middleware.okta.issuer}") String issuer,
			@Value("${middleware.okta.audience}") String audience, @Value("${middleware.master-key:}") String masterKey,
			@Value("${middleware.okta.jwks-min-refresh-interval:5s}") Duration jwksRefreshInterval,
			ObjectProvider<Clock> clock, GatewayClient gateway, JsonMapper mapper) {
		if (masterKey.isBlank()) {
			throw new IllegalStateException("OKTA_ISSUER is set but LITELLM_MASTER_KEY is not: Okta sign-up needs the "
					+ "gateway's master key to create users");
		}
		OktaTokenVerifier verifier = new OktaTokenVerifier(issuer, audience, jwksRefreshInterval,
				clock.getIfAvailable(Clock::systemUTC));
		return new OktaOnboardingFilter(verifier, masterKey, gateway, mapper);
	}

}
