package dev.llmgw.middleware.web;

import java.util.Arrays;
import java.util.List;

import dev.llmgw.middleware.history.ChatHistory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Browsers may call the middleware from other origins ({@code CORS_ALLOWED_ORIGINS},
 * comma-separated, every origin by default, as the original allowed), and may read
 * {@code X-Session-Id} and the gateway's {@code x-litellm-*} headers from its answers.
 * First of all filters, so that the pass-through's own answers carry the headers too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
public class CrossOriginConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	CorsWebFilter corsWebFilter(WebProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(
				Arrays.stream(properties.corsAllowedOrigins().split(",")).map(String::trim).toList());
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of("*"));
		cors.setExposedHeaders(List.of(ChatHistory.SESSION_HEADER, "x-litellm-call-id", "x-litellm-model-id",
				"x-litellm-response-cost", "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens"));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return new CorsWebFilter(source);
	}

}
