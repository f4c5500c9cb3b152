package dev.llmgw.middleware.okta;

import java.time.Clock;

import dev.llmgw.middleware.upstream.GatewayClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Okta sign-up, on when {@code OKTA_ISSUER} and {@code OKTA_AUDIENCE} are set; it calls
 * the gateway with {@code LITELLM_MASTER_KEY}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${middleware.okta.issuer:}'.isEmpty() and !'${middleware.okta.audience:}'.isEmpty()")
@EnableConfigurationProperties(OktaProperties.class)
public class OktaConfiguration {

	/**
	 * @param properties the issuer, the audience and the gateway's master key
	 * @param clock the time the keys' refresh interval is measured in; the system's
	 * unless a test gives one
	 * @param events the metrics' watcher of sign-ups, when the metrics are on
	 */
	@Bean
	OktaOnboardingFilter oktaOnboardingFilter(OktaProperties properties, ObjectProvider<Clock> clock,
			GatewayClient gateway, JsonMapper mapper, ObjectProvider<OktaEvents> events) {
		if (properties.masterKey().isBlank()) {
			throw new IllegalStateException("OKTA_ISSUER is set but LITELLM_MASTER_KEY is not: Okta sign-up needs the "
					+ "gateway's master key to create users");
		}
		OktaProperties.Okta okta = properties.okta();
		OktaTokenVerifier verifier = new OktaTokenVerifier(okta.issuer(), okta.audience(),
				okta.jwksMinRefreshInterval(), clock.getIfAvailable(Clock::systemUTC));
		return new OktaOnboardingFilter(verifier, properties.masterKey(), gateway, mapper,
				events.getIfAvailable(() -> OktaEvents.NONE));
	}

}
