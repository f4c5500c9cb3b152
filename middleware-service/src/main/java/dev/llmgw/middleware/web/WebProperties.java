package dev.llmgw.middleware.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the middleware takes from browsers and in request bodies.
 *
 * @param corsAllowedOrigins origins browsers may call from, comma-separated
 * ({@code middleware.cors-allowed-origins}: {@code CORS_ALLOWED_ORIGINS})
 * @param maxRequestSizeMb the largest body of one request
 * ({@code middleware.max-request-size-mb}: {@code MIDDLEWARE_MAX_REQUEST_SIZE_MB})
 * @param maxInFlightRequestMb the bodies of all requests together, 0 for an eighth of the
 * heap ({@code middleware.max-in-flight-request-mb}:
 * {@code MIDDLEWARE_MAX_IN_FLIGHT_REQUEST_MB})
 */
@ConfigurationProperties("middleware")
public record WebProperties(@DefaultValue("*") String corsAllowedOrigins, @DefaultValue("32") double maxRequestSizeMb,
		@DefaultValue("0") double maxInFlightRequestMb) {

}
