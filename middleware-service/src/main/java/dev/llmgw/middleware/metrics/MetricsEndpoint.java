package dev.llmgw.middleware.metrics;

import dev.llmgw.middleware.error.BedrockError;
import dev.llmgw.middleware.error.OpenAiErrorBody;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /metrics}: the registry in Prometheus' text format, or OpenMetrics when the
 * scraper asks for it, as the gateway's. Who may read it is {@link MetricsAccess}'s
 * choice; anyone else gets a 401 in OpenAI's error shape, as the gateway refuses a key.
 */
final class MetricsEndpoint {

	/** Prometheus' text format, what LiteLLM's Python client writes. */
	static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

	static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

	private final PrometheusMeterRegistry registry;

	private final MetricsAccess access;

	private final byte[] refusal;

	MetricsEndpoint(PrometheusMeterRegistry registry, MetricsAccess access, JsonMapper mapper) {
		this.registry = registry;
		this.access = access;
		this.refusal = mapper.writeValueAsBytes(OpenAiErrorBody.of(new BedrockError(401, "AccessDeniedException",
				"Authentication Error: /metrics takes the master key (LITELLM_MASTER_KEY) as 'Authorization: Bearer "
						+ "<key>'")));
	}

	Mono<ServerResponse> scrape(ServerRequest request) {
		if (!this.access.allows(request.headers().asHttpHeaders())) {
			return ServerResponse.status(401)
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.bodyValue(this.refusal);
		}
		String accept = request.headers().firstHeader(HttpHeaders.ACCEPT);
		String contentType = (accept != null && accept.contains("application/openmetrics-text")) ? OPEN_METRICS
				: TEXT_FORMAT;
		// writing hundreds of series is work for a worker thread, not an event loop
		return Mono.fromCallable(() -> this.registry.scrape(contentType))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((body) -> ServerResponse.ok()
				.header(HttpHeaders.CONTENT_TYPE, contentType)
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.bodyValue(body));
	}

}
