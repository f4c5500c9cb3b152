package dev.llmgw.middleware.okta;

import dev.llmgw.middleware.upstream.GatewayClient;
import tools.jackson.databind.json.JsonMapper;

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

	@Bean
	OktaOnboardingFilter oktaOnboardingFilter(@Value("${middleware.okta.issuer}") String issuer,
			@Value("${middleware.okta.audience}") String audience, @Value("${middleware.master-key:}") String masterKey,
			GatewayClient gateway, JsonMapper mapper) {
		if (masterKey.isBlank()) {
			throw new IllegalStateException("OKTA_ISSUER is set but LITELLM_MASTER_KEY is not: Okta sign-up needs the "
					+ "gateway's master key to create users");
		}
		return new OktaOnboardingFilter(issuer, audience, masterKey, gateway, mapper);
	}

}
