package dev.llmgw.gateway.web;

import dev.llmgw.memory.InFlightBodyBudget;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How much request-body memory the whole gateway process may hold at once (the
 * per-request limit is {@code general_settings.max_request_size_mb}).
 *
 * @param maxInFlightMb megabytes of request bodies held by all requests together
 * ({@code GATEWAY_MAX_IN_FLIGHT_REQUEST_MB}); unset: an eighth of the maximum heap
 */
@Validated
@ConfigurationProperties(RequestBodyProperties.PREFIX)
public record RequestBodyProperties(@Nullable @Positive Double maxInFlightMb) {

	public static final String PREFIX = "gateway.request-body";

	/** The budget in bytes. */
	public long budgetBytes() {
		Double configured = this.maxInFlightMb;
		return (configured != null) ? (long) (configured * 1024 * 1024)
				: InFlightBodyBudget.defaultCapacity(Runtime.getRuntime().maxMemory());
	}

}
